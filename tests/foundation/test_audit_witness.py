"""An audit trail that cannot be cut short (issue 13): each attack is plain SQL against the real
database, as someone with a SQL client and no access to the PC's data folder would run it.
Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select, text

from app.audit import witness
from app.audit.models import AuditEntry
from app.audit.seal import full_report, reseal
from app.audit.service import GENESIS_HASH, AuditTampered, record, verify
from app.auth.roles import Role
from app.auth.service import authenticate
from app.bootstrap import Database, open_database
from app.context import Actor
from tests.conftest import TEST_PASSWORD


@pytest.fixture
def trail(db: Database, make_user: Callable[..., Actor]) -> Actor:
    """An administrator and a dozen committed entries, each seen by this PC's witness."""
    admin = make_user("boss", Role.ADMIN, display_name="管理员")
    for i in range(6):
        with db.session_factory.begin() as s:
            record(s, admin, "update", "case", i, after={"n": i}, summary=f"修改 {i}")
    return admin


def _report(db: Database):  # type: ignore[no-untyped-def]
    with db.session_factory() as s:
        return full_report(s, db.engine, db.data_dir)


def _last(db: Database) -> tuple[int, str]:
    with db.session_factory() as s:
        row = s.execute(select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)).one()
    return int(row.seq), str(row.hash)


def _write_something(db: Database, actor: Actor) -> None:
    with db.session_factory.begin() as s:
        record(s, actor, "update", "case", 99, summary="篡改之后的保存")


def test_an_intact_trail_agrees_with_the_witness(db: Database, trail: Actor) -> None:
    report = _report(db)
    assert report.ok, report.lines()
    seq, digest = _last(db)
    assert witness.witnessed(db.data_dir, witness.database_key(db.engine)[0]) == witness.Head(seq, digest)
    assert any(line.startswith("  ✓ 本机见证文件") for line in report.lines())
    assert any("纸面校验码" in line for line in report.lines() if line.startswith("  - "))


def test_deleting_the_tail_and_copying_the_last_hash_into_the_head_is_detected(db: Database, trail: Actor) -> None:
    seq, _ = _last(db)
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_entries WHERE seq > :k"), {"k": seq - 3})
        conn.execute(text("UPDATE audit_head SET last_seq = (SELECT max(seq) FROM audit_entries), last_hash = "
                          "(SELECT hash FROM audit_entries WHERE seq = (SELECT max(seq) FROM audit_entries))"))
    with db.session_factory() as s:
        assert verify(s).ok  # the chain alone cannot tell
    report = _report(db)
    assert not report.ok
    assert "末尾被删除" in (report.head_problem or "")
    assert any("本机见证文件" in line and "截断" in line for line in report.lines())
    # Writes are refused in Chinese, not with an IntegrityError; signing in still works.
    with pytest.raises(AuditTampered, match="只读"):
        _write_something(db, trail)
    with db.session_factory.begin() as s:
        assert authenticate(s, "boss", TEST_PASSWORD).ok


def test_deleting_every_entry_and_the_head_is_detected(db: Database, trail: Actor) -> None:
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_entries"))
        conn.execute(text("DELETE FROM audit_head"))
    with db.session_factory() as s:
        assert verify(s).ok  # an empty chain is a valid chain
    report = _report(db)
    assert not report.ok and "只到第 0 条" in (report.head_problem or "")
    with pytest.raises(AuditTampered):
        _write_something(db, trail)


def test_a_missing_head_with_entries_left_is_tampering_not_an_integrity_error(db: Database, trail: Actor) -> None:
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_head"))
    report = _report(db)
    assert not report.ok and "记录头（audit_head）缺失" in (report.head_problem or "")
    with pytest.raises(AuditTampered, match="audit_head"):
        _write_something(db, trail)


def _recompute(entry: dict[str, object], prev: str) -> str:
    fields = {k: str(entry[k]) for k in ("username", "display_name", "os_user", "action", "record_type",
                                         "record_id", "summary")}
    fields["at"] = entry["at"]  # type: ignore[assignment]
    fields["before"], fields["after"] = str(entry["before_json"]), str(entry["after_json"])
    payload = json.dumps({"prev": prev, "seq": entry["seq"], **fields}, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def test_rewriting_entries_and_recomputing_every_hash_is_detected(db: Database, trail: Actor) -> None:
    with db.session_factory() as s:
        rows = s.scalars(select(AuditEntry).order_by(AuditEntry.seq)).all()
        entries = [{c: getattr(r, c) for c in ("seq", "username", "display_name", "os_user", "action",
                                                "record_type", "record_id", "summary", "before_json",
                                                "after_json")} | {"at": r.at.isoformat(timespec="microseconds")}
                   for r in rows]
    # The attacker rewrites entry 3's summary and recomputes the unkeyed chain from there on.
    entries[2]["summary"] = "无关紧要的查看"
    prev = GENESIS_HASH
    with db.engine.begin() as conn:
        for entry in entries:
            digest = _recompute(entry, prev)
            conn.execute(text("UPDATE audit_entries SET summary = :s, prev_hash = :p, hash = :h WHERE seq = :q"),
                         {"s": entry["summary"], "p": prev, "h": digest, "q": entry["seq"]})
            prev = digest
        conn.execute(text("UPDATE audit_head SET last_hash = :h"), {"h": prev})
    with db.session_factory() as s:
        assert verify(s).ok  # the chain is self-consistent again
    report = _report(db)
    assert not report.ok and "改写" in (report.head_problem or "")


def test_a_fresh_process_reads_the_witness_file(db: Database, trail: Actor) -> None:
    seq, _ = _last(db)
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_entries WHERE seq = :k"), {"k": seq})
        conn.execute(text("UPDATE audit_head SET last_seq = :k, last_hash = (SELECT hash FROM audit_entries "
                          "WHERE seq = :k)"), {"k": seq - 1})
    witness.forget_memory()  # as if the program started again
    again = open_database(db.data_dir, db.url)
    try:
        with pytest.raises(AuditTampered):
            _write_something(again, trail)
    finally:
        again.dispose()


def test_a_printed_code_is_checked(db: Database, trail: Actor) -> None:
    seq, digest = _last(db)
    with db.session_factory() as s:
        good = full_report(s, db.engine, db.data_dir, codes=[f"{seq}-{digest[:12]}"])
        bad = full_report(s, db.engine, db.data_dir, codes=[f"{seq}-000000000000"])
    assert good.ok and any(f"纸面校验码 {seq}-" in line and "✓" in line for line in good.lines())
    assert not bad.ok


def test_an_administrator_reseals_after_reading_the_report(db: Database, trail: Actor) -> None:
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_head"))
    report = _report(db)
    with db.session_factory.begin() as s, pytest.raises(Exception, match="系统管理员"):
        reseal(s, Actor(user_id=5, username="x", display_name="x", roles=frozenset({Role.EDITOR})), report)
    with db.session_factory.begin() as s:
        head = reseal(s, trail, report)
    assert _report(db).ok
    _write_something(db, trail)  # writable again
    with db.session_factory() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "reseal")).one()
    assert entry.seq == head.seq and "audit_head" in entry.after_json


def test_only_committed_entries_are_witnessed(db: Database, trail: Actor) -> None:
    """A released savepoint is not a commit, and a rolled-back transaction leaves no head behind:
    otherwise the witness would claim entries that never existed and lock the program."""
    key = witness.database_key(db.engine)[0]
    before = witness.seen(key)
    session = db.session_factory()
    session.begin()
    with session.begin_nested():
        record(session, trail, "update", "case", 1, summary="不会保存")
    assert witness.seen(key) == before
    session.rollback()
    session.close()
    assert witness.seen(key) == before
    _write_something(db, trail)  # and the next real save is not taken for tampering
    assert witness.seen(key) == witness.Head(*_last(db))


def test_database_errors_never_show_the_values(db: Database, trail: Actor) -> None:
    """Error texts are shown and logged; the values of a refused statement (personal data) are not."""
    from sqlalchemy.exc import IntegrityError

    with db.session_factory() as s, pytest.raises(IntegrityError) as err:
        s.execute(text("INSERT INTO users (id, username, display_name, section, password_hash, active, "
                       "must_change_password, failed_attempts, created_at, version, password_set_by_name) "
                       "VALUES (:i, :u, :d, '', 'x', true, false, 0, CURRENT_TIMESTAMP, 1, '')"),
                  {"i": trail.user_id, "u": "张三110101199003077777", "d": "张三"})
    assert "110101199003077777" not in str(err.value)


def test_another_pcs_witness_file_is_checked_and_a_missing_one_is_named(
    db: Database, trail: Actor, tmp_path: Path
) -> None:
    import shutil

    witness.flush()
    other_pc = tmp_path / "other-pc-audit-witness.json"
    shutil.copyfile(witness.witness_path(db.data_dir), other_pc)
    seq, _ = _last(db)
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_entries WHERE seq = :k"), {"k": seq})
        conn.execute(text("UPDATE audit_head SET last_seq = :k, last_hash = (SELECT hash FROM audit_entries "
                          "WHERE seq = :k)"), {"k": seq - 1})
    with db.session_factory() as s:
        report = full_report(s, db.engine, db.data_dir, witness_files=[other_pc, tmp_path / "missing.json"])
    lines = report.lines()
    assert any(line.startswith("  ✗ 见证文件") and str(other_pc) in line for line in lines)
    assert any(line.startswith("  - 见证文件") and "文件不存在" in line for line in lines)
