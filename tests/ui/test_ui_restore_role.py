"""文件 → 从备份恢复 by someone who is not an administrator: the service's refusal is shown before a
file is chosen or anything is stopped, whatever state the menu item is in."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.auth.roles import Role
from app.backup import backup_to
from ui.context import AppContext
from ui.main_window import MainWindow

pytestmark = pytest.mark.gui


def test_a_leader_is_refused_and_nothing_is_stopped(
    qtbot: QtBot, make_ctx: Callable[..., AppContext], qsettings: QSettings, tmp_path: Path,
    visible_message_boxes: Callable[[], list[QMessageBox]],
) -> None:
    ctx = make_ctx("lingdao", Role.PRINCIPAL_LEADER, Role.DISCLOSURE_STAFF, display_name="李主任")
    assert ctx.db.sqlite_path is not None
    backup = backup_to(ctx.db.sqlite_path, tmp_path / "copy.db")
    window = MainWindow(ctx, settings=qsettings)
    qtbot.addWidget(window)
    window.show()
    started: list[bool] = []
    window.db_actions.restore_started.connect(lambda: started.append(True))
    assert window.db_actions.start_restore(backup) is None
    assert started == [] and not window.watcher._stopped
    (box,) = visible_message_boxes()
    assert "须由系统管理员执行；当前用户“李主任”不是系统管理员" in box.text()
    assert list(ctx.db.sqlite_path.parent.glob("*.before-restore-*")) == []
