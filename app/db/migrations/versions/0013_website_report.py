"""website report: typed figures per year, 政策解读 links, interpretation kind of a post; column categories

Revision ID: 0013_website_report
Revises: 0012_redaction
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0013_website_report"
down_revision = "0012_redaction"
branch_labels = None
depends_on = None


def _category(name: str, kind: str) -> str:
    # Frozen copy of app.website.columns.default_category: a migration must not change when the code does.
    if "解读" in name:
        return "政策解读"
    if "专题" in name or "专栏" in name:
        return "专栏专题"
    if "概况" in name:
        return "概况类"
    return {"新闻": "政务动态", "通知公告": "政务动态", "政策文件": "信息公开目录"}.get(kind, "其他")


def _with_categories(lines: list[str]) -> list[str]:
    out = []
    for line in lines:
        parts = [p.strip() for p in line.split("|")]
        if not parts[0] or len(parts) > 2:
            out.append(line)
            continue
        kind = (parts[1] if len(parts) > 1 else "") or "其他"
        out.append(f"{parts[0]}|{kind}|{_category(parts[0], kind)}")
    return out


def upgrade() -> None:
    op.create_table(
        "website_reports",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("typed_json", sa.Text(), nullable=False),
        sa.Column("locked", sa.Boolean(), nullable=False),
        sa.Column("locked_at", sa.DateTime(), nullable=True),
        sa.Column("locked_by", sa.String(length=64), nullable=False),
        sa.Column("figures_json", sa.Text(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("year", name=op.f("pk_website_reports")),
    )
    op.create_table(
        "policy_interpretations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("linked_by", sa.String(length=64), nullable=False),
        sa.Column("linked_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["item_id"], ["disclosure_items.id"],
                                name=op.f("fk_policy_interpretations_item_id_disclosure_items"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["post_id"], ["posts.id"],
                                name=op.f("fk_policy_interpretations_post_id_posts"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_policy_interpretations")),
        sa.UniqueConstraint("post_id", name=op.f("uq_policy_interpretations_post_id")),
    )
    with op.batch_alter_table("policy_interpretations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_policy_interpretations_item_id"), ["item_id"], unique=False)
    with op.batch_alter_table("posts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("interpretation_kind", sa.String(length=16), nullable=False, server_default=""))

    # Existing columns get a report category by their type (and name), written into the stored setting
    # so the administrator sees and can correct it; an office still on the default list needs nothing.
    settings = sa.table("settings", sa.column("key", sa.String), sa.column("value_json", sa.Text))
    conn = op.get_bind()
    stored = conn.execute(sa.select(settings.c.value_json).where(settings.c.key == "review.columns")).scalar()
    if stored:
        lines = json.loads(stored)
        if isinstance(lines, list):
            conn.execute(settings.update().where(settings.c.key == "review.columns").values(
                value_json=json.dumps(_with_categories([str(v) for v in lines]), ensure_ascii=False)))


def downgrade() -> None:
    with op.batch_alter_table("posts", schema=None) as batch_op:
        batch_op.drop_column("interpretation_kind")
    with op.batch_alter_table("policy_interpretations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_policy_interpretations_item_id"))
    op.drop_table("policy_interpretations")
    op.drop_table("website_reports")
