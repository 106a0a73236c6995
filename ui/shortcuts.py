"""Keyboard shortcuts where clerks expect them (issue 19).

The main window's 操作(&O) menu: 新建(&N) Ctrl+N, 查找(&F) Ctrl+F, 刷新(&R) F5 — each acting on the tab
in front (a tab offers new_case/new_post/new_item, a filter box named "filterSearch" and refresh()).
Forms take Ctrl+S for 保存 (`add_save_shortcut`; `connect_form` wires a form's F1, Ctrl+S, save and
cancel in one call). The menus show the keys, and so does F1 help.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, SignalInstance
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QLineEdit, QWidget

from ui.help import add_help_shortcut

if TYPE_CHECKING:
    from ui.main_window import MainWindow

NEW_METHODS = ("new_case", "new_post", "new_item")


def _current_tab(window: MainWindow) -> QWidget | None:
    index = window.tabs.currentIndex()
    return window.tab_widget(index) if index >= 0 else None


def new_in_current_tab(window: MainWindow) -> bool:
    """新建 in the tab in front; False where the tab has nothing to create."""
    tab = _current_tab(window)
    for name in NEW_METHODS:
        method = getattr(tab, name, None)
        if callable(method):
            method()
            return True
    return False


def find_in_current_tab(window: MainWindow) -> QLineEdit | None:
    """Put the cursor into the tab's search box, its text selected for typing over."""
    tab = _current_tab(window)
    if tab is None:
        return None
    for box in tab.findChildren(QLineEdit, "filterSearch"):
        if box.isVisible():
            box.setFocus(Qt.FocusReason.ShortcutFocusReason)
            box.selectAll()
            return box
    return None


def refresh_current_tab(window: MainWindow) -> bool:
    tab = _current_tab(window)
    method = getattr(tab, "refresh", None)
    if callable(method):
        method()
        return True
    return False


def install_tab_shortcuts(window: MainWindow) -> list[QAction]:
    """Add the 操作(&O) menu before 账户 with 新建/查找/刷新 and their keys."""
    bar = window.menuBar()
    menu = bar.addMenu(window.tr("操作(&O)"))
    menu.setObjectName("operationsMenu")
    actions = []
    for text, key, slot in (
        (window.tr("新建(&N)"), QKeySequence.StandardKey.New, lambda: new_in_current_tab(window)),
        (window.tr("查找(&F)"), QKeySequence.StandardKey.Find, lambda: find_in_current_tab(window)),
        (window.tr("刷新(&R)"), QKeySequence(Qt.Key.Key_F5), lambda: refresh_current_tab(window)),
    ):
        action = QAction(text, window)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        actions.append(action)
    # Disabled with the other menus while the screen is locked: Ctrl+N must not open a form over it.
    window._menus_to_lock.append(menu)
    # Second in the bar, after 文件: where office programs keep their everyday actions.
    existing = [a for a in bar.actions() if a is not menu.menuAction()]
    if len(existing) > 1:
        bar.insertMenu(existing[1], menu)
    return actions


def add_save_shortcut(dialog: QWidget, save: Callable[[], object]) -> QShortcut:
    """Ctrl+S saves the form, as in Word/WPS."""
    shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), dialog)
    shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
    shortcut.activated.connect(save)
    return shortcut


def connect_form(dialog: QDialog, save: Callable[[], object], saved: SignalInstance, cancelled: SignalInstance,
                 *, help_page: str | None = None) -> None:
    """A form's keys and buttons: F1 opens its help page (when it has one), Ctrl+S and the `saved`
    signal (its save button or button box) save, the `cancelled` signal closes it unsaved."""
    if help_page is not None:
        add_help_shortcut(dialog, help_page)  # F1
    add_save_shortcut(dialog, save)
    saved.connect(save)
    cancelled.connect(dialog.reject)
