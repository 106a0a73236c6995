"""What the website report area puts on the dashboard; imported by app.features."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from app.context import Actor
from app.dashboard import DashboardItem, Urgency, register_provider
from app.website.interpretation import LINK_ROLES, policies_without_interpretation
from app.workdays.service import load_calendar

AREA = "主动公开"


def dashboard_items(session: Session, actor: Actor, today: date) -> list[DashboardItem]:
    if not actor.has(*LINK_ROLES):
        return []
    return [
        DashboardItem(AREA, f"{m.item_no}《{m.title}》",
                      f"政策已于 {m.published_on.isoformat()} 公开，超过 {m.due_on.isoformat()} 仍无已发布的政策解读"
                      "（政策文件与解读应同步发布）", Urgency.OVERDUE, m.due_on, "disclosure", m.item_id)
        for m in policies_without_interpretation(session, load_calendar(session), today)
    ]


register_provider("website", dashboard_items)
