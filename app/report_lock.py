"""Locking a yearly report once it is published, shared by 年度报告 and 政府网站工作年度报表.

Each report keeps its own table and decides what its published figures are; the rules about when a
year may be locked, and how an administrator unlocks it with a reason, are the same and live here.
`name` is how messages name the report after the year: "年度报告" reads "2024 年度报告…".
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any, Protocol, TypeVar

from sqlalchemy.orm import Session

from app.audit.service import record
from app.auth.roles import Role
from app.context import Actor
from app.db.base import utcnow
from app.errors import ValidationError


class LockableReport(Protocol):
    """The columns both report tables have for their published state."""

    locked: bool
    locked_at: datetime | None
    locked_by: str
    figures_json: str


ReportRow = TypeVar("ReportRow", bound=LockableReport)


def refuse_unfinished_year(year: int, today: date, name: str) -> None:
    # A report is published for a year that has ended; its figures could still change before.
    if year >= today.year:
        raise ValidationError(f"{year} 年尚未结束，不能锁定该{name}。")


def refuse_locked(row: LockableReport | None, year: int, name: str) -> None:
    if row is not None and row.locked:
        raise ValidationError(f"{year} {name}已经锁定。")


def refuse_edit_when_locked(row: LockableReport | None, year: int, name: str) -> None:
    if row is not None and row.locked:
        raise ValidationError(f"{year} {name}已锁定（已发布），不能再修改。如确需修改，请管理员先解锁。")


def mark_published(row: LockableReport, actor: Actor, figures_json: str) -> None:
    row.locked, row.locked_at, row.locked_by = True, utcnow(), actor.username
    row.figures_json = figures_json


def unlock_report(session: Session, actor: Actor, row: ReportRow | None, reason: str, *, year: int,
                  name: str, entity: str, published: Callable[[ReportRow], Any]) -> ReportRow:
    """Only an administrator unlocks, with a reason that goes to the audit trail beside what was
    published; `published` reads the report's own figures_json, after the row is known to be locked."""
    actor.require(Role.ADMIN)
    if row is None or not row.locked:
        raise ValidationError(f"{year} {name}没有锁定。")
    if not reason.strip():
        raise ValidationError("解锁须写明原因。", field="reason")
    row.locked = False
    session.flush()
    record(session, actor, "unlock", entity, year, before=published(row), after={"原因": reason.strip()},
           summary=f"解锁 {year} {name}：{reason.strip()}")
    return row
