"""Screen lock: idle timeout (injected short), unlock with the same user's password, switch user."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.auth.models import User
from app.changes import RecordKind
from app.context import Actor
from app.settings.registry import set_setting
from tests.conftest import TEST_PASSWORD
from ui.context import AppContext
from ui.idle_lock import IdleWatcher
from ui.main_window import ExitReason, MainWindow
from ui.operations import announce

pytestmark = pytest.mark.gui


def open_window(qtbot: QtBot, ctx: AppContext, qsettings: QSettings, idle_ms: int | None) -> MainWindow:
    window = MainWindow(ctx, settings=qsettings, idle_timeout=idle_ms)
    qtbot.addWidget(window)
    window.show()
    return window


def failed_attempts(ctx: AppContext) -> int:
    with ctx.reader() as s:
        return int(s.scalar(select(User.failed_attempts).where(User.id == ctx.actor.user_id)) or 0)


def test_locks_after_idle_timeout_and_unlocks_with_password(
    qtbot: QtBot, admin_ctx: AppContext, qsettings: QSettings
) -> None:
    window = open_window(qtbot, admin_ctx, qsettings, idle_ms=80)
    qtbot.waitUntil(lambda: window.is_locked, timeout=5000)
    lock = window.lock_screen
    assert lock.isVisible() and not window.tabs.isVisible()
    assert not window.menuBar().actions()[0].isEnabled()

    lock.password.setText("wrong-password")
    qtbot.mouseClick(lock.unlock_button, Qt.MouseButton.LeftButton)
    assert window.is_locked
    assert "用户名或密码不正确" in lock.message.text()
    assert failed_attempts(admin_ctx) == 1

    lock.password.setText(TEST_PASSWORD)
    qtbot.keyClick(lock.password, Qt.Key.Key_Return)
    assert not window.is_locked and window.tabs.isVisible()
    assert failed_attempts(admin_ctx) == 0
    assert window.idle.active  # counting again


def test_input_postpones_the_lock(qtbot: QtBot, admin_ctx: AppContext, qsettings: QSettings) -> None:
    window = open_window(qtbot, admin_ctx, qsettings, idle_ms=60_000)
    watcher = window.idle
    watcher._timer.start(5)  # nearly expired ...
    qtbot.keyClick(window.tabs, Qt.Key.Key_Shift)  # ... and a key press starts it afresh
    assert watcher._timer.remainingTime() > 1000
    assert not window.is_locked


def test_lock_menu_action_and_switch_user(qtbot: QtBot, admin_ctx: AppContext, qsettings: QSettings) -> None:
    window = open_window(qtbot, admin_ctx, qsettings, idle_ms=0)
    window.lock()
    assert window.is_locked
    with qtbot.waitSignal(window.window_closed, timeout=3000):
        qtbot.mouseClick(window.lock_screen.switch_button, Qt.MouseButton.LeftButton)
    assert window.exit_reason is ExitReason.LOGOUT


def test_setting_zero_never_locks(qtbot: QtBot, admin_ctx: AppContext, qsettings: QSettings) -> None:
    with admin_ctx.unit_of_work() as s:
        set_setting(s, Actor.system(), "security.idle_lock_minutes", 0)
    window = open_window(qtbot, admin_ctx, qsettings, idle_ms=None)
    assert window.idle.timeout_ms == 0 and not window.idle.active


def test_setting_minutes_is_used(qtbot: QtBot, admin_ctx: AppContext, qsettings: QSettings) -> None:
    window = open_window(qtbot, admin_ctx, qsettings, idle_ms=None)
    assert window.idle.timeout_ms == 15 * 60_000 and window.idle.active
    with admin_ctx.unit_of_work() as s:
        set_setting(s, Actor.system(), "security.idle_lock_minutes", 5)
    announce(admin_ctx, RecordKind.SETTINGS)
    assert window.idle.timeout_ms == 5 * 60_000


def test_watcher_alone_emits_once_idle(qtbot: QtBot) -> None:
    watcher = IdleWatcher(30)
    with qtbot.waitSignal(watcher.idle_timed_out, timeout=3000):
        pass
    watcher.pause()
    assert not watcher.active
    watcher.deleteLater()
