"""password setter on accounts and signatures

Revision ID: 0009_signer_password_setter
Revises: 0008_request_facts
Create Date: 2026-12-03 09:31:09.965386
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0009_signer_password_setter'
down_revision = "0008_request_facts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('signoffs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('signer_password_set_by', sa.String(length=128), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('signer_password_set_at', sa.DateTime(), nullable=True))

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('password_set_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('password_set_by_name', sa.String(length=128), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('password_set_at', sa.DateTime(), nullable=True))
    # Accounts older than this record: who set their password is unknown, so password_set_by_id
    # stays NULL and they cannot sign until the owner changes the password once (app.auth.proof).

def downgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('password_set_at')
        batch_op.drop_column('password_set_by_name')
        batch_op.drop_column('password_set_by_id')

    with op.batch_alter_table('signoffs', schema=None) as batch_op:
        batch_op.drop_column('signer_password_set_at')
        batch_op.drop_column('signer_password_set_by')
