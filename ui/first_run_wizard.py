"""首次使用向导: the organisation and the first administrator, written in one transaction."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)
from sqlalchemy.orm import Session

from app.auth.passwords import MIN_LENGTH, check_strength
from app.auth.service import actor_for, create_first_admin
from app.bootstrap import Database
from app.context import Actor
from app.errors import ValidationError
from app.settings.registry import set_setting
from ui.dialog_parts import password_field
from ui.operations import Op, run_signed_out
from ui.style import Sheet, apply_style

ERROR_STYLE = Sheet.ERROR


def _message_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    apply_style(label, ERROR_STYLE)
    label.hide()
    return label


class OrganisationPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("机关信息"))
        self.setSubTitle(self.tr("欢迎使用政务公开工作台。请先填写本机关的名称和文号中使用的机关代字，以后可在“系统设置”中修改。"))
        self.org_name = QLineEdit(self)
        self.org_name.setPlaceholderText(self.tr("例如：锦屏县人民政府办公室"))
        self.short_name = QLineEdit(self)
        self.short_name.setPlaceholderText(self.tr("例如：锦府办"))
        self.message = _message_label(self)
        form = QFormLayout()
        form.addRow(self.tr("机关名称："), self.org_name)
        form.addRow(self.tr("文号机关代字："), self.short_name)
        hint = QLabel(self.tr("机关代字用于受理编号和答复书文号，如“锦府办依申〔2024〕1号”。"), self)
        apply_style(hint, Sheet.HINT)
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.message)
        layout.addStretch(1)

    def validatePage(self) -> bool:
        if not self.org_name.text().strip():
            return self._fail(self.tr("请填写机关名称。"), self.org_name)
        if not self.short_name.text().strip():
            return self._fail(self.tr("请填写文号机关代字。"), self.short_name)
        self.message.hide()
        return True

    def _fail(self, text: str, field: QLineEdit) -> bool:
        self.message.setText(text)
        self.message.show()
        field.setFocus()
        return False


class AdminPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("系统管理员账户"))
        self.setSubTitle(self.tr("创建第一个系统管理员账户。其他工作人员的账户由管理员在“系统设置”中创建，每人一个，不共用。"))
        self.username = QLineEdit(self)
        self.username.setPlaceholderText(self.tr("登录时使用，如 zhangsan"))
        self.display_name = QLineEdit(self)
        self.display_name.setPlaceholderText(self.tr("本人真实姓名"))
        self.password = password_field(self)
        self.confirm = password_field(self)
        form = QFormLayout()
        form.addRow(self.tr("用户名："), self.username)
        form.addRow(self.tr("姓名："), self.display_name)
        form.addRow(self.tr("密码："), self.password)
        form.addRow(self.tr("确认密码："), self.confirm)
        rule = QLabel(self.tr("密码至少 {n} 位，需包含字母、数字、符号中的至少两类。").format(n=MIN_LENGTH), self)
        apply_style(rule, Sheet.HINT)
        self.message = _message_label(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(rule)
        layout.addWidget(self.message)
        layout.addStretch(1)

    def validatePage(self) -> bool:
        if not self.username.text().strip():
            return self.fail(self.tr("请填写用户名。"), self.username)
        if not self.display_name.text().strip():
            return self.fail(self.tr("请填写姓名。"), self.display_name)
        if self.password.text() != self.confirm.text():
            return self.fail(self.tr("两次输入的密码不一致，请重新输入。"), self.confirm)
        try:
            check_strength(self.password.text())
        except ValidationError as exc:  # a rule on typed text, no session: said on this page before 下一步
            return self.fail(str(exc), self.password)
        self.message.hide()
        return True

    def fail(self, text: str, field: QLineEdit | None) -> bool:
        self.message.setText(text)
        self.message.show()
        if field is not None:
            field.setFocus()
        return False


class FirstRunWizard(QWizard):
    """Accepted once the organisation and administrator exist; `actor` is then signed in."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("首次使用向导 — 政务公开工作台"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("下一步 >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< 上一步"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("完成"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("取消"))
        self.setMinimumSize(620, 440)
        self.org_page = OrganisationPage(self)
        self.admin_page = AdminPage(self)
        self.addPage(self.org_page)
        self.addPage(self.admin_page)

    @Slot()
    def accept(self) -> None:
        """Create everything in one unit of work; on refusal stay on the page with the reason."""
        org, admin = self.org_page, self.admin_page
        if not org.validatePage():
            self.restart()
            return
        if not admin.validatePage():
            return
        field_widgets = {"username": admin.username, "display_name": admin.display_name,
                         "password": admin.password}

        def create(session: Session) -> Actor:
            user = create_first_admin(
                session, admin.username.text().strip(), admin.display_name.text().strip(),
                admin.password.text(),
            )
            actor = actor_for(user)
            set_setting(session, actor, "org.name", org.org_name.text().strip())
            set_setting(session, actor, "org.short_name", org.short_name.text().strip())
            return actor

        def point_at(field: str) -> None:
            if field in field_widgets:
                field_widgets[field].setFocus()

        # Nobody is signed in yet: the same runner as ctx.run, reporting in the page's message line.
        ok, actor = run_signed_out(self.db, Op(create, message=admin.message, title=self.windowTitle(),
                                               point_at=point_at))
        if not ok or actor is None:
            return
        self.actor = actor
        super().accept()
