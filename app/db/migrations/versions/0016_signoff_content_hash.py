"""signatures record the content hash of what the signer saw

Revision ID: 0016_signoff_content_hash
Revises: 0014_letters_issue11

Signatures made before carry '' (their content was not recorded).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0016_signoff_content_hash'
down_revision = "0014_letters_issue11"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('post_stage_reviews', schema=None) as batch_op:
        batch_op.add_column(sa.Column('content_hash', sa.String(length=64), nullable=False, server_default=''))

    with op.batch_alter_table('signoffs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('content_hash', sa.String(length=64), nullable=False, server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('signoffs', schema=None) as batch_op:
        batch_op.drop_column('content_hash')

    with op.batch_alter_table('post_stage_reviews', schema=None) as batch_op:
        batch_op.drop_column('content_hash')
