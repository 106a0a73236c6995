"""Searching the audit trail for the viewer and the Excel export.

Results are plain dataclasses, newest first. Paging is by sequence number (keyset), not OFFSET,
so entries appended while someone scrolls neither shift nor repeat rows already fetched.
Times are stored as naive UTC; the date filter takes the office's local calendar days.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from app.audit.models import AuditEntry
from app.audit.rows import ACTION_LABELS as ACTION_LABELS
from app.audit.rows import RECORD_TYPE_LABELS as RECORD_TYPE_LABELS
from app.audit.rows import AuditRow as AuditRow
from app.audit.rows import action_label as action_label
from app.audit.rows import record_type_label as record_type_label
from app.db.lookup import one_or_not_found
from app.localtime import local_day_start_utc
from app.roles import Role

if TYPE_CHECKING:
    from app.context import Actor  # not at load time: app.auth writes audit entries

PAGE_SIZE = 200
# Who may read the trail: it names every user, applicant record and failed login. The screen is in
# 系统设置, but the rule is here, so no other caller can read it for a clerk.
AUDIT_ROLES = (Role.ADMIN,)

@dataclass(frozen=True)
class AuditFilter:
    """What the viewer asks for; None or "" means "any"."""

    username: str | None = None
    record_type: str | None = None
    record_id: str | None = None
    action: str | None = None
    date_from: date | None = None  # local calendar day, inclusive
    date_to: date | None = None  # local calendar day, inclusive
    text: str = ""  # contained in the summary, case-insensitive

    def describe(self) -> str:
        """A Chinese one-liner for the export's audit entry and the sheet's title row."""
        parts: list[str] = []
        if self.username:
            parts.append(f"用户 {self.username}")
        if self.record_type:
            parts.append(f"记录类型 {record_type_label(self.record_type)}")
        if self.record_id:
            parts.append(f"记录编号 {self.record_id}")
        if self.action:
            parts.append(f"操作 {action_label(self.action)}")
        if self.date_from or self.date_to:
            lo = self.date_from.isoformat() if self.date_from else "最早"
            hi = self.date_to.isoformat() if self.date_to else "最近"
            parts.append(f"日期 {lo} 至 {hi}")
        if self.text.strip():
            parts.append(f"摘要含“{self.text.strip()}”")
        return "；".join(parts) if parts else "全部记录"


def _row(entry: AuditEntry) -> AuditRow:
    return AuditRow(
        seq=entry.seq, at_utc=entry.at, username=entry.username, display_name=entry.display_name,
        os_user=entry.os_user, action=entry.action, record_type=entry.record_type,
        record_id=entry.record_id, summary=entry.summary,
        before_json=entry.before_json, after_json=entry.after_json,
    )


def _filtered(stmt: Select[Any], filt: AuditFilter) -> Select[Any]:
    if filt.username:
        stmt = stmt.where(AuditEntry.username == filt.username)
    if filt.record_type:
        stmt = stmt.where(AuditEntry.record_type == filt.record_type)
    if filt.record_id:
        stmt = stmt.where(AuditEntry.record_id == filt.record_id.strip())
    if filt.action:
        stmt = stmt.where(AuditEntry.action == filt.action)
    if filt.date_from:
        stmt = stmt.where(AuditEntry.at >= local_day_start_utc(filt.date_from))
    if filt.date_to:
        stmt = stmt.where(AuditEntry.at < local_day_start_utc(filt.date_to + timedelta(days=1)))
    if filt.text.strip():
        # autoescape: a % or _ typed by the user is matched literally, not as a wildcard.
        stmt = stmt.where(AuditEntry.summary.icontains(filt.text.strip(), autoescape=True))
    return stmt


def count_entries(session: Session, actor: Actor, filt: AuditFilter) -> int:
    actor.require(*AUDIT_ROLES)
    return int(session.scalar(_filtered(select(func.count(AuditEntry.id)), filt)) or 0)


def fetch_entries(
    session: Session, actor: Actor, filt: AuditFilter, *, before_seq: int | None = None, limit: int = PAGE_SIZE
) -> list[AuditRow]:
    """Up to `limit` matching entries older than `before_seq` (None: from the newest), newest first."""
    actor.require(*AUDIT_ROLES)
    return _fetch(session, filt, before_seq, limit)


def _fetch(session: Session, filt: AuditFilter, before_seq: int | None, limit: int) -> list[AuditRow]:
    stmt = _filtered(select(AuditEntry), filt)
    if before_seq is not None:
        stmt = stmt.where(AuditEntry.seq < before_seq)
    stmt = stmt.order_by(AuditEntry.seq.desc()).limit(limit)
    return [_row(e) for e in session.scalars(stmt)]


def iter_entries(session: Session, actor: Actor, filt: AuditFilter, batch: int = 1000) -> Iterator[AuditRow]:
    """Every matching entry, newest first, without holding the whole trail in memory."""
    actor.require(*AUDIT_ROLES)  # checked now, not when the first row is asked for
    return _iter(session, filt, batch)


def _iter(session: Session, filt: AuditFilter, batch: int) -> Iterator[AuditRow]:
    before: int | None = None
    while True:
        rows = _fetch(session, filt, before, batch)
        yield from rows
        if len(rows) < batch:
            return
        before = rows[-1].seq


def get_entry(session: Session, actor: Actor, seq: int) -> AuditRow:
    actor.require(*AUDIT_ROLES)
    entry = one_or_not_found(session, select(AuditEntry).where(AuditEntry.seq == seq), f"第 {seq} 条审计记录不存在。")
    return _row(entry)


def audit_users(session: Session, actor: Actor) -> list[tuple[str, str]]:
    """(username, latest display name) of everyone who appears in the trail, for the user filter."""
    actor.require(*AUDIT_ROLES)
    latest = (
        select(AuditEntry.username, func.max(AuditEntry.seq).label("seq"))
        .group_by(AuditEntry.username)
        .subquery()
    )
    stmt = (
        select(AuditEntry.username, AuditEntry.display_name)
        .join(latest, AuditEntry.seq == latest.c.seq)
        .order_by(AuditEntry.username)
    )
    return [(u, d) for u, d in session.execute(stmt)]


def record_types(session: Session, actor: Actor) -> list[str]:
    actor.require(*AUDIT_ROLES)
    return list(session.scalars(select(AuditEntry.record_type).distinct().order_by(AuditEntry.record_type)))


def actions(session: Session, actor: Actor) -> list[str]:
    actor.require(*AUDIT_ROLES)
    return list(session.scalars(select(AuditEntry.action).distinct().order_by(AuditEntry.action)))


def pretty_json(text: str) -> str:
    """Indented JSON for the before/after view; text that is not JSON is shown unchanged."""
    try:
        value = json.loads(text) if text else {}
    except ValueError:
        return text
    if value in ({}, None, []):
        return ""
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)


def changed_keys(before_json: str, after_json: str) -> list[str]:
    """Top-level keys whose value differs between before and after (both JSON objects)."""
    try:
        before = json.loads(before_json or "{}")
        after = json.loads(after_json or "{}")
    except ValueError:
        return []
    if not isinstance(before, dict) or not isinstance(after, dict) or not before or not after:
        return []
    return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
