"""Issue 13: an administrator resets a leader's password in 系统管理 and then tries to sign as the
leader in the 签批 dialog with the password they just set — the dialog refuses it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.auth.models import User
from app.auth.roles import Role
from app.bootstrap import Database
from app.context import Actor
from app.signoff.models import SignOff
from app.signoff.service import Decision, record_signoff
from tests.admin._support import dialog_for, enter_new_password
from ui.admin import AdminTab
from ui.admin.user_dialog import ResetPasswordDialog
from ui.context import AppContext
from ui.signoff_dialog import SignOffDialog

pytestmark = pytest.mark.gui
ROLES = (Role.LEADER_IN_CHARGE,)


def test_password_reset_by_an_administrator_cannot_sign(
    qtbot: QtBot, db: Database, make_user: Callable[..., Actor]
) -> None:
    admin = make_user("guanli", Role.ADMIN, display_name="管理员")
    leader = make_user("chenjun", Role.LEADER_IN_CHARGE, display_name="陈军")
    ctx = AppContext(db=db, actor=admin)

    # The administrator resets the leader's password through the accounts page.
    tab = AdminTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    page = tab.accounts_page
    assert page is not None and leader.user_id is not None
    reset = dialog_for(page, leader.user_id, page.reset_selected, ResetPasswordDialog)
    enter_new_password(qtbot, reset, "Known-2-Admin")
    assert not reset.isVisible()

    # …then types the leader's name and that password into the sign-off dialog.
    calls: list[str] = []

    def on_signed(session: Session, signer: Actor, decision: Decision, opinion: str) -> None:
        calls.append(signer.username)
        record_signoff(session, signer, subject_type="case", subject_id=1, step="leader",
                       decision=decision, opinion=opinion, roles=ROLES)

    dialog = SignOffDialog(ctx, title="分管领导审定", summary_html_or_text="答复书", roles=ROLES, on_signed=on_signed)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.username.setText("chenjun")
    dialog.password.setText("Known-2-Admin")
    qtbot.mouseClick(dialog.approve_button, Qt.MouseButton.LeftButton)

    assert "由管理员（guanli）设置" in dialog.message.text() and "不能用于签批" in dialog.message.text()
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert calls == []
    with db.session_factory() as s:
        assert list(s.scalars(select(SignOff))) == []
        user = s.scalar(select(User).where(User.username == "chenjun"))
        assert user is not None and user.must_change_password and user.password_set_by_id == admin.user_id
