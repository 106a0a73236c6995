"""Set-up the account GUI tests share (系统设置 → 账户管理, login, sign-off after a reset): a user as
stored, and the dialog the accounts page opens for a selected user."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.auth.models import User
from app.bootstrap import Database
from ui.admin.accounts_page import AccountsPage
from ui.admin.user_dialog import ResetPasswordDialog

D = TypeVar("D", bound=QWidget)


def user_row(db: Database, username: str) -> User:
    """The user as stored now."""
    with db.session_factory() as s:
        user = s.scalar(select(User).where(User.username == username))
        assert user is not None
        return user


def dialog_for(page: AccountsPage, user_id: int, action: Callable[[], object], kind: type[D]) -> D:
    """Select the user on the accounts page, run `action` (e.g. page.reset_selected) and return the
    `kind` dialog it opened."""
    page.select_user(user_id)
    action()
    dialog = page.findChild(kind)
    assert dialog is not None
    return dialog


def enter_new_password(qtbot: QtBot, dialog: ResetPasswordDialog, password: str) -> None:
    """Type `password` twice in the reset dialog and press 确定."""
    dialog.password_edit.setText(password)
    dialog.password_again_edit.setText(password)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
