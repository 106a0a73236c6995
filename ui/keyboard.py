"""Keyboard behaviour the whole program shares, installed once on the QApplication.

A clerk who registers requests by keyboard moves through a form with Tab. Multi-line fields
(申请内容, 答复正文 …) swallowed the Tab as a tab character and trapped the focus; here every
QPlainTextEdit/QTextEdit hands focus on instead (a tab character has no place in these texts; a
clerk who needs indentation pastes it). Tables did the same, walking cell by cell; they hand focus
on too (the arrow keys still move inside). Done as each widget is polished, so no form can forget it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QAbstractItemView, QApplication, QPlainTextEdit, QTextEdit

from ui import elided_tips
from ui.app_filter import install_once


class KeyboardPolicy(QObject):
    """Application event filter: Tab moves focus out of multi-line fields and tables."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Polish:
            if isinstance(watched, QPlainTextEdit | QTextEdit):
                watched.setTabChangesFocus(True)
            elif isinstance(watched, QAbstractItemView):
                watched.setTabKeyNavigation(False)
                elided_tips.attach(watched)  # cut-off cells show their whole text as a tooltip
        return False


def install_keyboard_policy(app: QApplication) -> KeyboardPolicy:
    """Install the policy once per application (idempotent)."""
    return install_once(app, "_govinfo_keyboard", KeyboardPolicy, KeyboardPolicy)
