"""文件 → 从备份恢复… as a service: who may replace everyone's data is decided here, not by the menu.

`app.backup.restore_from` is the file operation (also used before anyone can log in, when the
database is damaged, and by `govinfo-desk restore` after its own administrator check); this is the
signed-in user's restore: an administrator only, audited in the database being replaced (which
is kept beside the restored one, so the trail of who restored stays)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from app.audit.service import record
from app.backup import restore_from, validate_backup_file
from app.errors import PermissionDenied, UserError
from app.roles import Role

if TYPE_CHECKING:
    from app.bootstrap import Database
    from app.context import Actor


def check_restore(actor: Actor) -> None:
    """Refuse anyone but a 系统管理员 (the screen asks this before offering a file to choose)."""
    if not actor.has(Role.ADMIN):
        raise PermissionDenied(f"从备份恢复会替换所有人的数据，须由系统管理员执行；当前用户“{actor.display_name}”"
                               "不是系统管理员。请由系统管理员登录后恢复。")


def restore_database(db: Database, actor: Actor, backup: Path) -> Path | None:
    """Replace the SQLite database with `backup`; returns where the previous file was kept.

    Refused for anyone but a 系统管理员 and for a server database. The caller reopens the
    database afterwards: every session of the old file is gone."""
    check_restore(actor)
    db_path = db.sqlite_path
    if db_path is None:
        raise UserError("当前使用的是数据库服务器（如 PostgreSQL），请由服务器管理员用 govinfo-desk restore "
                        "或服务器自带的工具恢复。")
    validate_backup_file(backup)
    with db.session_factory.begin() as session:
        record(session, actor, "restore", "database", "*", after={"备份文件": str(backup)},
               summary="从备份恢复数据库")
    db.dispose()  # close pooled connections so the file can be renamed (Windows)
    return restore_from(backup, db_path)
