"""Backups of the SQLite database with SQLite's online backup API, and restore from one.

A backup is a consistent copy even while the program is writing. Restore never overwrites a
damaged database: the current file is renamed aside first.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

from app import paths
from app.errors import DatabaseUnreadable, UserError

KEEP_BACKUPS = 30
AUTO_PREFIX = "govinfo-auto-"


def _copy_sqlite(src: Path, dest: Path) -> None:
    tmp = dest.with_name(f".{dest.name}.partial")
    tmp.unlink(missing_ok=True)
    source = sqlite3.connect(f"file:{src.as_posix()}?mode=ro", uri=True)
    try:
        target = sqlite3.connect(tmp)
        try:
            source.backup(target)
            target.execute("PRAGMA journal_mode=DELETE")
        finally:
            target.close()
    finally:
        source.close()
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    paths.private(tmp)
    os.replace(tmp, dest)


def backup_to(db_path: Path, dest: Path) -> Path:
    """Write a consistent copy of the database to `dest` (temp name, then rename)."""
    if not db_path.exists():
        raise UserError(f"找不到数据库文件“{db_path}”，无法备份。")
    dest = dest.expanduser().resolve()
    if dest == db_path.resolve():
        raise UserError("备份文件不能与正在使用的数据库是同一个文件。")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        _copy_sqlite(db_path, dest)
    except sqlite3.DatabaseError as exc:
        raise DatabaseUnreadable(f"数据库无法读取，备份失败：{exc}") from exc
    except PermissionError as exc:
        raise UserError(f"没有写入“{dest.parent}”的权限，请换一个文件夹。") from exc
    except OSError as exc:
        raise UserError(f"备份写入失败（{exc.strerror or exc}），请检查磁盘空间和文件夹。") from exc
    return dest


def list_backups(data_dir: Path) -> list[Path]:
    """Automatic backups, newest first."""
    return sorted(paths.backups_dir(data_dir).glob(f"{AUTO_PREFIX}*.db"), reverse=True)


def daily_backup(db_path: Path, data_dir: Path, now: datetime | None = None) -> Path | None:
    """Make today's automatic backup unless one exists; keep the newest KEEP_BACKUPS.

    The database's full integrity check runs first (it reads every page, so it is done here, off
    the start-up path): a damaged database raises DatabaseUnreadable and is not copied over the
    good backups a restore will need."""
    from app.bootstrap import check_sqlite_file

    now = now or datetime.now()
    if not db_path.exists():
        return None
    stamp = now.strftime("%Y%m%d")
    existing = list_backups(data_dir)
    if any(p.name.startswith(f"{AUTO_PREFIX}{stamp}") for p in existing):
        return None
    check_sqlite_file(db_path, full=True)
    dest = paths.backups_dir(data_dir) / f"{AUTO_PREFIX}{now.strftime('%Y%m%d-%H%M%S')}.db"
    backup_to(db_path, dest)
    for old in list_backups(data_dir)[KEEP_BACKUPS:]:
        old.unlink(missing_ok=True)
    return dest


def _known_revisions() -> set[str]:
    from app.db.migrate import _REVISION_LINE, MIGRATIONS_DIR

    found: set[str] = set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        for match in _REVISION_LINE.finditer(path.read_text(encoding="utf-8")):
            if match[1] == "revision":
                found.add(match[2].strip("'\""))
    return found


def validate_backup_file(path: Path) -> None:
    """A restore source must be a healthy SQLite database written by this program, of a schema
    this program knows, whose audit chain is intact. Raises UserError naming what is wrong."""
    if not path.is_file():
        raise UserError(f"找不到备份文件“{path}”。")
    try:
        conn = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
        try:
            ok = conn.execute("PRAGMA integrity_check").fetchone()
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            revision = (conn.execute("SELECT version_num FROM alembic_version").fetchone()
                        if "alembic_version" in tables else None)
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise UserError(f"“{path.name}”不是有效的数据库备份文件（{exc}）。") from exc
    if not ok or ok[0] != "ok":
        raise UserError(f"备份文件“{path.name}”已损坏，不能用于恢复。")
    if "alembic_version" not in tables or "audit_entries" not in tables or revision is None:
        raise UserError(f"“{path.name}”不是政务公开工作台的数据库备份。")
    if revision[0] not in _known_revisions():
        raise UserError(
            f"备份“{path.name}”由更新版本的程序写入（数据库版本 {revision[0]}），本程序无法使用。"
            "请先升级程序再恢复；当前数据库未作任何改动。"
        )
    _verify_backup_chain(path)


def _verify_backup_chain(path: Path) -> None:
    from sqlalchemy import create_engine
    from sqlalchemy.orm import Session

    from app.audit.service import verify

    engine = create_engine(f"sqlite:///file:{path.as_posix()}?mode=ro&uri=true")
    try:
        with Session(engine) as session:
            result = verify(session)
    except Exception as exc:  # a damaged audit table in an otherwise readable file
        raise UserError(f"备份“{path.name}”中的审计记录无法读取（{type(exc).__name__}），不能用于恢复。") from exc
    finally:
        engine.dispose()
    if not result.ok:
        raise UserError(f"备份“{path.name}”中的审计记录未通过校验：{result.message}不能用于恢复。")


def _held_open_elsewhere(db_path: Path) -> bool:
    """True while another process has the SQLite database open (POSIX). In WAL mode every open
    connection holds a shared lock on the -shm file's DMS byte (offset 128) for as long as it is
    open, so an exclusive lock there fails exactly when someone else has the file open. On Windows
    an open file cannot be renamed, so the swap below refuses by itself."""
    shm = db_path.with_name(db_path.name + "-shm")
    if os.name != "posix" or not shm.exists():
        return False
    import fcntl

    fd = os.open(shm, os.O_RDWR)
    try:
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, 128)
        except OSError:
            return True
        fcntl.lockf(fd, fcntl.LOCK_UN, 1, 128)
        return False
    finally:
        os.close(fd)


def _prepare(backup: Path, tmp: Path) -> None:
    """Copy the backup (and a -wal beside it, applied) to `tmp` as one self-contained file."""
    wal = backup.with_name(backup.name + "-wal")
    tmp.unlink(missing_ok=True)
    for suffix in ("-wal", "-shm", "-journal"):
        tmp.with_name(tmp.name + suffix).unlink(missing_ok=True)
    shutil.copyfile(backup, tmp)
    if wal.exists() and wal.stat().st_size > 0:
        # A backup copied while the program was writing: its last transactions are in the -wal.
        # SQLite applies them when the copy is opened and checkpointed; a -wal that does not belong
        # to the file is ignored by SQLite (salt mismatch), which the checks after this then judge.
        shutil.copyfile(wal, tmp.with_name(tmp.name + "-wal"))
    try:
        conn = sqlite3.connect(tmp)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.execute("PRAGMA journal_mode=DELETE")
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(f"“{backup.name}”不是有效的数据库备份文件（{exc}）。") from exc
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())


def marker_path(db_path: Path) -> Path:
    return db_path.with_name(f".{db_path.name}.restore-in-progress")


def finish_interrupted_restore(db_path: Path) -> bool:
    """At start: a restore killed between its two renames left the checked copy beside a missing
    database; complete it. True when it did."""
    marker, tmp = marker_path(db_path), db_path.with_name(f".{db_path.name}.restoring")
    if not marker.exists():
        return False
    done = False
    if (not db_path.exists() or db_path.stat().st_size == 0) and tmp.exists() and tmp.stat().st_size > 0:
        os.replace(tmp, db_path)
        done = True
    marker.unlink(missing_ok=True)
    return done


def restore_from(backup: Path, db_path: Path, now: datetime | None = None, data_dir: Path | None = None) -> Path | None:
    """Replace the database with `backup`: check the copy first (opens, schema version, integrity,
    audit chain, -wal applied), refuse while another program has the database open, then swap.
    The current file (healthy or damaged) is kept beside it as govinfo.db.before-restore-<time>;
    returns that path (None when there was no file). This PC's audit witness restarts from the
    restored head (in `data_dir`, by default the database's folder)."""
    now = now or datetime.now()
    kept: Path | None = None
    db_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = db_path.with_name(f".{db_path.name}.restoring")
    if not backup.is_file():
        raise UserError(f"找不到备份文件“{backup}”。")
    _prepare(backup, tmp)
    try:
        validate_backup_file(tmp)
    except UserError as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(str(exc).replace(tmp.name, backup.name)) from exc
    if db_path.exists() and _held_open_elsewhere(db_path):
        tmp.unlink(missing_ok=True)
        raise UserError("数据库正被另一个程序窗口（本机或其他用户）打开，恢复会丢失那边的保存。"
                        "请先关闭所有政务公开工作台窗口，再恢复。")
    marker_path(db_path).write_text(str(backup), encoding="utf-8")
    try:
        if db_path.exists():
            kept = db_path.with_name(f"{db_path.name}.before-restore-{now.strftime('%Y%m%d-%H%M%S')}")
            os.replace(db_path, kept)
            for suffix in ("-wal", "-shm"):
                side = db_path.with_name(db_path.name + suffix)
                if side.exists():
                    os.replace(side, kept.with_name(kept.name + suffix))
        os.replace(tmp, db_path)
    except PermissionError as exc:
        raise UserError("数据库文件正被另一个程序占用，无法替换。请关闭所有政务公开工作台窗口后再恢复。") from exc
    marker_path(db_path).unlink(missing_ok=True)
    _restart_witness(db_path, data_dir or db_path.parent)
    return kept


def _restart_witness(db_path: Path, folder: Path) -> None:
    from app.audit import witness

    conn = sqlite3.connect(f"file:{db_path.as_posix()}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT seq, hash FROM audit_entries ORDER BY seq DESC LIMIT 1").fetchone()
    finally:
        conn.close()
    from app.audit.service import GENESIS_HASH

    head = witness.Head(int(row[0]), str(row[1])) if row else witness.Head(0, GENESIS_HASH)
    path = str(db_path.resolve())
    witness.reset(witness.Binding(folder, f"sqlite:{path}", path), head, "restore")


def missing_beside_backups(db_path: Path, data_dir: Path) -> bool:
    """A missing or empty database where backups or a kept copy exist is a lost database (e.g. a
    restore cut short), never a new installation."""
    if db_path.exists() and db_path.stat().st_size > 0:
        return False
    kept = list(db_path.parent.glob(f"{db_path.name}.before-restore-*"))
    return bool(list_backups(data_dir) or kept or marker_path(db_path).exists())
