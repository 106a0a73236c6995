"""First-run wizard, login with lockout, forced and voluntary password change."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.auth.models import User
from app.auth.roles import Role
from app.auth.service import WRONG_CREDENTIALS, authenticate, reset_password
from app.bootstrap import Database
from app.context import Actor
from app.settings.registry import get_setting
from tests.admin._support import user_row
from tests.conftest import TEST_PASSWORD
from tests.ui._support import fill_wizard
from ui.change_password_dialog import ChangePasswordDialog
from ui.context import AppContext
from ui.first_run_wizard import FirstRunWizard
from ui.login_dialog import LoginDialog

pytestmark = pytest.mark.gui
NEW_PASSWORD = "Xinmima#2024"


def login_dialog(qtbot: QtBot, db: Database) -> LoginDialog:
    dialog = LoginDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def try_login(qtbot: QtBot, dialog: LoginDialog, username: str, password: str) -> None:
    dialog.username.setText(username)
    dialog.password.setText(password)
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)


def test_first_run_wizard_creates_admin_and_organisation(qtbot: QtBot, db: Database) -> None:
    wizard = FirstRunWizard(db)
    qtbot.addWidget(wizard)
    wizard.show()
    fill_wizard(wizard, "黎平县人民政府办公室", "黎府办", NEW_PASSWORD)
    assert wizard.currentPage() is wizard.admin_page
    wizard.accept()
    assert wizard.result() == QDialog.DialogCode.Accepted
    assert wizard.actor is not None and wizard.actor.has(Role.ADMIN)
    admin = user_row(db, "zhangsan")
    assert admin.display_name == "张三" and admin.role_names == {"admin"}
    with db.session_factory.begin() as s:
        assert get_setting(s, "org.name") == "黎平县人民政府办公室"
        assert get_setting(s, "org.short_name") == "黎府办"
        assert authenticate(s, "zhangsan", NEW_PASSWORD).ok


def test_first_run_wizard_refuses_mismatched_passwords(qtbot: QtBot, db: Database) -> None:
    wizard = FirstRunWizard(db)
    qtbot.addWidget(wizard)
    wizard.show()
    fill_wizard(wizard, "黎平县人民政府办公室", "黎府办", NEW_PASSWORD, confirm="Different#2024")
    wizard.accept()
    assert wizard.result() != QDialog.DialogCode.Accepted
    assert "两次输入的密码不一致" in wizard.admin_page.message.text()
    with db.session_factory() as s:
        assert s.scalar(select(User)) is None


def test_first_run_wizard_requires_organisation(qtbot: QtBot, db: Database) -> None:
    wizard = FirstRunWizard(db)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    assert wizard.currentPage() is wizard.org_page
    assert wizard.org_page.message.text() == "请填写机关名称。"


def test_wrong_password_shows_message_and_counts(
    qtbot: QtBot, db: Database, make_user: Callable[..., Actor]
) -> None:
    make_user("wangfang", Role.EDITOR)
    dialog = login_dialog(qtbot, db)
    try_login(qtbot, dialog, "wangfang", "wrong-password")
    assert dialog.message_text == WRONG_CREDENTIALS  # the same words as for an unknown user name
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.actor is None
    assert user_row(db, "wangfang").failed_attempts == 1
    assert dialog.password.text() == ""


def test_five_wrong_passwords_lock_the_account(
    qtbot: QtBot, db: Database, make_user: Callable[..., Actor]
) -> None:
    make_user("wangfang", Role.EDITOR)
    dialog = login_dialog(qtbot, db)
    for _ in range(5):
        try_login(qtbot, dialog, "wangfang", "wrong-password")
    assert dialog.message_text == WRONG_CREDENTIALS  # a guesser does not learn the account exists
    assert user_row(db, "wangfang").locked_until is not None
    try_login(qtbot, dialog, "wangfang", TEST_PASSWORD)  # even the right password waits now
    assert "已锁定" in dialog.message_text and dialog.actor is None


def test_unknown_user_and_empty_fields(qtbot: QtBot, db: Database) -> None:
    dialog = login_dialog(qtbot, db)
    try_login(qtbot, dialog, "", "")
    assert dialog.message_text == "请输入用户名。"
    try_login(qtbot, dialog, "nobody", "whatever")
    assert dialog.message_text == WRONG_CREDENTIALS


def test_successful_login_sets_actor(qtbot: QtBot, db: Database, make_user: Callable[..., Actor]) -> None:
    expected = make_user("wangfang", Role.EDITOR, display_name="王芳")
    dialog = login_dialog(qtbot, db)
    assert dialog.org_label.text() == "锦屏县人民政府办公室"
    try_login(qtbot, dialog, "WangFang", TEST_PASSWORD)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.actor is not None and dialog.actor.user_id == expected.user_id
    assert user_row(db, "wangfang").last_login_at is not None


def test_reset_password_forces_a_change_at_login(
    qtbot: QtBot, db: Database, make_user: Callable[..., Actor]
) -> None:
    make_user("wangfang", Role.EDITOR)
    with db.session_factory.begin() as s:
        user_id = user_row(db, "wangfang").id
        reset_password(s, Actor.system(), user_id, "Linshi#0001")
    dialog = login_dialog(qtbot, db)
    try_login(qtbot, dialog, "wangfang", "Linshi#0001")
    change = dialog.change_password_dialog
    assert change is not None and change.isVisible() and change.forced
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert not change.old_password.isVisible()  # the password just typed is not asked for again
    change.new_password.setText(NEW_PASSWORD)
    change.confirm_password.setText(NEW_PASSWORD)
    change.submit()
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.actor is not None
    assert user_row(db, "wangfang").must_change_password is False


def test_refusing_the_forced_change_keeps_login_open(
    qtbot: QtBot, db: Database, make_user: Callable[..., Actor]
) -> None:
    make_user("wangfang", Role.EDITOR)
    with db.session_factory.begin() as s:
        reset_password(s, Actor.system(), user_row(db, "wangfang").id, "Linshi#0001")
    dialog = login_dialog(qtbot, db)
    try_login(qtbot, dialog, "wangfang", "Linshi#0001")
    assert dialog.change_password_dialog is not None
    dialog.change_password_dialog.reject()
    assert dialog.actor is None and dialog.isVisible()
    assert dialog.message_text == "必须先修改密码才能使用本程序。"


def test_change_password_dialog_validates(qtbot: QtBot, db: Database, make_ctx: Callable[..., AppContext]) -> None:
    ctx = make_ctx("wangfang", Role.EDITOR)
    dialog = ChangePasswordDialog(db, ctx.actor)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.old_password.setText(TEST_PASSWORD)
    dialog.new_password.setText(NEW_PASSWORD)
    dialog.confirm_password.setText("Other#2024x")
    dialog.submit()
    assert dialog.message.text() == "两次输入的新密码不一致，请重新输入。"
    dialog.old_password.setText("not-my-password")
    dialog.confirm_password.setText(NEW_PASSWORD)
    dialog.submit()
    assert dialog.message.text() == "原密码不正确。"
    dialog.old_password.setText(TEST_PASSWORD)
    dialog.submit()
    assert dialog.result() == QDialog.DialogCode.Accepted
    with db.session_factory.begin() as s:
        assert authenticate(s, "wangfang", NEW_PASSWORD).ok
