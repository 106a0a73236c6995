"""Imports every model module so Base.metadata knows every table (for Alembic and tests)."""

from __future__ import annotations

import app.annual.models
import app.audit.models
import app.auth.models
import app.cases.models
import app.disclosure.models
import app.guide.models
import app.numbering
import app.redaction.models
import app.review.models
import app.settings.models
import app.signoff.models
import app.website.models
import app.workdays.models  # noqa: F401
