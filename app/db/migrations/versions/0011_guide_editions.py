"""guide editions: each exported 政府信息公开指南 and when it was published (issue 18)

Revision ID: 0011_guide_editions
Revises: 0009_signer_password_setter
Create Date: 2026-12-03 09:33:17.131667
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_guide_editions"
down_revision = "0009_signer_password_setter"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('guide_editions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('exported_at', sa.DateTime(), nullable=False),
    sa.Column('exported_on', sa.Date(), nullable=False),
    sa.Column('exported_by', sa.String(length=64), nullable=False),
    sa.Column('file_name', sa.String(length=255), nullable=False),
    sa.Column('settings_json', sa.Text(), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('published_on', sa.Date(), nullable=True),
    sa.Column('published_by', sa.String(length=64), nullable=False),
    sa.Column('disclosure_item_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['disclosure_item_id'], ['disclosure_items.id'], name=op.f('fk_guide_editions_disclosure_item_id_disclosure_items'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_guide_editions'))
    )
    with op.batch_alter_table('guide_editions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_guide_editions_fingerprint'), ['fingerprint'], unique=False)
        batch_op.create_index(batch_op.f('ix_guide_editions_published_on'), ['published_on'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('guide_editions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_guide_editions_published_on'))
        batch_op.drop_index(batch_op.f('ix_guide_editions_fingerprint'))

    op.drop_table('guide_editions')

