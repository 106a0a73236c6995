"""Read-side helpers for the 发布审核 screens: the post list (SQL-side filter, sort and paging), plain
snapshots of one post, the version a reviewer compares against, a text diff, and inspection rows.

Pure Python (no Qt): the screens get dataclasses, never live ORM objects, so nothing they hold
can lazy-load after its session closed. Writes still go through posts.py / workflow.py.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, false, func, or_, select
from sqlalchemy.orm import Session

from app.attachments import attachment_file
from app.auth.models import User
from app.auth.roles import Role
from app.availability import Availability
from app.cases.search import like_pattern
from app.context import Actor
from app.errors import ValidationError
from app.review.enums import ChangeKind, PostKind, PostStatus, ReviewStage, SourceKind
from app.review.inspections import parse_columns
from app.review.models import Inspection, Post, PostAttachment, PostVersion, StageReview
from app.review.post_actions import PostAction, post_actions_for
from app.review.posts import STAGE_ROLES, PostForm, form_of, get_post, may_edit
from app.review.workflow import STAGE_OF_STATUS, ChecklistMark, _check_checklist, accepted_findings
from app.settings import get_setting
from app.signoff.service import Decision

PURPOSE_LABELS = {"content": "稿件附件", "basis": "批示/公函扫描件", "escalation": "请示答复"}


# -- targets -------------------------------------------------------------------------------------
def targets(session: Session) -> tuple[list[str], list[str]]:
    """(portal columns, new-media accounts) as the administrator keeps them in settings."""
    columns = [name for name, _kind in parse_columns(get_setting(session, "review.columns"))]
    accounts = [a.strip() for a in get_setting(session, "review.accounts") if a.strip()]
    return columns, accounts


# -- the post list -------------------------------------------------------------------------------
@dataclass(frozen=True)
class PostRow:
    id: int
    post_no: str
    title: str
    target: str
    status: PostStatus
    change_kind: ChangeKind
    round: int
    source_kind: SourceKind
    author_name: str
    sensitive: bool
    major_emergency: bool
    updated_at: datetime
    published_at: datetime | None


@dataclass
class PostFilter:
    status: PostStatus | None = None
    target: str | None = None
    mine_user_id: int | None = None  # posts this user wrote
    waiting_for: Actor | None = None  # posts on which this user has something to do
    text: str = ""


_SORTS: dict[str, tuple[Any, ...]] = {
    "post_no": (Post.id,),  # numbers are handed out in creation order
    "title": (Post.title,),
    "target": (Post.target,),
    "status": (Post.status,),
    "change_kind": (Post.change_kind,),
    "round": (Post.round,),
    "source_kind": (Post.source_kind,),
    "author_name": (User.display_name,),
    "updated_at": (Post.updated_at,),
    "published_at": (Post.published_at,),
}
SORT_KEYS: tuple[str, ...] = tuple(_SORTS)


def waiting_condition(actor: Actor) -> ColumnElement[bool]:
    """Posts on which `actor` has the next step: a stage of their role they may still sign (the rules
    of workflow.excluded_signers, in SQL), and for editors their own drafts and posts to publish or
    have confirmed."""
    uid = actor.user_id
    conds: list[ColumnElement[bool]] = []
    for status, stage in STAGE_OF_STATUS.items():
        if not actor.has(*STAGE_ROLES[stage]):
            continue
        signed_other = exists().where(
            StageReview.post_id == Post.id, StageReview.round == Post.round,
            StageReview.decision == Decision.APPROVE.value, StageReview.stage != stage.value,
            StageReview.reviewer_id == uid,
        )
        cond = and_(Post.status == status.value, ~signed_other)
        if stage is not ReviewStage.FIRST:
            cond = and_(cond, Post.author_id != uid)
        conds.append(cond)
    if actor.has(Role.EDITOR):
        conds.append(Post.status.in_((PostStatus.READY.value, PostStatus.PUBLISHED.value)))
        conds.append(and_(Post.status == PostStatus.DRAFT.value, Post.author_id == uid))
    return or_(*conds) if conds else false()


def _conditions(f: PostFilter) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = []
    if f.status is not None:
        conds.append(Post.status == PostStatus(f.status).value)
    if f.target:
        conds.append(Post.target == f.target)
    if f.mine_user_id is not None:
        conds.append(Post.author_id == f.mine_user_id)
    if f.waiting_for is not None:
        conds.append(waiting_condition(f.waiting_for))
    if f.text.strip():
        conds.append(Post.search_text.like(like_pattern(f.text), escape="\\"))
    return conds


def count_posts(session: Session, f: PostFilter) -> int:
    return int(session.scalar(select(func.count(Post.id)).where(*_conditions(f))) or 0)


def list_posts(session: Session, f: PostFilter, offset: int, limit: int, sort_key: str = "updated_at",
               descending: bool = True) -> list[PostRow]:
    order = []
    for col in (*_SORTS.get(sort_key, _SORTS["updated_at"]), Post.id):
        order.append(col.desc() if descending else col.asc())
    query = (
        select(Post.id, Post.post_no, Post.title, Post.target, Post.status, Post.change_kind, Post.round,
               Post.source_kind, User.display_name, Post.sensitive, Post.major_emergency, Post.updated_at,
               Post.published_at)
        .outerjoin(User, User.id == Post.author_id)
        .where(*_conditions(f)).order_by(*order).offset(offset).limit(limit)
    )
    return [
        PostRow(r[0], r[1], r[2], r[3], PostStatus(r[4]), ChangeKind(r[5]), r[6], SourceKind(r[7]), r[8] or "",
                bool(r[9]), bool(r[10]), r[11], r[12])
        for r in session.execute(query)
    ]


# -- one post ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class AttachmentRow:
    id: int
    purpose: str
    filename: str
    size: int
    added_by: str
    added_at: datetime

    @property
    def purpose_label(self) -> str:
        return PURPOSE_LABELS.get(self.purpose, self.purpose)


@dataclass(frozen=True)
class ReviewRow:
    round: int
    stage: ReviewStage
    reviewer_name: str
    decision: Decision
    opinion: str
    version_number: int
    signed_at: datetime
    checklist: dict[str, ChecklistMark]


@dataclass(frozen=True)
class PostView:
    """Everything the screens show about one post, detached from the session."""

    id: int
    post_no: str
    status: PostStatus
    change_kind: ChangeKind
    round: int
    version: int  # optimistic-lock counter to hand back to update_post
    author_id: int
    author_name: str
    parent_no: str
    form: PostForm
    may_edit: bool
    escalation_by: str
    escalation_answer: str
    escalation_on: date | None
    published_url: str
    published_at: datetime | None
    confirmed_by: str
    confirmed_at: datetime | None
    version_count: int
    attachments: list[AttachmentRow] = field(default_factory=list)
    reviews: list[ReviewRow] = field(default_factory=list)
    actions: Availability[PostAction] = field(default_factory=lambda: Availability(()))  # for the viewing actor

    @property
    def stage(self) -> ReviewStage | None:
        return STAGE_OF_STATUS.get(self.status)


def _review_row(r: StageReview) -> ReviewRow:
    raw = json.loads(r.checklist_json or "{}")
    marks = {k: ChecklistMark(bool(v.get("ok")), str(v.get("note", ""))) for k, v in raw.items()}
    return ReviewRow(r.round, ReviewStage(r.stage), r.reviewer_name, Decision(r.decision), r.opinion,
                     r.version_number, r.signed_at, marks)


def attachment_rows(session: Session, post_id: int) -> list[AttachmentRow]:
    query = select(PostAttachment.id, PostAttachment.purpose, PostAttachment.filename, PostAttachment.size,
                   PostAttachment.added_by, PostAttachment.added_at).where(PostAttachment.post_id == post_id)
    return [AttachmentRow(*row) for row in session.execute(query.order_by(PostAttachment.id))]


def attachment_content(session: Session, attachment_id: int) -> tuple[str, bytes]:
    return attachment_file(session, PostAttachment, attachment_id, "post_attachment")


def post_view(session: Session, post_id: int, actor: Actor) -> PostView:
    post = get_post(session, post_id)
    author = session.get(User, post.author_id)
    parent = session.get(Post, post.parent_id) if post.parent_id else None
    return PostView(
        id=post.id, post_no=post.post_no, status=PostStatus(post.status), change_kind=ChangeKind(post.change_kind),
        round=post.round, version=post.version, author_id=post.author_id,
        author_name=author.display_name if author else "", parent_no=parent.post_no if parent else "",
        form=form_of(post), may_edit=may_edit(post, actor), escalation_by=post.escalation_by,
        escalation_answer=post.escalation_answer, escalation_on=post.escalation_on,
        published_url=post.published_url, published_at=post.published_at, confirmed_by=post.confirmed_by,
        confirmed_at=post.confirmed_at, version_count=len(post.versions),
        attachments=attachment_rows(session, post.id), reviews=[_review_row(r) for r in post.reviews],
        actions=post_actions_for(post, actor),
    )


def kinds_text(kinds: list[PostKind]) -> str:
    return "、".join(k.label for k in kinds)


# -- what a reviewer compares against ------------------------------------------------------------
@dataclass(frozen=True)
class VersionText:
    number: int
    text: str
    saved_by: str
    saved_at: datetime


def _version_text(v: PostVersion) -> VersionText:
    parts = [f"标题：{v.title}"]
    if v.abstract.strip():
        parts.append(f"摘要：{v.abstract}")
    return VersionText(v.number, "\n".join(parts) + "\n\n" + v.body, v.saved_by, v.saved_at)


def compare_versions(session: Session, post_id: int) -> tuple[VersionText | None, VersionText | None, str]:
    """(base, current, what the base is). The base is the version the previous stage approved in
    this round; for 初审 of a returned post, the version the returning stage saw; else the first draft."""
    post = get_post(session, post_id)
    all_versions = {v.number: v for v in post.versions}
    current = post.versions[-1] if post.versions else None
    stage = STAGE_OF_STATUS.get(PostStatus(post.status))
    base_no, label = 1, "初稿（第 1 版）"
    reviews = list(post.reviews)
    if stage in (ReviewStage.SECOND, ReviewStage.THIRD):
        previous = ReviewStage.FIRST if stage is ReviewStage.SECOND else ReviewStage.SECOND
        approved = [r for r in reviews if r.round == post.round and r.stage == previous.value
                    and r.decision == Decision.APPROVE.value]
        if approved:
            r = approved[-1]
            base_no = r.version_number
            label = f"{previous.label}通过时的版本（第 {r.version_number} 版，{r.reviewer_name}）"
    elif post.round > 1:
        returned = [r for r in reviews if r.round == post.round - 1 and r.decision == Decision.RETURN.value]
        if returned:
            r = returned[-1]
            base_no = r.version_number
            label = f"上一轮{ReviewStage(r.stage).label}退回时的版本（第 {r.version_number} 版）"
    base = all_versions.get(base_no)
    return (_version_text(base) if base else None, _version_text(current) if current else None, label)


# -- checks ahead of a signature ------------------------------------------------------------------
def checklist_problem(checklist: Mapping[str, ChecklistMark]) -> str:
    """The service's own checklist rule, asked before a signer types a password (same message)."""
    try:
        _check_checklist(checklist)
    except ValidationError as exc:
        return str(exc)
    return ""


def accepted_map(session: Session, post_id: int) -> dict[tuple[str, str], str]:
    """(kind, matched) → reason for the findings reviewers marked as harmless."""
    return {(a.kind, a.matched): f"{a.accepted_by}：{a.reason}" for a in accepted_findings(session, post_id)}


# -- inspections ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class InspectionRow:
    id: int
    day: date
    inspector_name: str
    site_reachable: bool
    links_ok: bool
    columns_updated: bool
    content_ok: bool
    checked_notes: str
    problems: str
    correction: str
    corrected_on: date | None
    version: int

    @property
    def all_ok(self) -> bool:
        return self.site_reachable and self.links_ok and self.columns_updated and self.content_ok


def inspection_row(row: Inspection) -> InspectionRow:
    return InspectionRow(row.id, row.day, row.inspector_name, row.site_reachable, row.links_ok,
                         row.columns_updated, row.content_ok, row.checked_notes, row.problems, row.correction,
                         row.corrected_on, row.version)


def month_bounds(year: int, month: int) -> tuple[date, date]:
    first = date(year, month, 1)
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return first, nxt - timedelta(days=1)
