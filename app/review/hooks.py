"""What 发布审核 puts on the dashboard; imported by app.features."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.auth.roles import Role
from app.context import Actor
from app.dashboard import DashboardItem, Urgency, register_provider
from app.review.enums import PostStatus, ReviewStage
from app.review.inspections import column_status, days_without_inspection
from app.review.models import Post
from app.review.workflow import excluded_signers
from app.workdays.service import load_calendar

AREA = "发布审核"
_WAITING = {
    PostStatus.FIRST_REVIEW: (ReviewStage.FIRST, Role.EDITOR),
    PostStatus.SECOND_REVIEW: (ReviewStage.SECOND, Role.SECTION_HEAD),
    PostStatus.THIRD_REVIEW: (ReviewStage.THIRD, Role.LEADER_IN_CHARGE),
}


def _post_items(session: Session, actor: Actor) -> list[DashboardItem]:
    items: list[DashboardItem] = []
    states = [s.value for s, (_, role) in _WAITING.items() if actor.has(role)]
    if actor.has(Role.EDITOR):
        states += [PostStatus.READY.value, PostStatus.PUBLISHED.value]
    if not states:
        return items
    posts = session.scalars(select(Post).where(Post.status.in_(states)).order_by(Post.updated_at).limit(200))
    for post in posts:
        status = PostStatus(post.status)
        if status in _WAITING:
            stage, _ = _WAITING[status]
            if actor.user_id in excluded_signers(session, post, stage):
                continue
            detail = f"待{stage.label}（第 {post.round} 轮）"
        elif status is PostStatus.READY:
            detail = "三审已通过，待发布"
        else:
            detail = "已发布，待来源单位确认（第十五条）"
        items.append(DashboardItem(AREA, f"{post.post_no}《{post.title}》", detail, Urgency.WAITING,
                                   record_type="post", record_id=post.id))
    return items


def _site_items(session: Session, actor: Actor, today: date) -> list[DashboardItem]:
    if not actor.has(Role.EDITOR, Role.SECTION_HEAD):
        return []
    items: list[DashboardItem] = []
    missing = days_without_inspection(session, load_calendar(session), today)
    past = [d for d in missing if d < today]
    if past:
        days = "、".join(f"{d.month}月{d.day}日" for d in past[-5:])
        items.append(DashboardItem(AREA, f"{len(past)} 个工作日没有读网巡检记录", f"最近：{days}", Urgency.DUE_SOON,
                                   record_type="inspection"))
    for col in column_status(session):
        if col.overdue(today):
            last = col.last_published.date().isoformat() if col.last_published else "从未发布"
            items.append(DashboardItem(
                AREA, f"栏目“{col.column}”超过更新时限", f"{col.kind}栏目限 {col.limit_days} 天，最近发布：{last}",
                Urgency.OVERDUE, record_type="column",
            ))
    return items


def dashboard_items(session: Session, actor: Actor, today: date) -> list[DashboardItem]:
    return _post_items(session, actor) + _site_items(session, actor, today)


register_provider("review", dashboard_items)
import app.review.demo_data  # noqa: E402, F401  (registers the demo filler)
