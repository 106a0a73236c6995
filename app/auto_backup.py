"""The automatic daily backup, one per calendar day (local time), whoever opens the database first.

The GUI makes it in the background after start and again after midnight on a PC left running
(`seconds_until_next_day` arms its timer); the command line makes it when a command first opens
the database. The backup is recorded in the audit trail once the copy exists, so the trail never
claims a backup that failed, and an auditor sees which days were backed up.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from app.auth.actor import Actor
from app.errors import UserError

if TYPE_CHECKING:
    from app.bootstrap import Database

# Not a person and no roles: the entry says the program itself made the copy.
AUTO_BACKUP_ACTOR = Actor(user_id=None, username="system", display_name="系统（每日自动备份）", roles=frozenset())
# A little past midnight, so a clock a few seconds off does not fire on the old day.
_AFTER_MIDNIGHT = time(0, 1)


def run_daily_backup(db: Database, now: datetime | None = None) -> Path | None:
    """Make today's automatic backup unless one exists, and record it in the audit trail.

    None when there was nothing to do (already made today, a server database whose backups are the
    server's, or no database file yet). Raises DatabaseUnreadable when the full integrity check
    fails (the damaged file is not copied over the good backups), UserError when the copy
    cannot be written, and DamagedAttachmentsFound (after the backup is made and recorded) when
    the day's check of every attachment's hash finds a changed file."""
    from app.audit.service import record
    from app.backup import daily_backup

    db_path = db.sqlite_path
    if db_path is None:
        return None
    try:
        made = daily_backup(db_path, db.data_dir, now)
    except OSError as exc:  # e.g. the backups folder cannot be made (a file in its place, no permission)
        raise UserError(f"无法写入备份文件夹“{db.data_dir / 'backups'}”（{exc.strerror or exc}），"
                        "请检查该文件夹的权限和磁盘空间。") from exc
    if made is None:
        return None
    with db.session_factory.begin() as session:
        record(session, AUTO_BACKUP_ACTOR, "backup", "database", "*",
               after={"文件": str(made), "方式": "每日自动备份（已通过完整性检查）"},
               summary="每日自动备份数据库")
    from app.attachment_sweep import sweep_attachments

    sweep_attachments(db, AUTO_BACKUP_ACTOR)  # the backup stands; damage found is raised after it
    return made


def seconds_until_next_day(now: datetime) -> float:
    """How long a running program waits before trying the next day's backup (at least a minute)."""
    next_run = datetime.combine(now.date() + timedelta(days=1), _AFTER_MIDNIGHT)
    return max(60.0, (next_run - now).total_seconds())
