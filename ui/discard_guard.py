"""Nothing typed is lost: a dialog with changes asks before Esc, 取消, its close button or Ctrl+Q
throws them away.

A dialog creates a DiscardGuard over its fields and routes reject() through `allow_reject()`
(QDialog turns Esc and the window's close button into reject(), so one override covers all three).
The question is asked without a nested event loop (box.open()), so the lock screen or a GUI test
never hangs on it; 放弃 then closes the dialog, 继续填写 leaves everything as it was. The main
window asks `first_unsaved_dialog()` before quitting.
"""

from __future__ import annotations

import weakref

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget
from shiboken6 import isValid

from ui.form_watch import watch_edits

_GUARDS: weakref.WeakSet[DiscardGuard] = weakref.WeakSet()


class DiscardGuard(QObject):
    """Tracks whether the user changed anything under `root` since it was opened or saved."""

    def __init__(self, dialog: QDialog, root: QWidget | None = None, *, what: str = "") -> None:
        super().__init__(dialog)
        self.dialog = dialog
        self.what = what or dialog.tr("填写的内容")
        self.dirty = False
        self._leaving = False
        self.question: QMessageBox | None = None
        watch_edits(root or dialog, self.mark_dirty)
        _GUARDS.add(self)
        dialog.destroyed.connect(self._forget)

    def _forget(self, *_args: object) -> None:
        _GUARDS.discard(self)

    @Slot()
    def mark_dirty(self) -> None:
        self.dirty = True

    def mark_clean(self) -> None:
        """After a save: closing now loses nothing."""
        self.dirty = False

    def allow_reject(self) -> bool:
        """True when the dialog may close now; otherwise the question is shown and False returned."""
        if not self.dirty or self._leaving:
            return True
        self.ask()
        return False

    def ask(self) -> QMessageBox:
        if self.question is not None and self.question.isVisible():
            return self.question
        box = QMessageBox(QMessageBox.Icon.Question, self.dialog.tr("放弃修改"),
                          self.dialog.tr("{what}尚未保存，关闭后将丢失。确定放弃吗？").format(what=self.what),
                          QMessageBox.StandardButton.NoButton, self.dialog)
        discard = box.addButton(self.dialog.tr("放弃"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(self.dialog.tr("继续填写"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered() -> None:
            self.question = None
            if box.clickedButton() is discard:
                self._leaving = True
                self.dialog.reject()

        box.finished.connect(answered)
        self.question = box
        box.open()
        return box


def first_unsaved_dialog() -> QDialog | None:
    """A shown dialog holding unsaved input, brought forward and asking; None when there is none."""
    for guard in list(_GUARDS):
        if not (isValid(guard) and isValid(guard.dialog)):  # deleted with its dialog by Qt
            _GUARDS.discard(guard)
            continue
        dialog = guard.dialog
        if guard.dirty and not guard._leaving and dialog.isVisible():
            dialog.raise_()
            dialog.activateWindow()
            guard.ask()
            return dialog
    return None
