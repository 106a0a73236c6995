"""The values a letter test fills every placeholder with (one short line each; a test that needs
several lines in a field overrides it), kept as data in letter_sample.json."""

from __future__ import annotations

import json
from pathlib import Path

SAMPLE: dict[str, str] = json.loads(Path(__file__).with_name("letter_sample.json").read_text(encoding="utf-8"))
