"""Index serving the disclosure item list's number order (issue 14: the list is paged in SQL).

Revision ID: 0019_item_number_order
Revises: 0016_signoff_content_hash
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0019_item_number_order"
down_revision = "0016_signoff_content_hash"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Newest number first (GK-2024-10 after GK-2024-9): year, length, text, version — the order
    # app/disclosure/queries.list_items pages through; as in DisclosureItem.__table_args__.
    op.create_index(
        "ix_disclosure_items_number_order", "disclosure_items",
        [sa.func.substr(sa.text("item_no"), 4, 4), sa.func.length(sa.text("item_no")), "item_no", "version_no"],
    )


def downgrade() -> None:
    op.drop_index("ix_disclosure_items_number_order", table_name="disclosure_items")
