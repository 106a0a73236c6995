"""Opening, migrating, backing up and restoring the database; refusing damaged or newer ones."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from app.audit.service import record
from app.backup import KEEP_BACKUPS, backup_to, daily_backup, list_backups, restore_from
from app.bootstrap import Database, open_database
from app.cli import main as run_cli
from app.context import Actor
from app.db.migrate import head_revision
from app.errors import DatabaseUnreadable, SchemaTooNew, UserError

# PRAGMAs, database files and file backups: PostgreSQL's counterparts are in tests/reliability.
pytestmark = pytest.mark.sqlite_only


def test_fresh_folder_gets_schema_wal_and_foreign_keys(db: Database) -> None:
    assert db.schema_revision == head_revision()
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 5000


def test_reopening_is_idempotent(data_dir: Path) -> None:
    open_database(data_dir).dispose()
    again = open_database(data_dir)
    assert again.schema_revision == head_revision()
    again.dispose()


def test_garbage_file_is_refused_and_left_untouched(data_dir: Path) -> None:
    path = data_dir / "govinfo.db"
    junk = b"this is not a database" * 100
    path.write_bytes(junk)
    with pytest.raises(DatabaseUnreadable, match="已损坏"):
        open_database(data_dir)
    assert path.read_bytes() == junk


def test_newer_schema_is_refused(db: Database, data_dir: Path) -> None:
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    db.dispose()
    with pytest.raises(SchemaTooNew, match="更新版本"):
        open_database(data_dir)
    with sqlite3.connect(data_dir / "govinfo.db") as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "9999_future"


def _mark(db: Database, label: str) -> None:
    with db.session_factory.begin() as s:
        record(s, Actor.system(), "update", "marker", label)


def _markers(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [r[0] for r in conn.execute("SELECT record_id FROM audit_entries WHERE record_type='marker'")]


def test_backup_and_restore_keep_the_current_file(db: Database, data_dir: Path, tmp_path: Path) -> None:
    _mark(db, "before")
    db_path = data_dir / "govinfo.db"
    copy = backup_to(db_path, tmp_path / "copy.db")
    _mark(db, "after")
    db.dispose()
    kept = restore_from(copy, db_path)
    assert kept is not None and _markers(kept) == ["before", "after"]
    assert _markers(db_path) == ["before"]


def test_restore_refuses_a_non_backup(tmp_path: Path, data_dir: Path) -> None:
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    with pytest.raises(UserError, match="不是政务公开工作台"):
        restore_from(other, data_dir / "govinfo.db")


def test_damaged_database_restored_from_latest_backup(db: Database, data_dir: Path) -> None:
    _mark(db, "good")
    db_path = data_dir / "govinfo.db"
    daily_backup(db_path, data_dir)
    db.dispose()
    db_path.write_bytes(b"\0garbage" * 64)
    for side in ("-wal", "-shm"):
        (data_dir / f"govinfo.db{side}").unlink(missing_ok=True)
    kept = restore_from(list_backups(data_dir)[0], db_path)
    assert kept is not None and kept.read_bytes().startswith(b"\0garbage")
    reopened = open_database(data_dir)
    reopened.dispose()
    assert _markers(db_path) == ["good"]


def test_daily_backup_once_a_day_keeps_thirty(db: Database, data_dir: Path) -> None:
    db_path = data_dir / "govinfo.db"
    first = datetime(2024, 1, 1, 9)
    for day in range(35):
        assert daily_backup(db_path, data_dir, now=first + timedelta(days=day)) is not None
    assert daily_backup(db_path, data_dir, now=first + timedelta(days=34, hours=8)) is None
    kept = list_backups(data_dir)
    assert len(kept) == KEEP_BACKUPS
    assert kept[0].name.startswith("govinfo-auto-20240204") and kept[-1].name.startswith("govinfo-auto-20240106")


def test_cli_backup_and_restore(db: Database, data_dir: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    _mark(db, "one")
    db.dispose()
    out = tmp_path / "manual.db"
    assert run_cli(["backup", "-o", str(out)]) == 0
    assert out.exists() and "已备份" in capsys.readouterr().out
    assert run_cli(["restore", str(out)]) == 0
    assert "one" in _markers(data_dir / "govinfo.db")
    assert run_cli(["restore", str(tmp_path / "missing.db")]) == 2
    assert "找不到" in capsys.readouterr().err


def test_cli_deadline_prints_date_first(capsys) -> None:  # type: ignore[no-untyped-def]
    assert run_cli(["deadline", "2024-09-20"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "2024-10-23"
    assert any("国庆节" in line for line in lines[1:])
    assert run_cli(["deadline", "2025-01-25", "--days", "20"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "2025-02-27"
    assert run_cli(["deadline", "2024/13/01"]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_cli_deadline_uses_administrator_entries(db: Database, capsys) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from app.workdays.service import set_year_arrangement

    with db.session_factory.begin() as s:
        set_year_arrangement(s, Actor.system(), 2027, [date(2027, 1, 1)], [], source="测试")
    db.dispose()
    assert run_cli(["deadline", "2026-12-20"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "2027-01-18" and not any("未确认" in line for line in out)
