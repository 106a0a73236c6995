"""The Excel register of posts (稿件登记台账) for one year, print-ready on A4 landscape.

A year's posts are those numbered in it (编号 2024-…): the number is what the paper sheets are filed
under, so the register and the filed 审核发布单 list the same posts. Each stage column shows who
signed the round that counts and when (local time); a post still under review shows the stages it
has passed. The file appears only when complete (atomic_write); one audit entry follows.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any, Unpack

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.auth.models import User
from app.auth.roles import Role
from app.context import Actor
from app.localtime import local_text, to_local
from app.review.enums import ChangeKind, PostKind, PostStatus, ReviewStage, SourceKind
from app.review.models import Post, StageReview
from app.settings import get_setting
from app.signoff.service import Decision
from app.year_register import ExportOptions, RegisterSheet, export_year_register

EXPORT_ROLES = (Role.EDITOR, Role.SECTION_HEAD, Role.LEADER_IN_CHARGE, Role.PRINCIPAL_LEADER, Role.ADMIN)
SHEET_NAME = "稿件登记台账"
STEP = 50  # rows between progress reports / cancel checks (a county posts a few thousand a year)

HEADERS: tuple[str, ...] = (
    "编号", "标题", "栏目/账号", "形式", "来源类型", "来源", "作者", "状态", "轮次",
    "初审（签署人、时间）", "二审（签署人、时间）", "三审（签署人、时间）", "发布时间", "网址", "来源单位确认",
    "变更类型", "原稿编号",
)
WIDTHS: tuple[float, ...] = (10, 36, 14, 8, 8, 34, 8, 12, 6, 16, 16, 16, 16, 30, 18, 8, 10)
_WRAP = frozenset(HEADERS.index(h) for h in ("标题", "栏目/账号", "来源", "初审（签署人、时间）",
                                               "二审（签署人、时间）", "三审（签署人、时间）", "网址", "来源单位确认"))
# What the paper file shows by default (the export dialog lets an office choose and remembers).
PRINT_COLUMNS: tuple[str, ...] = (
    "编号", "标题", "栏目/账号", "来源类型", "来源", "作者", "初审（签署人、时间）", "二审（签署人、时间）",
    "三审（签署人、时间）", "发布时间",
)
REGISTER = RegisterSheet(SHEET_NAME, HEADERS, WIDTHS, _WRAP, PRINT_COLUMNS, EXPORT_ROLES, "post_register", "篇", STEP)


def source_text(post: Post) -> str:
    """The source in one cell, with what rule A 第十条(四) and 第七、八条 ask to record."""
    kind = SourceKind(post.source_kind)
    if kind is SourceKind.REPRINT:
        parts = [post.source_site, local_text(post.reprinted_at), post.source_url]
        if post.source_justification:
            parts.append(f"转载理由：{post.source_justification}")
    elif kind is SourceKind.COLLECTED:
        parts = [post.source_department, post.source_url]
    else:
        parts = [post.basis_kind, post.basis_reference]
    return "，".join(p for p in parts if p)


def _post_sort_key(post_no: str) -> tuple[int, str]:
    _year, _, number = post_no.partition("-")
    return (int(number), post_no) if number.isdigit() else (1 << 30, post_no)


def _local(value: datetime | None) -> datetime | None:
    """A stored (UTC) time as the office's local time without a zone: Excel has no time zones."""
    local = to_local(value)
    return local.replace(tzinfo=None) if local else None


def row_values(post: Post, author: str, parent_no: str, signed: dict[ReviewStage, str]) -> list[Any]:
    # 发布时间 is a real Excel date-time (local, shown yyyy-mm-dd hh:mm) so it sorts and filters
    # as a time; the sign-off columns join a name and a time and stay text.
    confirmed = f"{post.confirmed_by}，{local_text(post.confirmed_at)}" if post.confirmed_at else ""
    return [
        post.post_no, post.title, post.target, "、".join(PostKind(k).label for k in post.kinds.split(",") if k),
        SourceKind(post.source_kind).label, source_text(post), author, PostStatus(post.status).label, post.round,
        signed.get(ReviewStage.FIRST, ""), signed.get(ReviewStage.SECOND, ""), signed.get(ReviewStage.THIRD, ""),
        _local(post.published_at), post.published_url, confirmed, ChangeKind(post.change_kind).label, parent_no,
    ]


def register_title(session: Session, year: int) -> str:
    return f"{get_setting(session, 'org.government_name')}门户网站（政务新媒体）稿件登记台账（{year}年）"


def export_post_register(session: Session, actor: Actor, path: str | Path, year: int,
                         **options: Unpack[ExportOptions]) -> int:
    """Write the register of posts numbered in `year` to `path` (.xlsx); returns the row count. The
    workbook opens on a print sheet of `layout`'s columns (default PRINT_COLUMNS on A4)."""
    def rows() -> tuple[int, Iterable[list[Any]]]:
        in_year = Post.post_no.like(f"{year}-%")
        posts = sorted(session.scalars(select(Post).where(in_year)), key=lambda p: _post_sort_key(p.post_no))
        authors = {uid: name for uid, name in session.execute(select(User.id, User.display_name))}
        parents = select(Post.parent_id).where(in_year, Post.parent_id.is_not(None))
        numbers = {pid: no for pid, no in session.execute(
            select(Post.id, Post.post_no).where(Post.id.in_(parents)))}
        # Approvals of each post's current round, read in one query rather than per post.
        signed: dict[int, dict[ReviewStage, str]] = {}
        rounds = {p.id: p.round for p in posts}
        reviews = session.scalars(select(StageReview).where(
            StageReview.post_id.in_(select(Post.id).where(in_year)), StageReview.decision == Decision.APPROVE.value))
        for r in reviews:
            if r.round == rounds.get(r.post_id):
                signed.setdefault(r.post_id, {})[ReviewStage(r.stage)] = (
                    f"{r.reviewer_name}，{local_text(r.signed_at)}")
        return len(posts), (row_values(post, authors.get(post.author_id, ""), numbers.get(post.parent_id or 0, ""),
                                       signed.get(post.id, {})) for post in posts)

    return export_year_register(session, actor, REGISTER, path, year, register_title, rows,
                                **options)
