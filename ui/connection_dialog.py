"""文件 → 数据库连接…: which database this PC opens (the embedded one, or the office's server)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.local_config import check_connection, check_url, save_db_url, saved_db_url
from ui.dialog_parts import enable_with
from ui.operations import precheck
from ui.style import Sheet, apply_style


class ConnectionDialog(QDialog):
    """Edits the per-PC connection file; the change takes effect when the program starts again."""

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.setWindowTitle(self.tr("数据库连接"))
        self.setMinimumWidth(560)
        self._build()
        self._lay_out()
        self._connect()
        saved = saved_db_url(data_dir)
        (self.server if saved else self.local).setChecked(True)
        self.url.setText(saved or "")

    def _build(self) -> None:
        self.local = QRadioButton(self.tr("本机数据库（默认，单机使用）"), self)
        self.server = QRadioButton(self.tr("单位数据库服务器（PostgreSQL，多台电脑共用）"), self)
        group = QButtonGroup(self)
        group.addButton(self.local)
        group.addButton(self.server)
        self.url = QLineEdit(self)
        self.url.setObjectName("dbUrl")
        self.url.setPlaceholderText("postgresql+psycopg://用户名:密码@服务器地址:5432/govinfo")
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.test_button = QPushButton(self.tr("测试连接"), self)
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(self.tr("保存"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("服务器地址："), self.url)
        layout = QVBoxLayout(self)
        layout.addWidget(_wrapped(QLabel(self.tr(
            "选择本机打开哪个数据库。保存后重新启动程序生效。把本机已有数据迁移到服务器，"
            "请使用命令 govinfo-desk migrate-db（见 docs/postgres.md）。"), self)))
        layout.addWidget(self.local)
        layout.addWidget(self.server)
        layout.addLayout(form)
        layout.addWidget(self.test_button)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def _connect(self) -> None:
        self.test_button.clicked.connect(self.test)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        enable_with(self.server, self.url, self.test_button)

    def _show(self, text: str, ok: bool) -> None:
        self.message.setText(text)
        apply_style(self.message, Sheet.either(ok, Sheet.OK, Sheet.ERROR))

    @Slot()
    def test(self) -> bool:
        url, answer = self.url.text(), list[str]()
        # No database is open here, so no Op: precheck reports a refusal the same way, in the message line.
        if not precheck(lambda: answer.append(check_connection(url)), message=self.message,
                        title=self.windowTitle()):
            return False
        self._show(answer[0], True)
        return True

    @Slot()
    def save(self) -> None:
        url = self.url.text() if self.server.isChecked() else None
        if url is not None and not precheck(lambda: check_url(url), message=self.message, title=self.windowTitle()):
            return
        try:
            save_db_url(self.data_dir, url)
        except OSError as exc:  # this PC's own connection file could not be written; said in its words
            self._show(self.tr("无法保存连接设置：{e}").format(e=exc), False)
            return
        self.accept()


def _wrapped(label: QLabel) -> QLabel:
    """Wraps instead of widening the dialog past the screen at a large 界面字号."""
    label.setWordWrap(True)
    return label
