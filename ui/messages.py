"""Chinese message boxes: errors a user can act on, confirmations, information.

`show_error` and `show_info` open window-modal boxes without blocking (QDialog.open), so code that
GUI tests drive never stops in a nested event loop; pass `wait=True` where the caller must wait
(start-up, before any window exists). `confirm` needs an answer and therefore blocks.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget
from shiboken6 import isValid

from app.db.retry import describe_db_error
from app.errors import UserError
from ui.translate import translator

log = logging.getLogger("govinfo.ui")


_tr = translator("messages")


def error_text(exc_or_text: BaseException | str) -> str:
    """What to tell the user: a UserError's own sentence, otherwise a generic explanation."""
    if isinstance(exc_or_text, str):
        return exc_or_text
    if isinstance(exc_or_text, UserError):
        return str(exc_or_text)
    lost = describe_db_error(exc_or_text)
    if lost is not None:
        return lost  # the server or the database file went away: nothing was saved, the form is kept
    return _tr("程序在处理时发生了意外错误（{kind}）。操作没有完成，已保存的数据不受影响。\n"
               "详细信息已写入日志文件，请联系系统管理员。").format(kind=type(exc_or_text).__name__)


def logged_error_text(exc: BaseException, context: str) -> str:
    """For inline error labels: log an unexpected exception with its traceback, return the text."""
    if not isinstance(exc, UserError):
        log.error("%s", context, exc_info=exc)
    return error_text(exc)


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    if parent is not None and not isValid(parent):
        parent = None  # the window that started a task may be gone by the time it reports
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.button(QMessageBox.StandardButton.Ok).setText(_tr("确定"))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return box


def _present(box: QMessageBox, wait: bool) -> QMessageBox:
    if wait:
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        box.exec()
    else:
        box.open()
    return box


def show_error(
    parent: QWidget | None, exc_or_text: BaseException | str, *, title: str | None = None,
    wait: bool = False, logged: bool = False, retry: Callable[[], object] | None = None,
) -> QMessageBox:
    """Show an error. Unexpected exceptions (not UserError) are logged with their traceback.
    With `retry`, a lost database gets the buttons its text names: 重试 (runs `retry`) and 取消."""
    lost = not isinstance(exc_or_text, str) and describe_db_error(exc_or_text) is not None
    expected = isinstance(exc_or_text, UserError | str) or lost
    if isinstance(exc_or_text, BaseException) and not expected and not logged:
        log.error("Unexpected error", exc_info=exc_or_text)
    icon = QMessageBox.Icon.Warning if expected else QMessageBox.Icon.Critical
    box = _box(parent, icon, title or _tr("出错了"), error_text(exc_or_text))
    if lost and retry is not None:
        _offer_retry(box, retry)
    return _present(box, wait)


def _offer_retry(box: QMessageBox, retry: Callable[[], object]) -> None:
    box.setStandardButtons(QMessageBox.StandardButton.NoButton)  # Qt deletes the lone 确定
    again = box.addButton(_tr("重试"), QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(_tr("取消"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(again)
    box.setEscapeButton(cancel)

    def answered() -> None:
        if box.clickedButton() is again:
            # After the box has closed: a second failure opens a new box of its own.
            QTimer.singleShot(0, retry)

    box.finished.connect(answered)


def show_info(parent: QWidget | None, title: str, text: str, *, wait: bool = False) -> QMessageBox:
    return _present(_box(parent, QMessageBox.Icon.Information, title, text), wait)


def confirm(parent: QWidget | None, title: str, text: str, *, default_yes: bool = False) -> bool:
    """Ask a yes/no question with 确定/取消; blocks until answered."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    ok = box.addButton(_tr("确定"), QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(_tr("取消"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(ok if default_yes else cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is ok
