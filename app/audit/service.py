"""Append to and verify the hash-chained audit trail.

Each entry's hash covers its own fields and the previous entry's hash, and entries carry a
gap-free sequence number, so editing, deleting or reordering any entry breaks the chain at a
point `verify` can name.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, inspect, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.audit import witness
from app.audit.models import AuditEntry, AuditHead
from app.db.base import utcnow
from app.errors import UserError

if TYPE_CHECKING:
    from app.auth.actor import Actor  # only named in annotations: audit must not import auth (cycle)

GENESIS_HASH = "0" * 64

# What may still be recorded while the trail is found cut short or rewritten: signing in and
# reading out (the program stays usable read-only), and the administrator's re-seal itself.
READ_ONLY_ACTIONS = frozenset({
    "login", "login_failed", "unlock", "unlock_failed", "signoff", "signoff_failed",
    "export", "backup", "reseal", "restore", "cli", "cli_failed", "lock", "logout",
    "integrity_failed",
})
READ_ONLY_HINT = ("为保全证据，系统暂时只读：可以查看和导出，不能保存修改。"
                  "请系统管理员运行“govinfo-desk audit verify”查看核验报告，"
                  "确认后运行“govinfo-desk audit reseal”重新封存。")


class AuditTampered(UserError):
    """The audit trail's end does not match its head or this PC's witness."""


def head_problem(session: Session, head: AuditHead | None) -> str | None:
    """Why the trail's end cannot be trusted (head row, last entry, this PC's witness), or None."""
    last = session.execute(
        select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)
    ).first()
    if head is None:
        if last is not None:
            return f"审计记录头（audit_head）缺失，而库中有 {last.seq} 条审计记录：疑似被篡改。"
        head_seq, head_hash = 0, GENESIS_HASH
    else:
        head_seq, head_hash = head.last_seq, head.last_hash
        if last is None and head_seq > 0:
            return f"审计记录头显示应有 {head_seq} 条记录，库中一条也没有：审计记录被删除。"
        if last is not None and (last.seq != head_seq or last.hash != head_hash):
            return (f"审计记录头（第 {head_seq} 条）与库中最后一条记录（第 {last.seq} 条）不一致："
                    "审计记录或记录头被改动。")
    bind = session.get_bind()
    binding = witness.binding_for(bind if isinstance(bind, Engine) else bind.engine)
    known = witness.seen(binding.key) if binding is not None else None
    if known is None or known.seq == 0:
        return None
    if known.seq > head_seq:
        return (f"本机曾见到第 {known.seq} 条审计记录（校验码 {known.code}），现在库中只到第 {head_seq} 条："
                "审计记录末尾被删除，或数据库被换成了旧的副本。")
    if last is not None and last.seq == known.seq:  # the usual case: nothing new since we looked
        at = last.hash
    else:
        at = session.scalar(select(AuditEntry.hash).where(AuditEntry.seq == known.seq))
    if at != known.hash:
        return (f"第 {known.seq} 条审计记录与本机见证的校验码 {known.code} 不符："
                "审计记录被改写（重新计算了哈希）。")
    return None


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bytes):
        return f"<{len(value)} 字节>"
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    return value


def snapshot(obj: Any, exclude: tuple[str, ...] = ()) -> dict[str, Any]:
    """The column values of an ORM object, JSON-ready, for an entry's before/after."""
    mapper = inspect(obj).mapper
    return {
        attr.key: _jsonable(getattr(obj, attr.key))
        for attr in mapper.column_attrs
        if attr.key not in exclude and attr.key != "password_hash"
    }


def _entry_hash(prev_hash: str, seq: int, fields: dict[str, str]) -> str:
    payload = json.dumps({"prev": prev_hash, "seq": seq, **fields}, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _fields(entry: AuditEntry) -> dict[str, str]:
    return {
        "at": entry.at.isoformat(timespec="microseconds"),
        "username": entry.username,
        "display_name": entry.display_name,
        "os_user": entry.os_user,
        "action": entry.action,
        "record_type": entry.record_type,
        "record_id": entry.record_id,
        "summary": entry.summary,
        "before": entry.before_json,
        "after": entry.after_json,
    }


def _locked_head(session: Session) -> AuditHead | None:
    return session.scalars(
        select(AuditHead).where(AuditHead.id == 1).with_for_update().execution_options(populate_existing=True)
    ).one_or_none()


def _create_head(session: Session) -> AuditHead | None:
    """The very first entry's head row, locked; None when the row is missing from a trail that has
    entries (deleted: tampering, which head_problem then names).

    Two PCs may both find no head row. It is inserted in a savepoint; whoever loses the insert race
    (PostgreSQL's unique key waits for the winner, then fails) reads the winner's row instead. Only
    after our own insert succeeded is "no head but entries" evidence, not a race."""
    savepoint = session.begin_nested()
    try:
        session.add(AuditHead(id=1, last_seq=0, last_hash=GENESIS_HASH))
        session.flush()
    except IntegrityError:
        savepoint.rollback()
        return _locked_head(session)
    if session.scalar(select(AuditEntry.seq).limit(1)) is not None:
        savepoint.rollback()  # do not paper over a deleted head with a fresh one
        return None
    savepoint.commit()
    return _locked_head(session)


def record(
    session: Session,
    actor: Actor,
    action: str,
    record_type: str,
    record_id: object,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    summary: str = "",
) -> AuditEntry:
    """Append one entry in the caller's transaction (so it commits or rolls back with the change).

    Refuses (AuditTampered) while the trail's end does not match its head or this PC's witness,
    except for the READ_ONLY_ACTIONS; with the head row gone those are not stored at all."""
    head = _locked_head(session) or _create_head(session)
    problem = head_problem(session, head)
    if problem is not None:
        if action not in READ_ONLY_ACTIONS:
            raise AuditTampered(problem + READ_ONLY_HINT)
        if head is None:
            return AuditEntry(seq=0, action=action, summary=summary)  # nothing to chain it to
    assert head is not None
    entry = AuditEntry(
        seq=head.last_seq + 1,
        at=utcnow(),
        username=actor.username,
        display_name=actor.display_name,
        os_user=actor.os_user,
        action=action,
        record_type=record_type,
        record_id=str(record_id),
        summary=summary,
        before_json=json.dumps(_jsonable(before or {}), ensure_ascii=False, sort_keys=True),
        after_json=json.dumps(_jsonable(after or {}), ensure_ascii=False, sort_keys=True),
        prev_hash=head.last_hash,
        hash="",
    )
    entry.hash = _entry_hash(entry.prev_hash, entry.seq, _fields(entry))
    head.last_seq = entry.seq
    head.last_hash = entry.hash
    session.add(entry)
    session.flush()
    witness.stash(session, entry)
    return entry


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    return {k: (before.get(k), after.get(k)) for k in after if before.get(k) != after.get(k)}


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    broken_seq: int | None = None
    message: str = ""


def verify(session: Session, batch: int = 5000) -> VerifyResult:
    """Walk the chain in order; report the first entry that was edited, deleted or inserted."""
    expected_prev = GENESIS_HASH
    expected_seq = 1
    checked = 0
    last_id = 0
    while True:
        rows = session.scalars(
            select(AuditEntry).where(AuditEntry.id > last_id).order_by(AuditEntry.id).limit(batch)
        ).all()
        if not rows:
            break
        for entry in rows:
            last_id = entry.id
            if entry.seq != expected_seq:
                return VerifyResult(
                    False, checked, expected_seq,
                    f"第 {expected_seq} 条审计记录缺失或顺序被改动（在该位置发现的是第 {entry.seq} 条）。",
                )
            if entry.prev_hash != expected_prev:
                return VerifyResult(
                    False, checked, entry.seq,
                    f"第 {entry.seq} 条审计记录与前一条不衔接：前一条记录被修改或删除。",
                )
            if _entry_hash(entry.prev_hash, entry.seq, _fields(entry)) != entry.hash:
                return VerifyResult(False, checked, entry.seq, f"第 {entry.seq} 条审计记录的内容被修改。")
            expected_prev = entry.hash
            expected_seq += 1
            checked += 1
    head = session.get(AuditHead, 1)
    if head is not None and (head.last_seq != expected_seq - 1 or head.last_hash != expected_prev):
        return VerifyResult(
            False, checked, expected_seq,
            f"审计记录末尾缺失：应有 {head.last_seq} 条，实际只找到 {expected_seq - 1} 条。",
        )
    return VerifyResult(True, checked, None, f"审计记录完整，共校验 {checked} 条。")
