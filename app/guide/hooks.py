"""What the 公开指南 puts on the dashboard: a published guide that no longer matches the settings."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from app.context import Actor
from app.dashboard import DashboardItem, Urgency, register_provider
from app.guide.service import PUBLISH_ROLES, RECORD_TYPE, guide_status

AREA = "统计报表"  # the tab that holds the 公开指南 page; the dashboard opens it


def dashboard_items(session: Session, actor: Actor, today: date) -> list[DashboardItem]:
    if not actor.has(*PUBLISH_ROLES):
        return []
    published = guide_status(session).published
    if published is None or not published.changed:
        return []
    assert published.published_on is not None
    changed = "“" + "”“".join(published.changed) + "”"
    return [DashboardItem(
        AREA, "政府信息公开指南已过期",
        f"{published.published_on.isoformat()} 发布的指南之后，系统参数{changed}已修改。"
        "请在“统计报表 → 公开指南”中重新导出并标记发布（条例第十二条）。",
        Urgency.WAITING, None, RECORD_TYPE, published.id,
    )]


register_provider("guide", dashboard_items)
import app.guide.demo_data  # noqa: E402, F401  (registers the demo filler)
