"""政策解读 published with its policy (同步): a 主动公开 item that is a 行政规范性文件 or a major decision is
linked to the posts that interpret it, and a policy published without a published interpretation after
the set number of working days is listed on the dashboard."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, and_, exists, select
from sqlalchemy.orm import Session

from app.audit.service import record
from app.auth.roles import Role
from app.context import Actor
from app.db.lookup import get_or_not_found, one_or_not_found
from app.disclosure.enums import Decision, DocKind, ItemStatus
from app.disclosure.models import DisclosureItem
from app.errors import ValidationError
from app.review.enums import ChangeKind, PostStatus
from app.review.models import Post
from app.settings import get_setting
from app.website.columns import InterpretationKind, ReportCategory
from app.website.figures import PUBLISHED, columns
from app.website.models import PolicyInterpretation
from app.workdays.calendar import WorkCalendar

LINK_ROLES = (Role.DISCLOSURE_STAFF, Role.EDITOR, Role.SECTION_HEAD, Role.ADMIN)
MAJOR_DECISION_CATEGORY = 4  # rule B 第四条: 县政府工作报告、重大决策、重大工作部署及相关政策解读情况


def is_policy(item: DisclosureItem) -> bool:
    """A 行政规范性文件 or a major decision published proactively: it needs an interpretation."""
    return item.decision == Decision.PROACTIVE.value and (
        item.doc_kind == DocKind.NORMATIVE.value or item.category == MAJOR_DECISION_CATEGORY)


def _policy_condition() -> ColumnElement[bool]:
    return and_(DisclosureItem.decision == Decision.PROACTIVE.value,
                (DisclosureItem.doc_kind == DocKind.NORMATIVE.value)
                | (DisclosureItem.category == MAJOR_DECISION_CATEGORY))


@dataclass(frozen=True)
class LinkedPost:
    post_id: int
    post_no: str
    title: str
    target: str
    kind: str  # InterpretationKind label, or "" when not yet chosen
    published: bool


def linked_posts(session: Session, item_id: int) -> list[LinkedPost]:
    query = (select(Post).join(PolicyInterpretation, PolicyInterpretation.post_id == Post.id)
             .where(PolicyInterpretation.item_id == item_id).order_by(Post.id))
    labels = {k.value: k.label for k in InterpretationKind}
    return [LinkedPost(p.id, p.post_no, p.title, p.target, labels.get(p.interpretation_kind, ""),
                       p.status in PUBLISHED) for p in session.scalars(query)]


def candidate_posts(session: Session, limit: int = 300) -> list[LinkedPost]:
    """Posts not yet linked to any policy, newest first (the picker shows 政策解读 columns' posts first)."""
    names = {c.name for c in columns(session) if c.category is ReportCategory.INTERPRETATION}
    linked = select(PolicyInterpretation.post_id)
    query = (select(Post).where(Post.id.not_in(linked), Post.change_kind == ChangeKind.NEW.value,
                                Post.status != PostStatus.WITHDRAWN.value)
             .order_by(Post.id.desc()).limit(limit))
    labels = {k.value: k.label for k in InterpretationKind}
    posts = [LinkedPost(p.id, p.post_no, p.title, p.target, labels.get(p.interpretation_kind, ""),
                        p.status in PUBLISHED) for p in session.scalars(query)]
    return sorted(posts, key=lambda p: p.target not in names)


def link_interpretation(session: Session, actor: Actor, item_id: int, post_id: int) -> PolicyInterpretation:
    actor.require(*LINK_ROLES)
    item = get_or_not_found(session, DisclosureItem, item_id, "该公开事项不存在。")
    if not is_policy(item):
        raise ValidationError("只有主动公开的行政规范性文件或重大决策（第四条第五类）才需要关联政策解读。"
                              "请先在事项中将文件类型设为“行政规范性文件”，或归入重大决策类。")
    post = get_or_not_found(session, Post, post_id, "该稿件不存在。")
    if post.change_kind != ChangeKind.NEW.value or post.status == PostStatus.WITHDRAWN.value:
        raise ValidationError(f"稿件 {post.post_no} 是更正、撤稿或已撤回的稿件，请关联解读的原稿。")
    existing = session.scalar(select(PolicyInterpretation).where(PolicyInterpretation.post_id == post_id))
    if existing is not None:
        other = session.get(DisclosureItem, existing.item_id)
        name = f"{other.item_no}《{other.title}》" if other else f"#{existing.item_id}"
        raise ValidationError(f"稿件 {post.post_no} 已关联到 {name}，一篇解读只能对应一份政策。")
    link = PolicyInterpretation(item_id=item.id, post_id=post.id, linked_by=actor.username)
    session.add(link)
    session.flush()
    record(session, actor, "link", "disclosure", item.id, after={"政策解读稿件": post.post_no, "标题": post.title},
           summary=f"{item.item_no}《{item.title}》关联政策解读 {post.post_no}")
    return link


def unlink_interpretation(session: Session, actor: Actor, item_id: int, post_id: int) -> None:
    actor.require(*LINK_ROLES)
    link = one_or_not_found(session, select(PolicyInterpretation).where(
        PolicyInterpretation.item_id == item_id, PolicyInterpretation.post_id == post_id),
        "该政策解读关联不存在，可能已被他人取消。")
    post = session.get(Post, post_id)
    session.delete(link)
    session.flush()
    record(session, actor, "unlink", "disclosure", item_id, before={"政策解读稿件": post.post_no if post else post_id},
           summary=f"取消政策解读关联 {post.post_no if post else post_id}")


@dataclass(frozen=True)
class MissingInterpretation:
    item_id: int
    item_no: str
    title: str
    published_on: date
    due_on: date  # the last working day an interpretation counts as published together


def policies_without_interpretation(session: Session, calendar: WorkCalendar, today: date,
                                    limit: int = 200) -> list[MissingInterpretation]:
    """Published policies with no published interpretation whose grace period ended before today."""
    days = int(get_setting(session, "website.interpretation_days"))
    published_link = exists().where(PolicyInterpretation.item_id == DisclosureItem.id,
                                    PolicyInterpretation.post_id == Post.id, Post.status.in_(PUBLISHED))
    query = (select(DisclosureItem).where(_policy_condition(), DisclosureItem.status == ItemStatus.PUBLISHED.value,
                                          DisclosureItem.published_on.is_not(None), ~published_link)
             .order_by(DisclosureItem.published_on, DisclosureItem.id))
    out: list[MissingInterpretation] = []
    for item in session.scalars(query):
        assert item.published_on is not None
        due = calendar.add_workdays(item.published_on, days)
        if due < today:
            out.append(MissingInterpretation(item.id, item.item_no, item.title, item.published_on, due))
        if len(out) >= limit:
            break
    return out
