"""annual report

Revision ID: 0005_annual
Revises: 0004_review
Create Date: 2026-11-28 22:13:34.712694
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005_annual'
down_revision = '0004_review'
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table('annual_reports',
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('part1', sa.Text(), nullable=False),
    sa.Column('part5', sa.Text(), nullable=False),
    sa.Column('part6', sa.Text(), nullable=False),
    sa.Column('locked', sa.Boolean(), nullable=False),
    sa.Column('locked_at', sa.DateTime(), nullable=True),
    sa.Column('locked_by', sa.String(length=64), nullable=False),
    sa.Column('figures_json', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('year', name=op.f('pk_annual_reports'))
    )



def downgrade() -> None:

    op.drop_table('annual_reports')

