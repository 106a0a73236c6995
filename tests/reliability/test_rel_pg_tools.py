"""Moving to the server and keeping it safe: migrate-db, PostgreSQL backup/restore, a lost server.

Tests that need the server get one from GOVINFO_TEST_PG_URL (tests/pg_support.py); in CI that
variable is mandatory, so they never silently skip there.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.exc import IntegrityError, OperationalError

from app.audit.models import AuditEntry
from app.audit.service import record, verify
from app.auto_backup import run_daily_backup
from app.bootstrap import Database, open_database
from app.cases.archive import add_document
from app.cases.intake import register_case
from app.cases.models import CaseDocument, RequestCase
from app.cli import main as run_cli
from app.context import Actor
from app.db.retry import DatabaseUnavailable, database_unavailable_as_user_error, describe_db_error
from app.dbtools.migrate_db import migrate_database
from app.errors import UserError
from tests import pg_support
from tests.reliability.rel_worker import TODAY, a_form

BLOB = bytes(range(256)) * 4096  # 1 MiB with every byte value


@pytest.fixture
def pg_empty() -> Iterator[str]:
    pg_support.require_server()
    with pg_support.fresh_database(blank=True) as url:
        yield url


def _fill(db: Database) -> dict[str, int]:
    """A few cases with a binary attachment each, and their audit entries."""
    with db.session_factory.begin() as s:
        for i in range(5):
            case = register_case(s, Actor.system(), a_form(i), TODAY)
            add_document(s, Actor.system(), case.id, "other", f"扫描件{i}.pdf", BLOB[i:])
    with db.session_factory() as s:
        return {
            "cases": s.scalar(select(func.count()).select_from(RequestCase)) or 0,
            "audit": s.scalar(select(func.count()).select_from(AuditEntry)) or 0,
        }


def _blob_hashes(db: Database) -> list[str]:
    with db.session_factory() as s:
        blobs = s.scalars(select(CaseDocument.content).order_by(CaseDocument.id))
        return [hashlib.sha256(c).hexdigest() for c in blobs]


def test_migrate_db_copies_everything_to_postgresql(data_dir: Path, pg_empty: str, capsys) -> None:  # type: ignore[no-untyped-def]
    source = open_database(data_dir)
    run_daily_backup(source)  # the day's automatic backup (audited) first: the command then makes none
    counts = _fill(source)
    hashes = _blob_hashes(source)
    source.dispose()
    assert run_cli(["migrate-db", "--to", pg_empty, "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "审计记录完整" in out and "迁移完成" in out
    target = open_database(data_dir, pg_empty)
    try:
        with target.session_factory() as s:
            assert s.scalar(select(func.count()).select_from(RequestCase)) == counts["cases"]
            # the copy carries the audit entry that records the move itself
            assert s.scalar(select(func.count()).select_from(AuditEntry)) == counts["audit"] + 1
            assert verify(s).ok
        assert _blob_hashes(target) == hashes
        # Sequences were moved past the copied ids: new records get new ids and the next number.
        with target.session_factory.begin() as s:
            case = register_case(s, Actor.system(), a_form(99), TODAY)
            assert case.id == counts["cases"] + 1 and case.case_no == "锦府办依申〔2024〕6号"
    finally:
        target.dispose()


def test_migrate_db_refuses_a_target_that_holds_data(db: Database, pg_empty: str) -> None:
    _fill(db)
    migrate_database(db.engine, pg_empty)
    with pytest.raises(UserError, match="已有数据"):
        migrate_database(db.engine, pg_empty)


def test_migrate_db_between_sqlite_files_and_refuses_itself(db: Database, tmp_path: Path) -> None:
    counts = _fill(db)
    target_url = f"sqlite:///{(tmp_path / 'copy.db').as_posix()}"
    report = migrate_database(db.engine, target_url, batch=2)
    assert report.audit is not None and report.audit.ok
    assert {t.name: t.rows for t in report.tables}["request_cases"] == counts["cases"]
    with sqlite3.connect(tmp_path / "copy.db") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with pytest.raises(UserError, match="相同"):
        migrate_database(db.engine, str(db.engine.url))
    with pytest.raises(UserError, match="无法识别"):
        migrate_database(db.engine, "nonsense://")


def test_a_failed_copy_leaves_the_target_empty(db: Database, tmp_path: Path) -> None:
    _fill(db)
    with db.session_factory.begin() as s:  # break the chain: the verification must refuse the copy
        s.execute(text("UPDATE audit_entries SET summary = 'x' WHERE seq = 2"))
    target_url = f"sqlite:///{(tmp_path / 'copy.db').as_posix()}"
    with pytest.raises(UserError, match="审计记录链"):
        migrate_database(db.engine, target_url)
    with sqlite3.connect(tmp_path / "copy.db") as conn:
        assert conn.execute("SELECT count(*) FROM request_cases").fetchone()[0] == 0


@pytest.mark.parametrize("suffix", [".dump", ".zip"])
def test_backup_and_restore_on_postgresql(data_dir: Path, pg_empty: str, tmp_path: Path, suffix: str,
                                          monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # type: ignore[no-untyped-def]
    if suffix == ".dump" and not shutil.which("pg_dump"):
        pytest.fail("pg_dump is not on PATH: install the postgresql client")
    db = open_database(data_dir, pg_empty)
    _fill(db)
    hashes = _blob_hashes(db)
    db.dispose()
    monkeypatch.setenv("GOVINFO_DB_URL", pg_empty)
    backup = tmp_path / f"备份{suffix}"
    assert run_cli(["backup", "-o", str(backup)]) == 0
    assert ("pg_dump" if suffix == ".dump" else "程序导出格式") in capsys.readouterr().out
    if suffix == ".zip":
        assert zipfile.ZipFile(backup).testzip() is None
    db = open_database(data_dir, pg_empty)
    with db.session_factory.begin() as s:  # a change made after the backup is undone by the restore
        register_case(s, Actor.system(), a_form(50), TODAY)
    db.dispose()
    assert run_cli(["restore", str(backup)]) == 0
    assert "恢复前的数据库已备份为" in capsys.readouterr().out
    db = open_database(data_dir, pg_empty)
    try:
        with db.session_factory() as s:
            assert s.scalar(select(func.count()).select_from(RequestCase)) == 5
            assert verify(s).ok
        assert _blob_hashes(db) == hashes
        safety = sorted((data_dir / "backups").glob("before-restore-*"))
        assert len(safety) == 1 and safety[0].stat().st_size > 0
    finally:
        db.dispose()


def test_restore_from_a_damaged_export_changes_nothing(data_dir: Path, pg_empty: str, tmp_path: Path) -> None:
    from app.dbtools.pg_backup import backup_server_database, restore_server_database

    db = open_database(data_dir, pg_empty)
    try:
        _fill(db)
        good = backup_server_database(db, tmp_path / "good.zip").path
        damaged = tmp_path / "damaged.zip"
        with zipfile.ZipFile(good) as src, zipfile.ZipFile(damaged, "w") as dst:
            for item in src.infolist():
                data = src.read(item)
                if item.filename == "tables/request_cases.jsonl":
                    data = data.replace(b'"version": 1', b'"version": "not a number"', 1)
                dst.writestr(item, data)
        with pytest.raises(UserError, match="未恢复任何数据") as refused:
            restore_server_database(db, damaged)
        assert "not a number" not in str(refused.value)  # no row values in the message
        with db.session_factory() as s:
            assert s.scalar(select(func.count()).select_from(RequestCase)) == 5
            assert verify(s).ok
        with pytest.raises(UserError, match="不是政务公开工作台"):
            restore_server_database(db, Path(__file__))
    finally:
        db.dispose()


@pytest.mark.postgresql_only
def test_a_lost_server_connection_gives_a_retry_message_and_the_next_try_works(db: Database) -> None:
    session = db.session_factory()
    session.begin()
    pid = session.execute(text("SELECT pg_backend_pid()")).scalar_one()
    admin = create_engine(pg_support._template_url().set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    admin.dispose()
    with pytest.raises(OperationalError) as err:
        record(session, Actor.system(), "update", "marker", "lost")
    message = describe_db_error(err.value)
    assert message is not None and "无法连接数据库服务器" in message and "重试" in message
    session.close()
    # pool_pre_ping replaces the dead connection: retrying the unit of work succeeds.
    with db.session_factory.begin() as s:
        record(s, Actor.system(), "update", "marker", "retried")
    with db.session_factory() as s:
        assert verify(s).ok


def test_only_connection_failures_are_called_unavailable(db: Database) -> None:
    with db.session_factory() as s:
        record(s, Actor.system(), "update", "marker", "1")
        s.commit()
        with pytest.raises(IntegrityError) as err:
            s.execute(text("INSERT INTO audit_head (id, last_seq, last_hash) VALUES (1, 0, 'x')"))
        assert describe_db_error(err.value) is None
    unreachable = create_engine("postgresql+psycopg://nobody@127.0.0.1:1/none", connect_args={"connect_timeout": 2})
    with pytest.raises(DatabaseUnavailable, match="请检查网络"), database_unavailable_as_user_error():
        unreachable.connect()
    broken_file = create_engine("sqlite:////nonexistent-folder/x.db")
    with pytest.raises(DatabaseUnavailable, match="数据库文件"), database_unavailable_as_user_error():
        broken_file.connect()


def test_a_sqlite_database_busy_past_the_timeout_asks_to_retry(tmp_path: Path) -> None:
    path = tmp_path / "busy.db"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN IMMEDIATE")
    impatient = create_engine(f"sqlite:///{path.as_posix()}", connect_args={"timeout": 0.1})
    try:
        with pytest.raises(OperationalError) as err, impatient.connect() as conn:
            conn.exec_driver_sql("INSERT INTO t VALUES (1)")
        message = describe_db_error(err.value)
        assert message is not None and "数据库正忙" in message
    finally:
        holder.rollback()
        holder.close()
        impatient.dispose()
