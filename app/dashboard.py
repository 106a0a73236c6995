"""The 工作台: each feature registers a provider of items for the signed-in user.

The dashboard knows nothing about cases, posts or disclosures; features plug in here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import IntEnum

from sqlalchemy.orm import Session

from app.context import Actor


class Urgency(IntEnum):
    INFO = 0
    WAITING = 1  # waits for this user
    DUE_SOON = 2  # due within 3 working days
    OVERDUE = 3


@dataclass(frozen=True)
class DashboardItem:
    area: str  # 依申请公开 / 发布审核 / 主动公开 / 系统
    title: str
    detail: str
    urgency: Urgency
    due_on: date | None = None
    record_type: str = ""
    record_id: int | None = None


Provider = Callable[[Session, Actor, date], list[DashboardItem]]
_PROVIDERS: dict[str, Provider] = {}


def register_provider(name: str, provider: Provider) -> None:
    _PROVIDERS[name] = provider


def collect(session: Session, actor: Actor, today: date) -> list[DashboardItem]:
    items: list[DashboardItem] = []
    for provider in _PROVIDERS.values():
        items.extend(provider(session, actor, today))
    items.sort(key=lambda i: (-i.urgency, i.due_on or date.max, i.title))
    return items
