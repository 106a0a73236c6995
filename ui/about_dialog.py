"""关于: version, data folder, database and schema, so support can tell what is running where."""

from __future__ import annotations

import platform

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from app import __version__
from ui.context import AppContext
from ui.style import Sheet, apply_style


class AboutDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("关于政务公开工作台"))
        self.setMinimumWidth(520)
        self._build(ctx)
        self._lay_out()
        self._connect()

    def _build(self, ctx: AppContext) -> None:
        self.app_title = QLabel(self.tr("政务公开工作台"), self)
        apply_style(self.app_title, Sheet.APP_TITLE)
        self.blurb = QLabel(
            self.tr("政府信息公开日常工作的单机办公软件：发布审核、主动公开、依申请公开和年度报告。"), self)
        self.blurb.setWordWrap(True)
        self.values = {
            "version": __version__,
            "data_dir": str(ctx.db.data_dir),
            "database": ctx.db.display_url(),
            "schema": ctx.db.schema_revision or self.tr("未知"),
        }
        self.rows = [
            (self.tr("版本："), self._value(self.values["version"])),
            (self.tr("数据文件夹："), self._value(self.values["data_dir"])),
            (self.tr("数据库："), self._value(self.values["database"])),
            (self.tr("数据库结构版本："), self._value(self.values["schema"])),
            (self.tr("运行环境："),
             self._value(f"Python {platform.python_version()} · Qt {qVersion()} · PySide6 {pyside_version}")),
        ]
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确定"))

    def _lay_out(self) -> None:
        form = QFormLayout()
        for label, value in self.rows:
            form.addRow(label, value)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(self.app_title)
        layout.addWidget(self.blurb)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def _connect(self) -> None:
        self.buttons.accepted.connect(self.accept)

    def _value(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setWordWrap(True)
        return label
