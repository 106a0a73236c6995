"""What 主动公开 puts on the dashboard, and its deadline recomputation after a calendar change."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.context import Actor
from app.dashboard import DashboardItem, Urgency, register_provider
from app.disclosure.enums import ItemStatus
from app.disclosure.models import DisclosureItem
from app.disclosure.service import CLERK_ROLES, SECRECY_ROLES, refresh_due
from app.workdays.calendar import WorkCalendar
from app.workdays.service import load_calendar, register_recomputer

AREA = "主动公开"
PENDING = [s.value for s in ItemStatus if s.is_pending]


def dashboard_items(session: Session, actor: Actor, today: date) -> list[DashboardItem]:
    items: list[DashboardItem] = []
    if actor.has(*CLERK_ROLES):
        soon = load_calendar(session).add_workdays(today, 3)
        query = (select(DisclosureItem)
                 .where(DisclosureItem.status.in_(PENDING), DisclosureItem.due_on.is_not(None),
                        DisclosureItem.due_on <= soon)
                 .order_by(DisclosureItem.due_on).limit(200))
        for item in session.scalars(query):
            assert item.due_on is not None
            overdue = item.due_on < today
            items.append(DashboardItem(
                AREA, f"{item.item_no}《{item.title}》",
                ("已超过" if overdue else "即将到期：") + f"20 个工作日发布时限（{item.due_on.isoformat()}）"
                + ("，期限未确认" if item.due_unconfirmed else ""),
                Urgency.OVERDUE if overdue else Urgency.DUE_SOON, item.due_on, "disclosure", item.id,
            ))
    if actor.has(*SECRECY_ROLES) and not actor.is_system:
        query = (select(DisclosureItem).where(DisclosureItem.status == ItemStatus.DRAFT.value,
                                              DisclosureItem.created_by != actor.username)
                 .order_by(DisclosureItem.due_on).limit(100))
        for item in session.scalars(query):
            items.append(DashboardItem(AREA, f"{item.item_no}《{item.title}》", "待保密审查签批（第六条）",
                                       Urgency.WAITING, item.due_on, "disclosure", item.id))
    return items


def recompute(session: Session, calendar: WorkCalendar) -> int:
    changed = 0
    for item in session.scalars(select(DisclosureItem).where(DisclosureItem.status.in_(PENDING))):
        changed += refresh_due(item, calendar)
    session.flush()
    return changed


register_provider("disclosure", dashboard_items)
register_recomputer("disclosure", recompute)
import app.disclosure.demo_data  # noqa: E402, F401  (registers the demo filler)
