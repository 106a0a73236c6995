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


def validate_backup_file(path: Path) -> None:
    """A restore source must be a healthy SQLite database written by this program."""
    if not path.is_file():
        raise UserError(f"找不到备份文件“{path}”。")
    try:
        conn = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
        try:
            ok = conn.execute("PRAGMA integrity_check").fetchone()
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise UserError(f"“{path.name}”不是有效的数据库备份文件（{exc}）。") from exc
    if not ok or ok[0] != "ok":
        raise UserError(f"备份文件“{path.name}”已损坏，不能用于恢复。")
    if "alembic_version" not in tables or "audit_entries" not in tables:
        raise UserError(f"“{path.name}”不是政务公开工作台的数据库备份。")


def restore_from(backup: Path, db_path: Path, now: datetime | None = None) -> Path | None:
    """Replace the database with `backup`. The current file (healthy or damaged) is kept beside it
    as govinfo.db.before-restore-<time>; returns that path (None when there was no file)."""
    validate_backup_file(backup)
    now = now or datetime.now()
    kept: Path | None = None
    db_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = db_path.with_name(f".{db_path.name}.restoring")
    shutil.copyfile(backup, tmp)
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    if db_path.exists():
        kept = db_path.with_name(f"{db_path.name}.before-restore-{now.strftime('%Y%m%d-%H%M%S')}")
        os.replace(db_path, kept)
        for suffix in ("-wal", "-shm"):
            side = db_path.with_name(db_path.name + suffix)
            if side.exists():
                os.replace(side, kept.with_name(kept.name + suffix))
    os.replace(tmp, db_path)
    return kept
