"""The slow list names tests that exist (a renamed test would silently leave the quick loop slow)."""

from __future__ import annotations

from pathlib import Path

from tests.slow_tests import SLOW_FILES, SLOW_TESTS

ROOT = Path(__file__).resolve().parents[2]


def test_every_listed_slow_test_exists() -> None:
    for path in SLOW_FILES:
        assert (ROOT / path).is_file(), path
    for entry in SLOW_TESTS:
        path, name = entry.split("::")
        assert f"def {name}(" in (ROOT / path).read_text(encoding="utf-8"), entry
