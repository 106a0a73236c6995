"""proactive disclosure

Revision ID: 0003_disclosure
Revises: 0002_request_cases
"""

from __future__ import annotations

revision = "0003_disclosure"
down_revision = "0002_request_cases"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
