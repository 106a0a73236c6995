"""A PC left running over midnight makes the next day's automatic backup (the launcher's timer)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.audit.models import AuditEntry
from app.auto_backup import seconds_until_next_day
from app.backup import AUTO_PREFIX, list_backups
from ui.launch import Launcher
from ui.workers import wait_for_all_tasks

pytestmark = pytest.mark.gui


def test_timer_backs_up_again_on_the_next_day(qtbot: QtBot, data_dir: Path) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    launcher = Launcher(app, data_dir, None)
    db = launcher.open()
    assert db is not None
    try:
        launcher.watch_daily_backup(db)
        qtbot.waitUntil(lambda: len(list_backups(data_dir)) == 1, timeout=20_000)
        # Armed for just after the next midnight, not for a fixed 24 hours after start.
        expected_ms = seconds_until_next_day(datetime.now()) * 1000
        assert launcher.backup_timer.isActive()
        # (A coarse timer may report up to a second more than asked; a fixed 24 hours would be hours off.)
        assert expected_ms - 10_000 <= launcher.backup_timer.remainingTime() <= expected_ms + 1_000
        # Midnight passes: today's backup now carries yesterday's date.
        made = list_backups(data_dir)[0]
        yesterday = (datetime.now() - timedelta(days=1)).strftime("%Y%m%d")
        made.rename(made.with_name(f"{AUTO_PREFIX}{yesterday}-080000.db"))
        launcher.backup_timer.start(0)  # the timer fires
        qtbot.waitUntil(lambda: len(list_backups(data_dir)) == 2, timeout=20_000)
        wait_for_all_tasks()
        with db.reader() as s:
            count = s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "backup"))
        assert count == 2  # each day's backup is in the audit trail
        assert launcher.backup_timer.isActive() and launcher.backup_timer.remainingTime() > 60_000
    finally:
        launcher.stop_daily_backup()
        wait_for_all_tasks()
        db.dispose()
