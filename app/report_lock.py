"""Locking a yearly report once it is published, shared by 年度报告 and 政府网站工作年度报表.

Each report keeps its own table and decides what its published figures are; the rules about when a
year may be locked, and how an administrator unlocks it with a reason, are the same and live here.
`name` is how messages name the report after the year: "年度报告" reads "2024 年度报告…".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any, Protocol, TypeVar

from sqlalchemy.orm import Session

from app.audit.service import record
from app.auth.roles import Role
from app.availability import Availability, Refusal, first, refused_for_roles
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


class ReportAction(StrEnum):
    EDIT = "edit"  # the typed figures or texts
    LOCK = "lock"
    UNLOCK = "unlock"


@dataclass(frozen=True)
class ReportRules:
    """`name` as messages name the report after the year; who edits and who locks it."""

    name: str
    edit_roles: tuple[Role, ...]
    lock_roles: tuple[Role, ...]


def lock_actions_for(rules: ReportRules, row: LockableReport | None, actor: Actor, year: int,
                     today: date | None = None) -> Availability[ReportAction]:
    """What `actor` may do to the year's report now. Whether the figures pass their checks is the
    report's own question, asked when it locks (it needs the whole computation)."""
    locked = row is not None and row.locked
    name = rules.name
    return Availability.of({
        ReportAction.EDIT: first(
            refused_for_roles(actor.lacks(*rules.edit_roles)),
            Refusal(f"{year} {name}已锁定（已发布），不能再修改。如确需修改，请管理员先解锁。") if locked else None,
        ),
        ReportAction.LOCK: first(
            refused_for_roles(actor.lacks(*rules.lock_roles)),
            # A report is published for a year that has ended; its figures could still change before.
            Refusal(f"{year} 年尚未结束，不能锁定该{name}。") if year >= (today or date.today()).year else None,
            Refusal(f"{year} {name}已经锁定。") if locked else None,
        ),
        ReportAction.UNLOCK: first(
            refused_for_roles(actor.lacks(Role.ADMIN)),
            None if locked else Refusal(f"{year} {name}没有锁定。"),
        ),
    })


def mark_published(row: LockableReport, actor: Actor, figures_json: str) -> None:
    row.locked, row.locked_at, row.locked_by = True, utcnow(), actor.username
    row.figures_json = figures_json


def unlock_report(session: Session, actor: Actor, row: ReportRow | None, reason: str, *, year: int,
                  rules: ReportRules, entity: str, published: Callable[[ReportRow], Any]) -> ReportRow:
    """Only an administrator unlocks, with a reason that goes to the audit trail beside what was
    published; `published` reads the report's own figures_json, after the row is known to be locked."""
    lock_actions_for(rules, row, actor, year).require(ReportAction.UNLOCK)
    assert row is not None  # UNLOCK is refused without a locked row
    name = rules.name
    if not reason.strip():
        raise ValidationError("解锁须写明原因。", field="reason")
    row.locked = False
    session.flush()
    record(session, actor, "unlock", entity, year, before=published(row), after={"原因": reason.strip()},
           summary=f"解锁 {year} {name}：{reason.strip()}")
    return row
