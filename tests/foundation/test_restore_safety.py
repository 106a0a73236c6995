"""A restore that cannot lose the database (issue 13): check first, then swap; a cut-short restore
is not a new install; no restore under another program's feet; the command line asks who.
All about SQLite files, so SQLite only."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select, text

from app.audit.models import AuditEntry
from app.audit.service import record
from app.auth.roles import Role
from app.backup import backup_to, daily_backup, marker_path, restore_from
from app.bootstrap import Database, open_database
from app.cli import main as run_cli
from app.context import Actor
from app.errors import DatabaseUnreadable, UserError
from tests.conftest import TEST_PASSWORD

pytestmark = pytest.mark.sqlite_only


def _mark(db: Database, label: str) -> None:
    with db.session_factory.begin() as s:
        record(s, Actor.system(), "update", "marker", label)


def _markers(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT record_id FROM audit_entries WHERE record_type='marker'")]
    finally:
        conn.close()


def _live(data_dir: Path) -> Path:
    return data_dir / "govinfo.db"


def test_a_backup_of_a_newer_schema_is_refused_before_anything_moves(
    db: Database, data_dir: Path, tmp_path: Path
) -> None:
    _mark(db, "live")
    copy = backup_to(_live(data_dir), tmp_path / "newer.db")
    with sqlite3.connect(copy) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    conn.close()
    before = _live(data_dir).read_bytes()
    with pytest.raises(UserError, match="更新版本的程序"):
        restore_from(copy, _live(data_dir))
    assert _live(data_dir).read_bytes() == before
    assert not list(data_dir.glob("govinfo.db.before-restore-*"))
    assert not list(data_dir.glob(".govinfo.db.restoring*"))


def test_a_backup_with_a_broken_audit_chain_is_refused(db: Database, data_dir: Path, tmp_path: Path) -> None:
    _mark(db, "a")
    _mark(db, "b")
    copy = backup_to(_live(data_dir), tmp_path / "edited.db")
    with sqlite3.connect(copy) as conn:
        conn.execute("UPDATE audit_entries SET summary = 'x' WHERE seq = 1")
    conn.close()
    with pytest.raises(UserError, match="审计记录未通过校验"):
        restore_from(copy, _live(data_dir))
    assert _markers(_live(data_dir)) == ["a", "b"]


def test_a_wal_file_beside_the_backup_is_applied(db: Database, data_dir: Path, tmp_path: Path) -> None:
    _mark(db, "first")
    # A copy taken with a file manager while the program was writing: the main file plus its -wal.
    holder = sqlite3.connect(_live(data_dir))
    holder.execute("PRAGMA wal_autocheckpoint=0")
    _mark(db, "in-wal")
    src_wal = data_dir / "govinfo.db-wal"
    assert src_wal.exists() and src_wal.stat().st_size > 0
    shutil.copyfile(_live(data_dir), tmp_path / "copied.db")
    shutil.copyfile(src_wal, tmp_path / "copied.db-wal")
    holder.close()
    db.dispose()
    restore_from(tmp_path / "copied.db", _live(data_dir))
    assert _markers(_live(data_dir)) == ["first", "in-wal"]


def test_refused_while_another_process_has_the_database_open(db: Database, data_dir: Path, tmp_path: Path) -> None:
    _mark(db, "live")
    copy = backup_to(_live(data_dir), tmp_path / "copy.db")
    db.dispose()
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sqlite3,sys,time; c=sqlite3.connect(sys.argv[1]); c.execute('select count(*) from audit_entries')"
         ".fetchone(); print('open', flush=True); time.sleep(60)", str(_live(data_dir))],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        with pytest.raises(UserError, match="正被另一个程序窗口"):
            restore_from(copy, _live(data_dir))
    finally:
        holder.kill()
        holder.wait()
    assert restore_from(copy, _live(data_dir)) is not None  # once it has closed


def test_a_restore_cut_short_between_the_renames_is_finished_not_a_new_install(
    db: Database, data_dir: Path, tmp_path: Path
) -> None:
    _mark(db, "backed-up")
    copy = backup_to(_live(data_dir), tmp_path / "copy.db")
    db.dispose()
    # The state a kill -9 leaves after the first rename: the checked copy, the marker, no database.
    tmp = data_dir / ".govinfo.db.restoring"
    shutil.copyfile(copy, tmp)
    marker_path(_live(data_dir)).write_text(str(copy), encoding="utf-8")
    os.replace(_live(data_dir), data_dir / "govinfo.db.before-restore-20260101-000000")
    for side in ("-wal", "-shm"):
        (data_dir / f"govinfo.db{side}").unlink(missing_ok=True)
    reopened = open_database(data_dir)
    reopened.dispose()
    assert _markers(_live(data_dir)) == ["backed-up"]
    assert not marker_path(_live(data_dir)).exists()


@pytest.mark.parametrize("state", ["missing", "empty"])
def test_a_lost_database_beside_backups_is_not_recreated_empty(db: Database, data_dir: Path, state: str) -> None:
    _mark(db, "x")
    daily_backup(_live(data_dir), data_dir)
    db.dispose()
    for side in ("", "-wal", "-shm"):
        (data_dir / f"govinfo.db{side}").unlink(missing_ok=True)
    if state == "empty":
        _live(data_dir).write_bytes(b"")
    with pytest.raises(DatabaseUnreadable, match="不是新安装"):
        open_database(data_dir)
    assert not _live(data_dir).exists() or _live(data_dir).stat().st_size == 0


def test_after_a_restore_the_program_can_write_again(db: Database, data_dir: Path, tmp_path: Path) -> None:
    _mark(db, "one")
    copy = backup_to(_live(data_dir), tmp_path / "copy.db")
    for i in range(3):
        _mark(db, f"later-{i}")  # the witness has now seen further than the backup
    db.dispose()
    restore_from(copy, _live(data_dir))
    reopened = open_database(data_dir)
    try:
        _mark(reopened, "after-restore")  # a restore is not tampering
    finally:
        reopened.dispose()


def test_cli_restore_and_import_need_an_administrator(
    db: Database, data_dir: Path, tmp_path: Path, make_user: Callable[..., Actor],
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    make_user("boss", Role.ADMIN, display_name="管理员")
    make_user("clerk", Role.DISCLOSURE_STAFF)
    out = tmp_path / "manual.db"
    assert run_cli(["backup", "-o", str(out)]) == 0  # read-only commands ask nothing
    with db.session_factory() as s:
        last = s.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)).one()
    assert last.action == "backup" and str(out) in last.after_json  # audited once it succeeded
    db.dispose()
    monkeypatch.delenv("GOVINFO_ADMIN_USER", raising=False)
    monkeypatch.delenv("GOVINFO_ADMIN_PASSWORD", raising=False)
    devnull = open(os.devnull)  # noqa: SIM115  (closed at the end of the test)
    monkeypatch.setattr(sys, "stdin", devnull)  # a script: no terminal to ask at
    assert run_cli(["restore", str(out)]) == 2
    assert "GOVINFO_ADMIN_USER" in capsys.readouterr().err
    monkeypatch.setenv("GOVINFO_ADMIN_USER", "clerk")
    monkeypatch.setenv("GOVINFO_ADMIN_PASSWORD", TEST_PASSWORD)
    assert run_cli(["restore", str(out)]) == 2
    assert "不是系统管理员" in capsys.readouterr().err
    monkeypatch.setenv("GOVINFO_ADMIN_USER", "boss")
    monkeypatch.setenv("GOVINFO_ADMIN_PASSWORD", "wrong-9-guess")
    assert run_cli(["restore", str(out)]) == 2
    assert "用户名或密码不正确" in capsys.readouterr().err
    monkeypatch.setenv("GOVINFO_ADMIN_PASSWORD", TEST_PASSWORD)
    assert run_cli(["restore", str(out)]) == 0
    reopened = open_database(data_dir)
    try:
        with reopened.session_factory() as s:
            entry = s.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)).one()
            failures = s.execute(text("SELECT count(*) FROM audit_entries WHERE action = 'cli_failed'")).scalar()
    finally:
        reopened.dispose()
    devnull.close()
    assert entry.action == "restore" and entry.username == "boss"
    assert failures == 0  # the failed attempts were recorded in the database that was then replaced


def test_cli_audit_verify_exit_codes(db: Database, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for i in range(30):
        _mark(db, f"m{i}")
    assert run_cli(["audit", "verify"]) == 0
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_head"))
    assert run_cli(["audit", "verify"]) == 1
    assert "审计记录头（audit_head）缺失" in capsys.readouterr().err
    # A damaged page under the audit table: its own exit code and a sentence, not a traceback.
    with sqlite3.connect(_live(data_dir)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'audit_entries'").fetchone()[0]
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    db.dispose()
    with open(_live(data_dir), "r+b") as fh:
        fh.seek((root - 1) * page_size)
        fh.write(b"\xff" * page_size)
    assert run_cli(["audit", "verify"]) == 4
    assert "审计记录所在的数据库页已损坏" in capsys.readouterr().err


def test_a_busy_database_at_start_says_busy_and_offers_no_restore(
    db: Database, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import app.db.engine as engine_module

    _mark(db, "x")
    db.dispose()
    monkeypatch.setattr(engine_module, "SQLITE_BUSY_TIMEOUT_MS", 200)
    holder = sqlite3.connect(_live(data_dir), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(UserError, match="数据库正忙") as refused:
            open_database(data_dir)
        assert not isinstance(refused.value, DatabaseUnreadable)  # the GUI would offer a restore
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_data_folder_database_and_backups_are_private(db: Database, data_dir: Path, tmp_path: Path) -> None:
    if os.name != "posix":
        pytest.skip("POSIX permissions")
    _mark(db, "x")
    backup = daily_backup(_live(data_dir), data_dir)
    assert backup is not None
    manual = backup_to(_live(data_dir), tmp_path / "manual.db")
    assert data_dir.stat().st_mode & 0o777 == 0o700
    assert (data_dir / "backups").stat().st_mode & 0o777 == 0o700
    for path in (_live(data_dir), backup, manual, data_dir / "audit-witness.json"):
        assert path.stat().st_mode & 0o777 == 0o600, path
