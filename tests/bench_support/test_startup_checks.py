"""The start-up check is structural; the full integrity check runs with the daily backup (issue 8)."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from app.backup import daily_backup, list_backups
from app.bootstrap import check_sqlite_file, open_database
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


def test_start_up_opens_a_database_damaged_inside_a_table(data_dir: Path) -> None:
    path = _damage_a_table(data_dir)
    check_sqlite_file(path)  # structural: header and schema are intact
    with pytest.raises(DatabaseUnreadable, match="完整性检查"):
        check_sqlite_file(path, full=True)


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
