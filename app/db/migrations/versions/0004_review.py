"""publishing review

Revision ID: 0004_review
Revises: 0003_disclosure
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_review"
down_revision = "0003_disclosure"
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table('word_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('list_kind', sa.String(length=16), nullable=False),
    sa.Column('term', sa.String(length=200), nullable=False),
    sa.Column('extra', sa.String(length=300), nullable=False),
    sa.Column('note', sa.String(length=300), nullable=False),
    sa.Column('created_by', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_word_entries')),
    sa.UniqueConstraint('list_kind', 'term', name=op.f('uq_word_entries_list_kind_term'))
    )
    with op.batch_alter_table('word_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_word_entries_list_kind'), ['list_kind'], unique=False)

    op.create_table('inspections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('inspector_id', sa.Integer(), nullable=True),
    sa.Column('inspector_name', sa.String(length=64), nullable=False),
    sa.Column('site_reachable', sa.Boolean(), nullable=False),
    sa.Column('links_ok', sa.Boolean(), nullable=False),
    sa.Column('columns_updated', sa.Boolean(), nullable=False),
    sa.Column('content_ok', sa.Boolean(), nullable=False),
    sa.Column('checked_notes', sa.Text(), nullable=False),
    sa.Column('problems', sa.Text(), nullable=False),
    sa.Column('correction', sa.Text(), nullable=False),
    sa.Column('corrected_on', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['inspector_id'], ['users.id'], name=op.f('fk_inspections_inspector_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inspections'))
    )
    with op.batch_alter_table('inspections', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inspections_day'), ['day'], unique=False)

    op.create_table('posts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('post_no', sa.String(length=32), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('target', sa.String(length=100), nullable=False),
    sa.Column('kinds', sa.String(length=64), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('abstract', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=32), nullable=False),
    sa.Column('change_kind', sa.String(length=16), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('round', sa.Integer(), nullable=False),
    sa.Column('source_kind', sa.String(length=16), nullable=False),
    sa.Column('source_site', sa.String(length=200), nullable=False),
    sa.Column('reprinted_at', sa.DateTime(), nullable=True),
    sa.Column('source_url', sa.String(length=500), nullable=False),
    sa.Column('source_justification', sa.Text(), nullable=False),
    sa.Column('source_department', sa.String(length=200), nullable=False),
    sa.Column('basis_kind', sa.String(length=16), nullable=False),
    sa.Column('basis_reference', sa.String(length=300), nullable=False),
    sa.Column('source_unit', sa.String(length=200), nullable=False),
    sa.Column('sensitive', sa.Boolean(), nullable=False),
    sa.Column('major_emergency', sa.Boolean(), nullable=False),
    sa.Column('escalation_answer', sa.Text(), nullable=False),
    sa.Column('escalation_by', sa.String(length=200), nullable=False),
    sa.Column('escalation_on', sa.Date(), nullable=True),
    sa.Column('published_url', sa.String(length=500), nullable=False),
    sa.Column('published_at', sa.DateTime(), nullable=True),
    sa.Column('confirmed_by', sa.String(length=100), nullable=False),
    sa.Column('confirmed_at', sa.DateTime(), nullable=True),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_posts_author_id_users')),
    sa.ForeignKeyConstraint(['parent_id'], ['posts.id'], name=op.f('fk_posts_parent_id_posts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_posts')),
    sa.UniqueConstraint('post_no', name=op.f('uq_posts_post_no'))
    )
    with op.batch_alter_table('posts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_posts_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_posts_published_at'), ['published_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_posts_status'), ['status'], unique=False)

    op.create_table('post_accepted_findings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('matched', sa.String(length=200), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('accepted_by', sa.String(length=64), nullable=False),
    sa.Column('accepted_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['post_id'], ['posts.id'], name=op.f('fk_post_accepted_findings_post_id_posts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_post_accepted_findings'))
    )
    with op.batch_alter_table('post_accepted_findings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_post_accepted_findings_post_id'), ['post_id'], unique=False)

    op.create_table('post_attachments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('purpose', sa.String(length=32), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('mime_type', sa.String(length=100), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('added_by', sa.String(length=64), nullable=False),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['post_id'], ['posts.id'], name=op.f('fk_post_attachments_post_id_posts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_post_attachments'))
    )
    with op.batch_alter_table('post_attachments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_post_attachments_post_id'), ['post_id'], unique=False)

    op.create_table('post_stage_reviews',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('round', sa.Integer(), nullable=False),
    sa.Column('stage', sa.String(length=16), nullable=False),
    sa.Column('reviewer_id', sa.Integer(), nullable=False),
    sa.Column('reviewer_name', sa.String(length=64), nullable=False),
    sa.Column('decision', sa.String(length=16), nullable=False),
    sa.Column('opinion', sa.Text(), nullable=False),
    sa.Column('checklist_json', sa.Text(), nullable=False),
    sa.Column('version_number', sa.Integer(), nullable=False),
    sa.Column('signed_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['post_id'], ['posts.id'], name=op.f('fk_post_stage_reviews_post_id_posts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reviewer_id'], ['users.id'], name=op.f('fk_post_stage_reviews_reviewer_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_post_stage_reviews')),
    sa.UniqueConstraint('post_id', 'round', 'stage', name=op.f('uq_post_stage_reviews_post_id_round_stage'))
    )
    with op.batch_alter_table('post_stage_reviews', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_post_stage_reviews_post_id'), ['post_id'], unique=False)

    op.create_table('post_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('abstract', sa.Text(), nullable=False),
    sa.Column('saved_by', sa.String(length=64), nullable=False),
    sa.Column('saved_at', sa.DateTime(), nullable=False),
    sa.Column('stage', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['post_id'], ['posts.id'], name=op.f('fk_post_versions_post_id_posts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_post_versions')),
    sa.UniqueConstraint('post_id', 'number', name=op.f('uq_post_versions_post_id_number'))
    )
    with op.batch_alter_table('post_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_post_versions_post_id'), ['post_id'], unique=False)




def downgrade() -> None:

    with op.batch_alter_table('post_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_post_versions_post_id'))

    op.drop_table('post_versions')
    with op.batch_alter_table('post_stage_reviews', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_post_stage_reviews_post_id'))

    op.drop_table('post_stage_reviews')
    with op.batch_alter_table('post_attachments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_post_attachments_post_id'))

    op.drop_table('post_attachments')
    with op.batch_alter_table('post_accepted_findings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_post_accepted_findings_post_id'))

    op.drop_table('post_accepted_findings')
    with op.batch_alter_table('posts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_posts_status'))
        batch_op.drop_index(batch_op.f('ix_posts_published_at'))
        batch_op.drop_index(batch_op.f('ix_posts_author_id'))

    op.drop_table('posts')
    with op.batch_alter_table('inspections', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inspections_day'))

    op.drop_table('inspections')
    with op.batch_alter_table('word_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_word_entries_list_kind'))

    op.drop_table('word_entries')

