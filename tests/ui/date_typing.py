"""Typing into a date field the way a clerk does: reach it by Tab or by mouse, type, Tab away.

ASCII keys go through QTest like a keyboard; 年/月/日 arrive the way a Chinese input method delivers
them (a committed input-method string), because QTest cannot press keys that have no Qt key code.
"""

from __future__ import annotations

import warnings

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QGroupBox, QWidget

DATE_FORMS = ("2026-11-28", "2026/11/28", "20261128", "2026年11月28日")
DATETIME_FORMS = ("2026-11-28 09:30", "2026/11/28 9:30", "202611280930", "2026年11月28日9时30分")


def type_text(target: QWidget, text: str) -> None:
    for ch in text:
        if ch.isascii():
            QTest.keyClick(target, ch)
        else:
            event = QInputMethodEvent("", [])
            event.setCommitString(ch)
            QApplication.sendEvent(target, event)


def make_reachable(field: QWidget) -> None:
    """Open what a clerk would open first (a ticked group box, an enabled row) to reach the field."""
    widget: QWidget | None = field
    while widget is not None:
        if isinstance(widget, QGroupBox) and widget.isCheckable():
            widget.setChecked(True)
        if not widget.isVisibleTo(widget.window()) and widget is not widget.window():
            widget.setVisible(True)
        widget = widget.parentWidget()
    if not field.isEnabled():
        field.setEnabled(True)


def activate(window: QWidget) -> None:
    """Make the window the active one; the offscreen platform does not activate windows by itself."""
    window.activateWindow()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        QApplication.setActiveWindow(window)


def _has_focus(field: QWidget) -> bool:
    focused = QApplication.focusWidget()
    return focused is not None and (focused is field or focused is field.focusProxy())


def tab_into(field: QWidget) -> None:
    """Press Tab from the window's first focusable widget until the field has focus."""
    window = field.window()
    activate(window)
    start = window.focusWidget() or window
    start.setFocus(Qt.FocusReason.OtherFocusReason)
    for _ in range(200):
        if _has_focus(field):
            return
        current = QApplication.focusWidget() or window
        QTest.keyClick(current, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {field.objectName() or field}")


def click_into(field: QWidget) -> None:
    """Click into the middle of the shown date (the month), as a clerk does with the mouse."""
    activate(field.window())
    QTest.mouseClick(field, Qt.MouseButton.LeftButton, pos=QPoint(field.width() // 3, field.height() // 2))
    assert _has_focus(field)


def type_and_leave(field: QWidget, text: str, *, by_mouse: bool) -> QWidget | None:
    """Reach the field, type, press Tab once; returns the widget that has focus afterwards."""
    if by_mouse:
        click_into(field)
    else:
        tab_into(field)
    type_text(field, text)
    QTest.keyClick(field, Qt.Key.Key_Tab)
    return QApplication.focusWidget()
