"""The start-up check is structural; the full integrity check runs with the daily backup (issue 8)."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from app.backup import daily_backup, list_backups
from app.bootstrap import check_sqlite_file, open_database, quick_check_at_start
from app.errors import DatabaseUnreadable


def _damage_a_table(data_dir: Path) -> Path:
    """A database whose schema reads fine but one table's pages are garbage."""
    db = open_database(data_dir)
    path = db.sqlite_path
    assert path is not None
    db.dispose()
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE filler (x BLOB)")
    conn.executemany("INSERT INTO filler VALUES (?)", [(bytes(2000),) for _ in range(200)])
    conn.commit()
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'filler'").fetchone()[0]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    with open(path, "r+b") as fh:
        fh.seek((root - 1) * page_size)
        fh.write(b"\xa5" * page_size)
    return path


def test_structural_check_alone_misses_damage_inside_a_table(data_dir: Path) -> None:
    path = _damage_a_table(data_dir)
    check_sqlite_file(path)  # structural: header and schema are intact
    with pytest.raises(DatabaseUnreadable, match="完整性检查"):
        check_sqlite_file(path, full=True)


def test_start_refuses_a_database_damaged_inside_a_table(data_dir: Path) -> None:
    """Issue 13: the quick check at start finds damage the structural check cannot, and says what to do."""
    path = _damage_a_table(data_dir)
    before = path.read_bytes()
    with pytest.raises(DatabaseUnreadable) as caught:
        open_database(data_dir)
    message = str(caught.value)
    assert "启动时的快速完整性检查" in message and "filler" in message
    assert "从最近的备份恢复" in message and "不会删除" in message
    assert path.read_bytes() == before  # checked read-only


def test_start_check_is_bounded_and_covers_every_table_of_a_healthy_database(data_dir: Path) -> None:
    db = open_database(data_dir)
    path = db.sqlite_path
    assert path is not None
    db.dispose()
    coverage = quick_check_at_start(path)
    with sqlite3.connect(path) as conn:
        tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
    assert coverage.complete and coverage.checked == coverage.total == tables
    # Out of time: stops without calling anything damaged (the daily backup's full check covers the rest).
    damaged = _damage_a_table(data_dir)
    spent = quick_check_at_start(damaged, budget_s=0.0)
    assert (spent.checked, spent.complete) == (0, False)


def test_start_check_looks_at_the_audit_trail_before_file_tables(data_dir: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import app.bootstrap as bootstrap

    db = open_database(data_dir)
    path = db.sqlite_path
    assert path is not None
    db.dispose()
    order: list[str] = []
    real_connect = sqlite3.connect

    class Recording:
        """The real connection, noting which table each quick_check is asked for."""

        def __init__(self, inner: sqlite3.Connection) -> None:
            self.inner = inner

        def execute(self, sql: str) -> sqlite3.Cursor:
            if sql.startswith("PRAGMA quick_check("):
                order.append(sql.split('"')[1])
            return self.inner.execute(sql)

        def interrupt(self) -> None:
            self.inner.interrupt()

        def close(self) -> None:
            self.inner.close()

    monkeypatch.setattr(bootstrap.sqlite3, "connect", lambda *a, **kw: Recording(real_connect(*a, **kw)))
    quick_check_at_start(path, budget_s=5.0)
    assert order[:3] == ["alembic_version", "audit_head", "audit_entries"]
    assert order.index("case_documents") > order.index("request_cases")


def test_daily_backup_refuses_to_copy_a_damaged_database(data_dir: Path) -> None:
    path = _damage_a_table(data_dir)
    with pytest.raises(DatabaseUnreadable):
        daily_backup(path, data_dir, now=datetime(2025, 3, 3, 8, 0))
    assert list_backups(data_dir) == []


def test_daily_backup_of_a_healthy_database(data_dir: Path) -> None:
    db = open_database(data_dir)
    path = db.sqlite_path
    assert path is not None
    made = daily_backup(path, data_dir, now=datetime(2025, 3, 3, 8, 0))
    db.dispose()
    assert made is not None and list_backups(data_dir) == [made]


def test_garbage_is_still_refused_at_start_up(data_dir: Path) -> None:
    path = data_dir / "govinfo.db"
    path.write_bytes(b"not a database at all " * 50)
    with pytest.raises(DatabaseUnreadable, match="已损坏"):
        check_sqlite_file(path)
