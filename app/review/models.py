"""Publishing-review tables: posts, their versions, stage reviews, attachments, word lists,
accepted findings and the daily inspection log."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.attachment_model import AttachmentColumns
from app.db.base import Base, owned_rows, utcnow


class Post(Base):
    __tablename__ = "posts"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_no: Mapped[str] = mapped_column(String(32), unique=True)  # 审核发布单编号, e.g. 2024-0012
    title: Mapped[str] = mapped_column(String(300))
    target: Mapped[str] = mapped_column(String(100))  # portal column or new-media account
    kinds: Mapped[str] = mapped_column(String(64), default="text")  # comma-separated PostKind values
    body: Mapped[str] = mapped_column(Text, default="")
    abstract: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(32), index=True)
    change_kind: Mapped[str] = mapped_column(String(16), default="new")
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id"), nullable=True)  # corrected post
    round: Mapped[int] = mapped_column(Integer, default=1)  # +1 each time the post is returned

    # Source (第五–八条)
    source_kind: Mapped[str] = mapped_column(String(16))
    source_site: Mapped[str] = mapped_column(String(200), default="")  # 转载来源网站
    reprinted_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)  # 转载时间
    source_url: Mapped[str] = mapped_column(String(500), default="")  # 转载链接 / 采集页面
    reprint_doc_level: Mapped[str] = mapped_column(String(16), default="")  # REPRINT_LEVELS key
    source_justification: Mapped[str] = mapped_column(Text, default="")  # source not on the list
    source_department: Mapped[str] = mapped_column(String(200), default="")  # 采集: 报送单位
    basis_kind: Mapped[str] = mapped_column(String(16), default="")  # 首发: 领导批示 / 正式公函
    basis_reference: Mapped[str] = mapped_column(String(300), default="")
    source_unit: Mapped[str] = mapped_column(String(200), default="")  # who confirms after publication
    # 政策解读 columns: 解读材料 / 解读产品 / 媒体评论文章 (app.review.enums.InterpretationKind)
    interpretation_kind: Mapped[str] = mapped_column(String(16), default="")

    # Escalation (第九条 last paragraph)
    sensitive: Mapped[bool] = mapped_column(Boolean, default=False)
    major_emergency: Mapped[bool] = mapped_column(Boolean, default=False)
    escalation_answer: Mapped[str] = mapped_column(Text, default="")
    escalation_by: Mapped[str] = mapped_column(String(200), default="")  # 县委保密部门 / 网信部门 / 县领导
    escalation_on: Mapped[date | None] = mapped_column(Date, nullable=True)

    # Publication and confirmation (第十二–十五条)
    published_url: Mapped[str] = mapped_column(String(500), default="")
    published_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True, index=True)
    confirmed_by: Mapped[str] = mapped_column(String(100), default="")
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)

    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    search_text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    versions: Mapped[list[PostVersion]] = owned_rows("post", "PostVersion.number")
    reviews: Mapped[list[StageReview]] = owned_rows("post", "StageReview.id")
    attachments: Mapped[list[PostAttachment]] = owned_rows("post", "PostAttachment.id")

    __mapper_args__ = {"version_id_col": version}


class PostVersion(Base):
    """The text as it stood when saved; a reviewer sees the difference from the version the
    previous stage approved."""

    __tablename__ = "post_versions"
    __table_args__ = (UniqueConstraint("post_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    abstract: Mapped[str] = mapped_column(Text, default="")
    saved_by: Mapped[str] = mapped_column(String(64))
    saved_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    stage: Mapped[str] = mapped_column(String(16), default="")  # stage during which it was saved

    post: Mapped[Post] = relationship(back_populates="versions")


class StageReview(Base):
    """One stage's decision in one round. Unique per (post, round, stage): two people approving
    the same stage at once produce one review, not two."""

    __tablename__ = "post_stage_reviews"
    __table_args__ = (UniqueConstraint("post_id", "round", "stage"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), index=True)
    round: Mapped[int] = mapped_column(Integer)
    stage: Mapped[str] = mapped_column(String(16))
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    reviewer_name: Mapped[str] = mapped_column(String(64))
    decision: Mapped[str] = mapped_column(String(16))  # approve / return
    opinion: Mapped[str] = mapped_column(Text, default="")
    checklist_json: Mapped[str] = mapped_column(Text, default="{}")  # {item: {"ok": bool, "note": str}}
    version_number: Mapped[int] = mapped_column(Integer)  # the version this stage saw
    content_hash: Mapped[str] = mapped_column(String(64), default="")  # app.signoff.content of what was signed
    signed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    post: Mapped[Post] = relationship(back_populates="reviews")


class PostAttachment(AttachmentColumns, Base):
    __tablename__ = "post_attachments"

    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(String(32), default="content")  # content / basis / escalation

    post: Mapped[Post] = relationship(back_populates="attachments")


class AcceptedFinding(Base):
    """A reviewer judged an automated finding harmless, with a reason (also in the audit trail)."""

    __tablename__ = "post_accepted_findings"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    matched: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text)
    accepted_by: Mapped[str] = mapped_column(String(64))
    accepted_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class WordEntry(Base):
    """One entry of an administrator-kept list (sensitive words, wording errors, leaders …)."""

    __tablename__ = "word_entries"
    __table_args__ = (UniqueConstraint("list_kind", "term"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    list_kind: Mapped[str] = mapped_column(String(16), index=True)
    term: Mapped[str] = mapped_column(String(200))
    extra: Mapped[str] = mapped_column(String(300), default="")
    note: Mapped[str] = mapped_column(String(300), default="")
    created_by: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Inspection(Base):
    """日常读网/巡检: one day's reading of the site (rule A 第十八、十九条)."""

    __tablename__ = "inspections"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    inspector_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    inspector_name: Mapped[str] = mapped_column(String(64))
    site_reachable: Mapped[bool] = mapped_column(Boolean, default=True)
    links_ok: Mapped[bool] = mapped_column(Boolean, default=True)
    columns_updated: Mapped[bool] = mapped_column(Boolean, default=True)
    content_ok: Mapped[bool] = mapped_column(Boolean, default=True)
    checked_notes: Mapped[str] = mapped_column(Text, default="")
    problems: Mapped[str] = mapped_column(Text, default="")
    correction: Mapped[str] = mapped_column(Text, default="")
    corrected_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}
