"""performance indexes

Revision ID: 0006_perf
Revises: 0005_annual
Create Date: 2026-11-28 22:54:57.635937

The case list sorted by 答复期限 read and sorted the whole table for every page (0.1–0.2 s at
100,000 cases); an index on due_on serves both directions (issue 8). A plain CREATE INDEX, not a
batch operation: on SQLite a batch would copy the whole table for nothing.
"""

from __future__ import annotations

from alembic import op

revision = "0006_perf"
down_revision = "0005_annual"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_request_cases_due_on", "request_cases", ["due_on"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_request_cases_due_on", table_name="request_cases")
