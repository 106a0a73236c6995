"""Create or edit an account, and reset its password.

The dialogs call the services themselves on 确定, so a refused input (a taken user name, a weak
password) is reported while the dialog is still open with everything the administrator typed.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.auth.account_conflict import AccountForm, account_differences
from app.auth.roles import Role
from app.auth.service import create_user, get_user, reset_password, update_user
from app.changes import RecordKind
from app.errors import ConflictError, ValidationError
from app.form_conflict import merged
from app.settings import get_setting
from ui.admin.users_model import UserRow
from ui.conflict_dialog import ConflictDialog, open_conflict
from ui.context import AppContext
from ui.dialog_parts import ok_cancel_buttons, password_field
from ui.help import add_help_shortcut
from ui.operations import Op, RollBack, read
from ui.style import Sheet, apply_style


class UserDialog(QDialog):
    """新建账户 when `row` is None, otherwise 编辑账户 for that row."""

    user_saved = Signal(int)
    """An account was created or changed and committed; carries its id."""

    def __init__(self, ctx: AppContext, row: UserRow | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.row = row
        self.saved_user_id: int | None = None
        # The account as the form was opened and its version: a save over another PC's change is
        # refused by the service and resolved field by field (resolve_conflict, issue 19).
        self._original = AccountForm.of(row.display_name, row.section, row.roles) if row else None
        self._version = row.version if row else None
        self.conflict: ConflictDialog | None = None
        self.setWindowTitle(self.tr("新建账户") if row is None else self.tr("编辑账户"))
        add_help_shortcut(self, "admin")  # F1
        self.setMinimumWidth(460)
        self._build()
        self._lay_out()
        self._connect()
        self._fill()

    def _build(self) -> None:
        self.username_edit = QLineEdit(self)
        self.username_edit.setMaxLength(64)
        self.username_edit.setPlaceholderText(self.tr("登录时使用，如 zhangsan"))
        self.display_name_edit = QLineEdit(self)
        self.display_name_edit.setMaxLength(64)
        self.section_combo = QComboBox(self)
        self.section_combo.setEditable(True)
        self.password_edit = password_field(self, self.tr("至少 8 位，含字母、数字、符号中的两类"))
        self.password_again_edit = password_field(self)
        self.roles_box = QGroupBox(self.tr("角色（可多选）"), self)
        self.role_checks: dict[Role, QCheckBox] = {}
        for role in Role:
            check = QCheckBox(role.label, self.roles_box)
            check.setObjectName(f"role_{role.value}")
            self.role_checks[role] = check
        self.buttons = ok_cancel_buttons(self)

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("用户名："), self.username_edit)
        form.addRow(self.tr("姓名："), self.display_name_edit)
        form.addRow(self.tr("科室："), self.section_combo)
        if self.row is None:
            form.addRow(self.tr("初始密码："), self.password_edit)
            form.addRow(self.tr("再次输入："), self.password_again_edit)
        else:
            self.password_edit.hide()
            self.password_again_edit.hide()
        grid = QGridLayout(self.roles_box)
        for i, check in enumerate(self.role_checks.values()):
            grid.addWidget(check, i // 2, i % 2)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.roles_box)
        if self.row is not None:
            note = QLabel(self.tr("用户名创建后不能修改；停用账户请使用列表上方的“停用”按钮。"), self)
            note.setWordWrap(True)
            apply_style(note, Sheet.HINT)
            layout.addWidget(note)
        layout.addWidget(self.buttons)

    def _connect(self) -> None:
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

    def _fill(self) -> None:
        with self.ctx.reader() as s:
            sections = [str(x) for x in get_setting(s, "org.sections")]
        current = self.row.section if self.row else ""
        if current and current not in sections:
            sections.append(current)
        self.section_combo.addItems(["", *sections])
        self.section_combo.setCurrentText(current)
        if self.row is None:
            self.username_edit.setFocus()
            return
        self.username_edit.setText(self.row.username)
        self.username_edit.setReadOnly(True)
        apply_style(self.username_edit, Sheet.READ_ONLY_EDIT)
        self.display_name_edit.setText(self.row.display_name)
        for role in self.row.roles:
            self.role_checks[role].setChecked(True)
        self.display_name_edit.setFocus()

    def selected_roles(self) -> list[Role]:
        return [role for role, check in self.role_checks.items() if check.isChecked()]

    def account_form(self) -> AccountForm:
        """What the administrator has typed and ticked (edit mode), for comparing with the record."""
        return AccountForm.of(self.display_name_edit.text(), self.section_combo.currentText(), self.selected_roles())

    def load(self, form: AccountForm) -> None:
        self.display_name_edit.setText(form.display_name)
        self.section_combo.setCurrentText(form.section)
        for role, check in self.role_checks.items():
            check.setChecked(role in form.roles)

    @Slot()
    def submit(self) -> None:
        """Save through the account service; stay open and say why if it refuses."""
        mismatch = self.row is None and self.password_edit.text() != self.password_again_edit.text()

        def save(s: Session) -> int:
            if mismatch:
                raise ValidationError(self.tr("两次输入的密码不一致。"), field="password")
            if self.row is None:
                return create_user(
                    s, self.ctx.actor, self.username_edit.text(), self.display_name_edit.text(),
                    self.password_edit.text(), self.selected_roles(), section=self.section_combo.currentText(),
                ).id
            try:
                return update_user(
                    s, self.ctx.actor, self.row.id, display_name=self.display_name_edit.text(),
                    section=self.section_combo.currentText(), roles=self.selected_roles(),
                    expected_version=self._version,
                ).id
            except ConflictError as exc:
                raise RollBack(exc) from None  # theirs / yours, field by field (resolve_conflict)

        def rolled_back(value: object) -> None:
            if isinstance(value, ConflictError):
                self.resolve_conflict(str(value), mine)

        mine = self.account_form()
        ok, user_id = self.ctx.run(Op(save, RecordKind.USERS, parent=self, title=self.windowTitle(),
                                      point_at=self._focus_field, on_rollback=rolled_back))
        if not ok or user_id is None:
            return
        self.saved_user_id = user_id
        self.user_saved.emit(user_id)
        self.accept()

    def resolve_conflict(self, message: str, mine: AccountForm) -> ConflictDialog:
        """Another administrator saved the account first: show what differs and save the choice on
        the account as it is now."""
        assert self.row is not None and self._original is not None
        user_id, original = self.row.id, self._original

        def load(s: Session) -> tuple[AccountForm, int]:
            user = get_user(s, user_id)
            return AccountForm.from_user(user), user.version
        theirs, version = read(self.ctx, load)

        def chosen(keep_mine: set[str]) -> None:
            self.load(merged(theirs, mine, keep_mine))
            self._original, self._version = theirs, version
            self.submit()

        self.conflict = open_conflict(self, message, account_differences(original, theirs, mine), chosen)
        return self.conflict

    def _focus_field(self, field: str) -> None:
        widget: QWidget | None = {
            "username": self.username_edit,
            "display_name": self.display_name_edit,
            "password": self.password_edit,
            "roles": self.role_checks[Role.EDITOR],
        }.get(field)
        if widget is not None and widget.isVisible():
            widget.setFocus()


class ResetPasswordDialog(QDialog):
    """An administrator sets a temporary password; the user must change it at the next login."""

    password_reset = Signal(int)
    """The account's password was reset and committed; carries its id."""

    def __init__(self, ctx: AppContext, row: UserRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.row = row
        self.setWindowTitle(self.tr("重置密码"))
        self.setMinimumWidth(420)
        self._build()
        self._lay_out()
        self._connect()

    # -- build / lay out / connect -----------------------------------------------------------
    def _build(self) -> None:
        self.intro = QLabel(
            self.tr("为账户“{name}（{user}）”设置临时密码。该用户下次登录时必须修改密码，"
                    "锁定状态同时解除。").format(name=self.row.display_name, user=self.row.username),
            self,
        )
        self.intro.setWordWrap(True)
        self.password_edit = password_field(self, self.tr("至少 8 位，含字母、数字、符号中的两类"))
        self.password_again_edit = password_field(self)
        self.buttons = ok_cancel_buttons(self)

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("临时密码："), self.password_edit)
        form.addRow(self.tr("再次输入："), self.password_again_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def _connect(self) -> None:
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

    @Slot()
    def submit(self) -> None:
        """Reset through the account service; stay open and say why if it refuses."""
        mismatch = self.password_edit.text() != self.password_again_edit.text()

        def reset(s: Session) -> None:
            if mismatch:
                raise ValidationError(self.tr("两次输入的密码不一致。"), field="password")
            reset_password(s, self.ctx.actor, self.row.id, self.password_edit.text())

        ok, _ = self.ctx.run(Op(reset, RecordKind.USERS, parent=self, title=self.windowTitle(),
                                point_at=lambda _field: self.password_edit.setFocus()))
        if not ok:
            return
        self.password_reset.emit(self.row.id)
        self.accept()
