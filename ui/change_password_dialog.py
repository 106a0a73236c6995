"""修改密码: the signed-in user changes their own password (forced after an administrator's reset)."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.auth.passwords import MIN_LENGTH
from app.auth.service import change_own_password
from app.bootstrap import Database
from app.context import Actor
from ui.dialog_parts import ok_cancel_buttons, password_field
from ui.operations import Op, busy_cursor, run_signed_out
from ui.style import Sheet, apply_style

ERROR_STYLE = Sheet.ERROR


class ChangePasswordDialog(QDialog):
    def __init__(
        self, db: Database, actor: Actor, *, forced: bool = False, current_password: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """`current_password`: the password just entered at login, so the user is not asked twice."""
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.forced = forced
        self.setWindowTitle(self.tr("修改密码"))
        self.setMinimumWidth(420)
        self._build()
        self._lay_out(ask_old=current_password is None)
        self._connect()
        if current_password is not None:
            self.old_password.setText(current_password)
        (self.new_password if current_password is not None else self.old_password).setFocus()

    def _build(self) -> None:
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        if self.forced:
            self.intro.setText(self.tr("{name}：您的密码已由系统管理员重置，请先设置一个只有您自己知道的新密码。").format(
                name=self.actor.display_name))
        else:
            self.intro.setText(self.tr("为账户“{user}”设置新密码。").format(user=self.actor.username))
        self.rule = QLabel(
            self.tr("新密码至少 {n} 位，需包含字母、数字、符号中的至少两类。").format(n=MIN_LENGTH), self)
        apply_style(self.rule, Sheet.HINT)
        self.rule.setWordWrap(True)
        self.old_password = password_field(self)
        self.new_password = password_field(self)
        self.confirm_password = password_field(self)
        self.message = QLabel(self)
        self.message.setObjectName("passwordMessage")
        self.message.setWordWrap(True)
        apply_style(self.message, ERROR_STYLE)
        self.message.hide()
        self.buttons = ok_cancel_buttons(self)

    def _lay_out(self, *, ask_old: bool) -> None:
        form = QFormLayout()
        form.addRow(self.tr("原密码："), self.old_password)
        if not ask_old:  # the password just entered at login
            form.setRowVisible(self.old_password, False)
        form.addRow(self.tr("新密码："), self.new_password)
        form.addRow(self.tr("确认新密码："), self.confirm_password)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.rule)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def _connect(self) -> None:
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

    @Slot()
    def submit(self) -> None:
        """Change the password in one unit of work; stay open with the reason if refused."""
        old = self.old_password.text()
        new = self.new_password.text()
        if not old:
            self._fail(self.tr("请填写原密码。"), self.old_password)
            return
        if new != self.confirm_password.text():
            self._fail(self.tr("两次输入的新密码不一致，请重新输入。"), self.confirm_password)
            return
        with busy_cursor():
            ok, _ = run_signed_out(self.db, Op(
                lambda s: change_own_password(s, self.actor, old, new), message=self.message,
                title=self.windowTitle(), point_at=self._point_at))
        if ok:
            self.accept()

    def _point_at(self, field: str) -> None:
        target = self.old_password if field == "old_password" else self.new_password
        target.selectAll()
        target.setFocus()

    def _fail(self, text: str, focus: QLineEdit | None) -> None:
        self.message.setText(text)
        self.message.show()
        if focus is not None:
            focus.selectAll()
            focus.setFocus()
