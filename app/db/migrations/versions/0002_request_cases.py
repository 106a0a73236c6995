"""request cases

Revision ID: 0002_request_cases
Revises: 0001_foundation
Create Date: 2026-11-28 22:03:15.835988
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0002_request_cases'
down_revision = '0001_foundation'
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table('request_cases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_no', sa.String(length=64), nullable=False),
    sa.Column('status', sa.String(length=32), nullable=False),
    sa.Column('applicant_type', sa.String(length=32), nullable=False),
    sa.Column('applicant_name', sa.String(length=200), nullable=False),
    sa.Column('id_type', sa.String(length=32), nullable=False),
    sa.Column('id_number', sa.String(length=64), nullable=False),
    sa.Column('legal_representative', sa.String(length=100), nullable=False),
    sa.Column('contact_person', sa.String(length=100), nullable=False),
    sa.Column('phone', sa.String(length=64), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=False),
    sa.Column('address', sa.String(length=300), nullable=False),
    sa.Column('postcode', sa.String(length=16), nullable=False),
    sa.Column('agent_name', sa.String(length=100), nullable=False),
    sa.Column('agent_id_number', sa.String(length=64), nullable=False),
    sa.Column('agent_phone', sa.String(length=64), nullable=False),
    sa.Column('has_power_of_attorney', sa.Boolean(), nullable=False),
    sa.Column('channel', sa.String(length=32), nullable=False),
    sa.Column('submitted_on', sa.Date(), nullable=True),
    sa.Column('channel_date', sa.Date(), nullable=True),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('receipt_rule', sa.String(length=200), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('info_reference', sa.String(length=300), nullable=False),
    sa.Column('form_wanted', sa.String(length=64), nullable=False),
    sa.Column('delivery_method', sa.String(length=32), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('due_unconfirmed', sa.Boolean(), nullable=False),
    sa.Column('correction_notice_on', sa.Date(), nullable=True),
    sa.Column('correction_items', sa.Text(), nullable=False),
    sa.Column('correction_due_on', sa.Date(), nullable=True),
    sa.Column('correction_received_on', sa.Date(), nullable=True),
    sa.Column('extension_notified_on', sa.Date(), nullable=True),
    sa.Column('extension_reason', sa.Text(), nullable=False),
    sa.Column('fee_notice_on', sa.Date(), nullable=True),
    sa.Column('fee_amount', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('fee_paid_on', sa.Date(), nullable=True),
    sa.Column('reply_type', sa.String(length=32), nullable=False),
    sa.Column('outcome', sa.String(length=32), nullable=False),
    sa.Column('outcome_detail', sa.Integer(), nullable=True),
    sa.Column('reply_body', sa.Text(), nullable=False),
    sa.Column('reply_doc_no', sa.String(length=64), nullable=False),
    sa.Column('justice_review_on', sa.Date(), nullable=True),
    sa.Column('justice_opinion', sa.Text(), nullable=False),
    sa.Column('replied_on', sa.Date(), nullable=True),
    sa.Column('reply_delivery_method', sa.String(length=32), nullable=False),
    sa.Column('tracking_no', sa.String(length=64), nullable=False),
    sa.Column('delivered_on', sa.Date(), nullable=True),
    sa.Column('reply_round', sa.Integer(), nullable=False),
    sa.Column('reconsideration_result', sa.String(length=16), nullable=False),
    sa.Column('reconsideration_on', sa.Date(), nullable=True),
    sa.Column('litigation_kind', sa.String(length=16), nullable=False),
    sa.Column('litigation_result', sa.String(length=16), nullable=False),
    sa.Column('litigation_on', sa.Date(), nullable=True),
    sa.Column('remarks', sa.Text(), nullable=False),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('handler_id', sa.Integer(), nullable=True),
    sa.Column('created_by', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.Column('archived_at', sa.DateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['handler_id'], ['users.id'], name=op.f('fk_request_cases_handler_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_request_cases')),
    sa.UniqueConstraint('case_no', name=op.f('uq_request_cases_case_no'))
    )
    with op.batch_alter_table('request_cases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_request_cases_applicant_name'), ['applicant_name'], unique=False)
        batch_op.create_index(batch_op.f('ix_request_cases_applicant_type'), ['applicant_type'], unique=False)
        batch_op.create_index(batch_op.f('ix_request_cases_channel'), ['channel'], unique=False)
        batch_op.create_index(batch_op.f('ix_request_cases_handler_id'), ['handler_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_request_cases_id_number'), ['id_number'], unique=False)
        batch_op.create_index(batch_op.f('ix_request_cases_outcome'), ['outcome'], unique=False)
        batch_op.create_index('ix_request_cases_received_on', ['received_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_request_cases_replied_on'), ['replied_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_request_cases_status'), ['status'], unique=False)
        batch_op.create_index('ix_request_cases_status_due', ['status', 'due_on'], unique=False)

    op.create_table('case_consultations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('party', sa.String(length=200), nullable=False),
    sa.Column('matter', sa.Text(), nullable=False),
    sa.Column('sent_on', sa.Date(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('answered_on', sa.Date(), nullable=True),
    sa.Column('opinion', sa.String(length=16), nullable=False),
    sa.Column('opinion_text', sa.Text(), nullable=False),
    sa.Column('decision', sa.String(length=16), nullable=False),
    sa.Column('decision_reason', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['request_cases.id'], name=op.f('fk_case_consultations_case_id_request_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_consultations'))
    )
    with op.batch_alter_table('case_consultations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_consultations_case_id'), ['case_id'], unique=False)

    op.create_table('case_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=32), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('mime_type', sa.String(length=100), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('letter_kind', sa.String(length=32), nullable=False),
    sa.Column('note', sa.String(length=300), nullable=False),
    sa.Column('added_by', sa.String(length=64), nullable=False),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['request_cases.id'], name=op.f('fk_case_documents_case_id_request_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_documents'))
    )
    with op.batch_alter_table('case_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_documents_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_case_documents_category'), ['category'], unique=False)




def downgrade() -> None:

    with op.batch_alter_table('case_documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_documents_category'))
        batch_op.drop_index(batch_op.f('ix_case_documents_case_id'))

    op.drop_table('case_documents')
    with op.batch_alter_table('case_consultations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_consultations_case_id'))

    op.drop_table('case_consultations')
    with op.batch_alter_table('request_cases', schema=None) as batch_op:
        batch_op.drop_index('ix_request_cases_status_due')
        batch_op.drop_index(batch_op.f('ix_request_cases_status'))
        batch_op.drop_index(batch_op.f('ix_request_cases_replied_on'))
        batch_op.drop_index('ix_request_cases_received_on')
        batch_op.drop_index(batch_op.f('ix_request_cases_outcome'))
        batch_op.drop_index(batch_op.f('ix_request_cases_id_number'))
        batch_op.drop_index(batch_op.f('ix_request_cases_handler_id'))
        batch_op.drop_index(batch_op.f('ix_request_cases_channel'))
        batch_op.drop_index(batch_op.f('ix_request_cases_applicant_type'))
        batch_op.drop_index(batch_op.f('ix_request_cases_applicant_name'))

    op.drop_table('request_cases')

