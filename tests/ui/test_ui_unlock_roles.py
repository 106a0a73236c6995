"""Issue 13: an administrator demoted while the screen was locked does not keep the old roles
after unlocking, and the next action re-reads the account."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from app.auth.roles import Role
from app.auth.service import set_active, update_user
from app.context import Actor
from app.errors import PermissionDenied
from tests.conftest import TEST_PASSWORD
from ui.context import AppContext
from ui.main_window import MainWindow

pytestmark = pytest.mark.gui


def test_unlock_and_next_action_use_the_roles_of_now(
    qtbot: QtBot, admin_ctx: AppContext, qsettings: QSettings, make_user: Callable[..., Actor]
) -> None:
    other = make_user("admin2", Role.ADMIN, display_name="管理员乙")
    window = MainWindow(admin_ctx, settings=qsettings, idle_timeout=80)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.is_locked, timeout=5000)
    assert admin_ctx.actor.user_id is not None
    with admin_ctx.db.session_factory.begin() as s:  # meanwhile, on another PC
        update_user(s, other, admin_ctx.actor.user_id, roles=[Role.EDITOR])
    assert Role.ADMIN in admin_ctx.actor.roles
    lock = window.lock_screen
    lock.password.setText(TEST_PASSWORD)
    qtbot.mouseClick(lock.unlock_button, Qt.MouseButton.LeftButton)
    assert not window.is_locked
    assert admin_ctx.actor.roles == frozenset({Role.EDITOR})

    with admin_ctx.db.session_factory.begin() as s:
        set_active(s, other, admin_ctx.actor.user_id, False)
    with pytest.raises(PermissionDenied, match="已停用"), admin_ctx.unit_of_work():
        pass
