"""reprinted document level (rule A 第十条第三项)

Revision ID: 0007_reprint_level
Revises: 0006_perf
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_reprint_level"
down_revision = "0006_perf"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("posts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reprint_doc_level", sa.String(length=16), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("posts", schema=None) as batch_op:
        batch_op.drop_column("reprint_doc_level")
