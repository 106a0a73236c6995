"""proactive disclosure

Revision ID: 0003_disclosure
Revises: 0002_request_cases
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_disclosure"
down_revision = "0002_request_cases"
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table('disclosure_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_no', sa.String(length=32), nullable=False),
    sa.Column('version_no', sa.Integer(), nullable=False),
    sa.Column('previous_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('category', sa.Integer(), nullable=False),
    sa.Column('section', sa.String(length=64), nullable=False),
    sa.Column('doc_no', sa.String(length=64), nullable=False),
    sa.Column('doc_kind', sa.String(length=16), nullable=False),
    sa.Column('formed_on', sa.Date(), nullable=False),
    sa.Column('repealed_on', sa.Date(), nullable=True),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('other_bodies', sa.String(length=300), nullable=False),
    sa.Column('others_confirmed_on', sa.Date(), nullable=True),
    sa.Column('others_confirmation', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('decision', sa.String(length=16), nullable=False),
    sa.Column('withhold_reason', sa.Integer(), nullable=True),
    sa.Column('legal_basis', sa.Text(), nullable=False),
    sa.Column('secrecy_reviewer', sa.String(length=64), nullable=False),
    sa.Column('secrecy_reviewed_on', sa.Date(), nullable=True),
    sa.Column('secrecy_opinion', sa.Text(), nullable=False),
    sa.Column('channels', sa.String(length=200), nullable=False),
    sa.Column('published_on', sa.Date(), nullable=True),
    sa.Column('url', sa.String(length=500), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('due_unconfirmed', sa.Boolean(), nullable=False),
    sa.Column('delay_cause', sa.Text(), nullable=False),
    sa.Column('delay_ended_on', sa.Date(), nullable=True),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('created_by', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['previous_id'], ['disclosure_items.id'], name=op.f('fk_disclosure_items_previous_id_disclosure_items')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_disclosure_items'))
    )
    with op.batch_alter_table('disclosure_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_disclosure_items_due_on'), ['due_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_disclosure_items_item_no'), ['item_no'], unique=False)
        batch_op.create_index(batch_op.f('ix_disclosure_items_published_on'), ['published_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_disclosure_items_status'), ['status'], unique=False)

    op.create_table('disclosure_year_figures',
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('rules_issued', sa.Integer(), nullable=False),
    sa.Column('rules_repealed', sa.Integer(), nullable=False),
    sa.Column('rules_in_force', sa.Integer(), nullable=False),
    sa.Column('normative_issued_extra', sa.Integer(), nullable=False),
    sa.Column('normative_repealed_extra', sa.Integer(), nullable=False),
    sa.Column('normative_in_force_extra', sa.Integer(), nullable=False),
    sa.Column('licensing_decisions', sa.Integer(), nullable=False),
    sa.Column('punishment_decisions', sa.Integer(), nullable=False),
    sa.Column('enforcement_decisions', sa.Integer(), nullable=False),
    sa.Column('fees_amount', sa.Numeric(precision=14, scale=4), nullable=False),
    sa.Column('updated_by', sa.String(length=64), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('year', name=op.f('pk_disclosure_year_figures'))
    )
    op.create_table('disclosure_attachments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('mime_type', sa.String(length=100), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('added_by', sa.String(length=64), nullable=False),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['disclosure_items.id'], name=op.f('fk_disclosure_attachments_item_id_disclosure_items'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_disclosure_attachments'))
    )
    with op.batch_alter_table('disclosure_attachments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_disclosure_attachments_item_id'), ['item_id'], unique=False)




def downgrade() -> None:

    with op.batch_alter_table('disclosure_attachments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_disclosure_attachments_item_id'))

    op.drop_table('disclosure_attachments')
    op.drop_table('disclosure_year_figures')
    with op.batch_alter_table('disclosure_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_disclosure_items_status'))
        batch_op.drop_index(batch_op.f('ix_disclosure_items_published_on'))
        batch_op.drop_index(batch_op.f('ix_disclosure_items_item_no'))
        batch_op.drop_index(batch_op.f('ix_disclosure_items_due_on'))

    op.drop_table('disclosure_items')

