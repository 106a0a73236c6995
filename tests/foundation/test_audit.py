"""The audit chain detects edited, deleted and reordered entries, and names where it breaks."""

from __future__ import annotations

from sqlalchemy import Executable, delete, select, update

from app.audit.models import AuditEntry, AuditHead
from app.audit.service import VerifyResult, record, verify
from app.bootstrap import Database
from app.cli import main as run_cli
from app.context import Actor


def _fill(db: Database, n: int = 5) -> None:
    with db.session_factory.begin() as s:
        for i in range(n):
            record(s, Actor.system(), "update", "thing", i, before={"v": i}, after={"v": i + 1}, summary=f"改{i}")


def _verify_after(db: Database, tampering: Executable) -> VerifyResult:
    """Five entries, then `tampering` executed behind the service's back, then the chain verified."""
    _fill(db)
    with db.session_factory.begin() as s:
        s.execute(tampering)
    with db.session_factory() as s:
        return verify(s)


def test_intact_chain_verifies(db: Database) -> None:
    _fill(db)
    with db.session_factory() as s:
        result = verify(s)
    assert result.ok and result.checked == 5


def test_edited_entry_is_named(db: Database) -> None:
    result = _verify_after(db, update(AuditEntry).where(AuditEntry.seq == 3).values(summary="篡改"))
    assert not result.ok and result.broken_seq == 3 and "第 3 条" in result.message


def test_deleted_entry_is_named(db: Database) -> None:
    result = _verify_after(db, delete(AuditEntry).where(AuditEntry.seq == 2))
    assert not result.ok and result.broken_seq == 2


def test_deleted_last_entry_is_detected(db: Database) -> None:
    result = _verify_after(db, delete(AuditEntry).where(AuditEntry.seq == 5))
    assert not result.ok and "末尾" in result.message


def test_rehashed_forgery_still_breaks_at_next_entry(db: Database) -> None:
    """Someone who edits an entry and recomputes its own hash still breaks the next link."""
    from app.audit.service import _entry_hash, _fields

    _fill(db)
    with db.session_factory.begin() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.seq == 2)).one()
        entry.summary = "伪造"
        entry.hash = _entry_hash(entry.prev_hash, entry.seq, _fields(entry))
    with db.session_factory() as s:
        result = verify(s)
    assert not result.ok and result.broken_seq == 3


def test_cli_audit_verify_exit_codes(db: Database, capsys) -> None:  # type: ignore[no-untyped-def]
    _fill(db)
    assert run_cli(["audit", "verify"]) == 0
    with db.session_factory.begin() as s:
        s.execute(update(AuditHead).values(last_seq=99))
    assert run_cli(["audit", "verify"]) == 1
    assert "缺失" in capsys.readouterr().err
