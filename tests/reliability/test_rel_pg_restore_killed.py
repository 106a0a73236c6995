"""A server restore that is killed leaves nothing behind (issue 13): no half-restored database (the
restore is one server transaction), no pg_dump/pg_restore left running, no temporary copy of the
backup. The journal's cleanup runs anywhere; the kill itself needs GOVINFO_TEST_PG_URL (mandatory in
CI, tests/pg_support.py)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from app.bootstrap import open_database
from app.cases.intake import register_case
from app.cases.models import RequestCase
from app.context import Actor
from app.dbtools.restore_journal import RestoreJournal, finish_interrupted, journal_path
from tests import pg_support
from tests.reliability.rel_worker import TODAY, a_form
from tests.reliability.test_rel_pg_tools import _fill

pytestmark = pytest.mark.skipif(os.name != "posix", reason="kill -9 and /proc are POSIX")


def _dead_pid() -> int:
    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid


def _fake_child(folder: Path, name: str) -> subprocess.Popen[bytes]:
    """A process whose command line names `name`, as a pg_restore left running looks."""
    script = folder / name
    script.write_text("#!/bin/sh\nsleep 60\n", encoding="utf-8")
    script.chmod(0o700)
    return subprocess.Popen([str(script)])


def test_cleanup_after_a_killed_restore_stops_its_children_and_removes_its_files(data_dir: Path,
                                                                                  tmp_path: Path) -> None:
    pg_restore, unrelated = _fake_child(tmp_path, "pg_restore"), subprocess.Popen(["sleep", "60"])
    try:
        journal = RestoreJournal(data_dir, tmp_path / "backup.zip")
        journal.child(pg_restore.pid)
        journal.child(unrelated.pid)  # a pid reused by some other program meanwhile: left alone
        partial = data_dir / "backups" / ".~before-restore.dump.tmp-1a2b"
        partial.parent.mkdir(exist_ok=True)
        partial.write_bytes(b"PGDMP half")
        copy = tmp_path / "govinfo-restore-x"
        copy.mkdir()
        (copy / "restore.db").write_bytes(b"personal data")
        journal.temp(partial)
        journal.temp(copy)
        # The restoring process died (kill -9): the journal names a pid that is gone.
        data = json.loads(journal_path(data_dir).read_text(encoding="utf-8"))
        data["pid"] = _dead_pid()
        journal_path(data_dir).write_text(json.dumps(data), encoding="utf-8")

        found = finish_interrupted(data_dir)
        assert found is not None
        assert found.stopped == [pg_restore.pid] and pg_restore.wait(timeout=10) is not None
        assert unrelated.poll() is None
        assert not partial.exists() and not copy.exists()
        assert not journal_path(data_dir).exists()
        message = found.message()
        assert "backup.zip" in message and "不会只恢复一半" in message and "audit verify" in message
        assert finish_interrupted(data_dir) is None  # once
    finally:
        for proc in (pg_restore, unrelated):
            if proc.poll() is None:
                proc.kill()
                proc.wait()


def test_a_restore_still_running_elsewhere_is_not_touched(data_dir: Path, tmp_path: Path) -> None:
    other_window = _fake_child(tmp_path, "govinfo-desk")
    try:
        RestoreJournal(data_dir, tmp_path / "backup.zip")
        data = json.loads(journal_path(data_dir).read_text(encoding="utf-8"))
        data["pid"] = other_window.pid
        journal_path(data_dir).write_text(json.dumps(data), encoding="utf-8")
        assert finish_interrupted(data_dir) is None
        assert journal_path(data_dir).exists()
    finally:
        other_window.kill()
        other_window.wait()


@pytest.fixture
def pg_url() -> Iterator[str]:
    pg_support.require_server()
    with pg_support.fresh_database() as url:
        yield url


def test_killed_server_restore_leaves_the_old_or_the_whole_backup(data_dir: Path, pg_url: str,
                                                                  tmp_path: Path) -> None:
    from app.dbtools.pg_backup import backup_server_database

    db = open_database(data_dir, pg_url)
    try:
        _fill(db)
        backup = backup_server_database(db, tmp_path / "good.zip").path
        with db.session_factory.begin() as s:
            for i in range(5, 40):  # after the backup: the restore would remove these
                register_case(s, Actor.system(), a_form(i), TODAY)
        with db.reader() as s:
            before = sorted(s.scalars(select(RequestCase.case_no)))
    finally:
        db.dispose()
    proc = subprocess.Popen([sys.executable, "-m", "app", "--data-dir", str(data_dir), "--db", pg_url,
                             "restore", str(backup), "--force"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not journal_path(data_dir).exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.2)  # into the safety backup or the load
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    children = json.loads(journal_path(data_dir).read_text(encoding="utf-8"))["children"] \
        if journal_path(data_dir).exists() else []

    db = open_database(data_dir, pg_url)  # the next start cleans up
    try:
        with db.reader() as s:
            after = sorted(s.scalars(select(RequestCase.case_no)))
        assert after == before or len(after) == 5, after  # the old database or the whole backup
        assert not journal_path(data_dir).exists()
        if children:
            assert "恢复数据库时程序被中断" in db.notice
        for pid in children:
            assert not Path(f"/proc/{pid}").exists() or b"pg_" not in Path(f"/proc/{pid}/cmdline").read_bytes()
        assert not list((data_dir / "backups").glob(".~*.tmp-*"))  # no half-written safety backup
    finally:
        db.dispose()
