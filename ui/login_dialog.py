"""登录: user name and password; every attempt is committed so the lockout counts it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.auth.service import AuthResult, authenticate
from app.bootstrap import Database
from app.context import Actor
from app.settings.registry import get_setting
from ui.change_password_dialog import ChangePasswordDialog
from ui.dialog_parts import password_field
from ui.operations import Op, busy_cursor, run_signed_out
from ui.style import Sheet, apply_style

ERROR_STYLE = Sheet.ERROR


class LoginDialog(QDialog):
    """Accepted once a user signed in (and, if required, changed their password); see `actor`."""

    def __init__(self, db: Database, parent: QWidget | None = None, *, username: str = "") -> None:
        super().__init__(parent)
        self.db = db
        self.actor: Actor | None = None
        self.change_password_dialog: ChangePasswordDialog | None = None
        self._pending_actor: Actor | None = None
        self.setWindowTitle(self.tr("登录 — 政务公开工作台"))
        self.setMinimumWidth(420)
        self._build(username)
        self._lay_out()
        self._connect()
        (self.password if username else self.username).setFocus()

    # -- build / lay out / connect -----------------------------------------------------------
    def _build(self, username: str) -> None:
        self._title = QLabel(self.tr("政务公开工作台"), self)
        self._title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        apply_style(self._title, Sheet.APP_TITLE)
        self.org_label = QLabel(self._org_name(), self)
        self.org_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        apply_style(self.org_label, Sheet.ORG_LINE)

        self.username = QLineEdit(username, self)
        self.username.setPlaceholderText(self.tr("请输入用户名"))
        self.password = password_field(self, self.tr("请输入密码"))

        self.message = QLabel(self)
        self.message.setObjectName("loginMessage")
        self.message.setWordWrap(True)
        apply_style(self.message, ERROR_STYLE)
        self.message.hide()

        self._buttons = QDialogButtonBox(self)
        self.login_button = QPushButton(self.tr("登录"), self)
        self.login_button.setDefault(True)
        self.quit_button = QPushButton(self.tr("退出"), self)

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("用户名："), self.username)
        form.addRow(self.tr("密码："), self.password)
        self._buttons.addButton(self.login_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self._buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.RejectRole)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.setSpacing(10)
        layout.addWidget(self._title)
        layout.addWidget(self.org_label)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self._buttons)

    def _connect(self) -> None:
        self.login_button.clicked.connect(self.attempt_login)
        self.quit_button.clicked.connect(self.reject)

    def _org_name(self) -> str:
        try:
            with self.db.reader() as session:
                return str(get_setting(session, "org.name"))
        except Exception:  # the name is decoration; a login must still be possible
            return ""

    @property
    def message_text(self) -> str:
        return self.message.text() if not self.message.isHidden() else ""

    @Slot()
    def attempt_login(self) -> None:
        """Check the credentials in their own committed unit of work."""
        username = self.username.text().strip()
        if not username:
            self._show_message(self.tr("请输入用户名。"), self.username)
            return
        if not self.password.text():
            self._show_message(self.tr("请输入密码。"), self.password)
            return
        def sign_in(session: Session) -> tuple[AuthResult, bool]:
            # Committed whatever the outcome: a failed attempt counts towards the lockout.
            result = authenticate(session, username, self.password.text())
            return result, bool(result.ok and result.user is not None and result.user.must_change_password)

        with busy_cursor():
            ok, outcome = run_signed_out(self.db, Op(sign_in, message=self.message, title=self.windowTitle()))
        if not ok or outcome is None:
            return
        result, must_change = outcome
        actor = result.actor if result.ok else None
        password = self.password.text()
        self.password.clear()
        if actor is None:
            self._show_message(result.message, self.password)
            return
        self.message.hide()
        if must_change:
            self._force_password_change(actor, password)
            return
        self.actor = actor
        self.accept()

    def _force_password_change(self, actor: Actor, current_password: str) -> None:
        # Opened non-blocking so the flow can be driven (and tested) without a nested event loop.
        dialog = ChangePasswordDialog(self.db, actor, forced=True, current_password=current_password, parent=self)
        self.change_password_dialog = dialog
        self._pending_actor = actor
        dialog.accepted.connect(self._password_changed)
        dialog.rejected.connect(self._password_change_refused)
        dialog.open()

    @Slot()
    def _password_changed(self) -> None:
        self.change_password_dialog = None
        self.actor = self._pending_actor
        self.accept()

    @Slot()
    def _password_change_refused(self) -> None:
        self.change_password_dialog = None
        self._show_message(self.tr("必须先修改密码才能使用本程序。"), self.password)

    def _show_message(self, text: str, focus: QLineEdit | None) -> None:
        self.message.setText(text)
        self.message.show()
        if focus is not None:
            focus.setFocus()
