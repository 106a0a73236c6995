"""条例第三十五条 on a request case: the request for reasons, the applicant's reasons, the decision
and a reasonable later deadline (issue 11).

Revision ID: 0020_excessive_requests
Revises: 0019_item_number_order
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0020_excessive_requests"
down_revision = "0019_item_number_order"
branch_labels = None
depends_on = None

_DATES = ("excessive_asked_on", "excessive_reasons_due_on", "excessive_reasons_on", "excessive_decided_on",
          "excessive_due_on")
_TEXTS = ("excessive_facts", "excessive_reasons", "excessive_decision_reason")
_SHORT = (("excessive_ask_doc_no", 64), ("excessive_decision", 16), ("excessive_notice_doc_no", 64))


def upgrade() -> None:
    # Existing rows get "" in the text columns (server_default), as the models' default would give.
    with op.batch_alter_table("request_cases", schema=None) as batch_op:
        for name in _DATES:
            batch_op.add_column(sa.Column(name, sa.Date(), nullable=True))
        for name in _TEXTS:
            batch_op.add_column(sa.Column(name, sa.Text(), nullable=False, server_default=""))
        for name, length in _SHORT:
            batch_op.add_column(sa.Column(name, sa.String(length=length), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("request_cases", schema=None) as batch_op:
        for name in (*_DATES, *_TEXTS, *(n for n, _ in _SHORT)):
            batch_op.drop_column(name)
