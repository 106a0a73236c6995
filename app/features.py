"""Importing this module imports every feature package, so each registers its dashboard
provider, deadline recomputer and settings. Listed explicitly: no magic discovery."""

from __future__ import annotations

import app.cases.hooks
import app.disclosure.hooks
import app.guide.hooks
import app.review.hooks
import app.website.hooks  # noqa: F401
