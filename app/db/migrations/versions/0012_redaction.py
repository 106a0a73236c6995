"""Redaction marks and released copies of case documents

Revision ID: 0012_redaction
Revises: 0011_guide_editions
Create Date: 2026-12-03 09:42:52.524673
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0012_redaction'
down_revision = "0011_guide_editions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('partial_disclosure_notes',
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('no_copy_reason', sa.Text(), nullable=False),
    sa.Column('recorded_by', sa.String(length=64), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['request_cases.id'], name=op.f('fk_partial_disclosure_notes_case_id_request_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('case_id', name=op.f('pk_partial_disclosure_notes'))
    )
    op.create_table('case_redactions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('source_document_id', sa.Integer(), nullable=False),
    sa.Column('marks', sa.Text(), nullable=False),
    sa.Column('output_format', sa.String(length=8), nullable=False),
    sa.Column('released_document_id', sa.Integer(), nullable=True),
    sa.Column('statement', sa.Text(), nullable=False),
    sa.Column('released_at', sa.DateTime(), nullable=True),
    sa.Column('reviewed_by', sa.String(length=64), nullable=False),
    sa.Column('reviewed_at', sa.DateTime(), nullable=True),
    sa.Column('reviewed_marks', sa.String(length=32), nullable=False),
    sa.Column('updated_by', sa.String(length=64), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['request_cases.id'], name=op.f('fk_case_redactions_case_id_request_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['released_document_id'], ['case_documents.id'], name=op.f('fk_case_redactions_released_document_id_case_documents'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['source_document_id'], ['case_documents.id'], name=op.f('fk_case_redactions_source_document_id_case_documents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_redactions')),
    sa.UniqueConstraint('source_document_id', name=op.f('uq_case_redactions_source_document_id'))
    )
    with op.batch_alter_table('case_redactions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_redactions_case_id'), ['case_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('case_redactions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_redactions_case_id'))

    op.drop_table('case_redactions')
    op.drop_table('partial_disclosure_notes')

