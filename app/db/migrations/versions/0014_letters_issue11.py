"""request cases: the 收费通知书 keeps the number drawn when the fee notice is sent; the reply's
delivery note (why a posted reply has no mail number, how one sent 其他 went); the numbers of the
consultation notices to the applicant (county text 五(三)) and to an overruled third party (第三十二条); the 主动公开 item a request became (第四十四条) (issue 11)

Revision ID: 0014_letters_issue11
Revises: 0013_website_report
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014_letters_issue11"
down_revision = "0013_website_report"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("case_consultations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("applicant_notice_doc_no", sa.String(length=64), nullable=False,
                                      server_default=""))
        batch_op.add_column(sa.Column("disclosure_notice_doc_no", sa.String(length=64), nullable=False,
                                      server_default=""))

    with op.batch_alter_table("request_cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("fee_doc_no", sa.String(length=64), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("reply_delivery_note", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("proactive_item_no", sa.String(length=32), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("request_cases", schema=None) as batch_op:
        batch_op.drop_column("proactive_item_no")
        batch_op.drop_column("reply_delivery_note")
        batch_op.drop_column("fee_doc_no")

    with op.batch_alter_table("case_consultations", schema=None) as batch_op:
        batch_op.drop_column("disclosure_notice_doc_no")
        batch_op.drop_column("applicant_notice_doc_no")
