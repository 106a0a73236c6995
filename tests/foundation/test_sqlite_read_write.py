"""SQLite: a read never queues. Reads are deferred transactions, units of work BEGIN IMMEDIATE.

Another program (a second PC on a shared folder, or the command line beside the window) holds a
transaction open in a child process; this process must read and write within a second, far below
the 10 s busy timeout the old BEGIN-IMMEDIATE-for-everything made it wait."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from app.audit.service import record
from app.bootstrap import Database
from app.context import Actor
from app.settings.models import SettingRow

ROOT = Path(__file__).resolve().parents[2]

# The child opens the same data folder, starts a transaction of the given kind, touches the
# database, says READY and keeps the transaction open until its stdin closes.
CHILD = textwrap.dedent("""
    import sys
    sys.path.insert(0, sys.argv[1])
    from sqlalchemy import text
    from app.bootstrap import open_database
    db = open_database(__import__("pathlib").Path(sys.argv[2]))
    if sys.argv[3] == "read":
        with db.reader() as s:
            s.execute(text("SELECT count(*) FROM users")).scalar()
            print("READY", flush=True)
            sys.stdin.read()
    else:
        with db.session_factory.begin() as s:
            s.execute(text("UPDATE audit_head SET last_seq = last_seq"))
            print("READY", flush=True)
            sys.stdin.read()
""")


def _hold(data_dir: Path, kind: str) -> Iterator[subprocess.Popen[str]]:
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(ROOT), str(data_dir), kind],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "READY"
        yield child
    finally:
        assert child.stdin is not None
        child.stdin.close()
        child.wait(20)


@pytest.fixture
def sqlite_db(db: Database) -> Database:
    # The tests using it are marked sqlite_only: PostgreSQL readers never block (MVCC).
    assert db.is_sqlite
    return db


def _read_and_write(db: Database) -> float:
    start = time.monotonic()
    with db.reader() as s:
        rows = s.scalar(select(func.count()).select_from(SettingRow))
    assert rows is not None
    with db.session_factory.begin() as s:
        record(s, Actor.system(), "test", "setting", "x", summary="并发读写")
    return time.monotonic() - start


@pytest.mark.sqlite_only
def test_a_read_held_by_another_process_blocks_neither_reads_nor_writes(sqlite_db: Database, data_dir: Path) -> None:
    for _child in _hold(data_dir, "read"):
        elapsed = _read_and_write(sqlite_db)
        assert elapsed < 1.0, f"waited {elapsed:.1f} s behind another process's read"


@pytest.mark.sqlite_only
def test_a_read_does_not_wait_for_another_process_writing(sqlite_db: Database, data_dir: Path) -> None:
    for _child in _hold(data_dir, "write"):
        start = time.monotonic()
        with sqlite_db.reader() as s:
            assert s.execute(text("SELECT count(*) FROM audit_entries")).scalar() is not None
        assert time.monotonic() - start < 1.0


def test_a_read_session_refuses_to_write(db: Database) -> None:
    with db.reader() as s:
        s.add(SettingRow(key="org.name", value_json="\"x\""))
        with pytest.raises(RuntimeError, match="read session"):
            s.flush()
