"""request cases: bounded pauses (consultation delivery, fee notice receipt), late 补正 reason,
平信 arrival day, computed fee working, 重复申请 reference, notice numbers drawn when sent (issue 11)

Revision ID: 0008_request_facts
Revises: 0007_reprint_level
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from alembic import op

revision = "0008_request_facts"
down_revision = "0007_reprint_level"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("case_consultations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("delivered_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("doc_no", sa.String(length=64), nullable=False, server_default=""))

    with op.batch_alter_table("request_cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("letter_arrived_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("correction_late_reason", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("fee_notice_received_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("fee_method", sa.String(length=16), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("fee_units", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("fee_earlier", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("fee_working", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("repeat_of_case_no", sa.String(length=64), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("correction_doc_no", sa.String(length=64), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("extension_doc_no", sa.String(length=64), nullable=False, server_default=""))

    _recompute_open_cases()


def _recompute_open_cases() -> None:
    """Consultation and fee pauses are bounded from now on: every open case's stored due date is
    recomputed once with the new arithmetic, as after a calendar change. The recompute reads and
    writes named columns only, so later migrations adding columns do not break it."""
    from sqlalchemy.orm import Session

    from app.cases.recompute import recompute_open_cases
    from app.workdays.service import load_calendar

    session = Session(bind=op.get_bind())
    recompute_open_cases(session, load_calendar(session), date.today())
    session.flush()


def downgrade() -> None:
    with op.batch_alter_table("request_cases", schema=None) as batch_op:
        batch_op.drop_column("extension_doc_no")
        batch_op.drop_column("correction_doc_no")
        batch_op.drop_column("repeat_of_case_no")
        batch_op.drop_column("fee_working")
        batch_op.drop_column("fee_earlier")
        batch_op.drop_column("fee_units")
        batch_op.drop_column("fee_method")
        batch_op.drop_column("fee_notice_received_on")
        batch_op.drop_column("correction_late_reason")
        batch_op.drop_column("letter_arrived_on")

    with op.batch_alter_table("case_consultations", schema=None) as batch_op:
        batch_op.drop_column("doc_no")
        batch_op.drop_column("delivered_on")
