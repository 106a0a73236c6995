"""The blocking questions the 统计报表 tab asks, replaceable so GUI tests can answer them
(a test cannot click inside a nested event loop)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QWidget

from ui.messages import confirm


def _ask_text(parent: QWidget | None, title: str, label: str) -> str | None:
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
    dialog.setOkButtonText(QCoreApplication.translate("annual", "确定"))
    dialog.setCancelButtonText(QCoreApplication.translate("annual", "取消"))
    dialog.resize(420, dialog.sizeHint().height())
    return dialog.textValue() if dialog.exec() else None


def _save_file(parent: QWidget | None, title: str, default: str, filters: str) -> str:
    name, _ = QFileDialog.getSaveFileName(parent, title, default, filters)
    return name


ask: Callable[[QWidget | None, str, str], bool] = confirm
ask_text: Callable[[QWidget | None, str, str], str | None] = _ask_text
save_file: Callable[[QWidget | None, str, str, str], str] = _save_file
