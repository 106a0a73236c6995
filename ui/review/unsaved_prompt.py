"""保存 / 不保存 / 取消 for a window closed with unsaved changes, asked without a nested event loop so a
GUI test or the lock screen never hangs on it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def ask_save_or_discard(parent: QWidget, title: str, text: str, save: Callable[[], bool],
                        close: Callable[[], None]) -> QMessageBox:
    """Open the question; 保存 runs `save` and closes only when it succeeded, 不保存 closes, 取消 does nothing."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    save_button = box.addButton(parent.tr("保存"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(parent.tr("不保存"), QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(parent.tr("取消"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save_button)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def answered() -> None:
        clicked = box.clickedButton()
        if clicked is cancel or clicked is None:
            return
        if clicked is save_button and not save():
            return
        close()

    box.finished.connect(answered)
    box.open()
    return box
