"""The roles live in app/roles.py, a leaf module every package may import (the audit trail's
re-seal checks a role without making app.audit and app.auth import each other)."""

from __future__ import annotations

from app.roles import ROLE_LABELS as ROLE_LABELS
from app.roles import Role as Role
