"""Shortcuts where clerks expect them (issue 19): Ctrl+N 新建 and Ctrl+F 查找 in the tab in front,
F5 刷新, Ctrl+S 保存 in forms; shown in the 操作(&O) menu with access letters."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.cases.models import RequestCase
from tests.ui.date_typing import activate
from tests.ui_cases._intake import VALID_ID, fill_request
from ui.cases.intake_dialog import IntakeDialog

pytestmark = pytest.mark.gui


@pytest.fixture
def window(clerk_window):  # type: ignore[no-untyped-def]
    win = clerk_window
    win.tabs.setCurrentIndex(next(i for i, s in enumerate(win.specs) if s.class_name == "CasesTab"))
    return win


def test_the_operations_menu_lists_the_keys_with_access_letters(window) -> None:  # type: ignore[no-untyped-def]
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus[:2] == ["文件(&F)", "操作(&O)"]
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "操作(&O)")
    keys = {a.text(): a.shortcut().toString() for a in menu.actions()}
    assert keys == {"新建(&N)": "Ctrl+N", "查找(&F)": "Ctrl+F", "刷新(&R)": "F5"}


def test_ctrl_f_goes_to_the_search_box_and_ctrl_n_opens_the_registration(qtbot: QtBot, window) -> None:  # type: ignore[no-untyped-def]
    QTest.keySequence(window, QKeySequence("Ctrl+F"))
    focused = QApplication.focusWidget()
    assert focused is not None and focused.objectName() == "filterSearch"
    QTest.keySequence(window, QKeySequence("Ctrl+N"))
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, IntakeDialog) and w.isVisible())
    qtbot.addWidget(dialog)
    activate(dialog)  # the window system would; the offscreen platform does not
    assert QApplication.focusWidget() is dialog.form.applicant_name


def test_ctrl_s_saves_the_registration(qtbot: QtBot, window, db) -> None:  # type: ignore[no-untyped-def]
    tab = window.tab_widget(window.tabs.currentIndex())
    dialog = tab.new_case()
    qtbot.addWidget(dialog)
    activate(dialog)
    form = dialog.form
    fill_request(form, VALID_ID, address="锦屏县三江镇飞山路1号")
    QTest.keySequence(dialog, QKeySequence("Ctrl+S"))
    with db.session_factory() as s:
        assert s.scalar(select(func.count(RequestCase.id))) == 1
    assert dialog.pages.currentWidget() is dialog.done_page
    QTest.keyClick(dialog, Qt.Key.Key_Escape)  # saved: closes without a question
    assert not dialog.isVisible()


def test_the_shortcuts_do_nothing_while_the_screen_is_locked(qtbot: QtBot, window) -> None:  # type: ignore[no-untyped-def]
    def intake_dialogs() -> set[int]:
        return {id(w) for w in QApplication.topLevelWidgets() if isinstance(w, IntakeDialog) and w.isVisible()}

    before = intake_dialogs()  # windows another test folder left open are not this test's
    window.lock()
    activate(window)
    QTest.keySequence(window, QKeySequence("Ctrl+N"))
    QTest.keyClick(window, Qt.Key.Key_F1)
    assert intake_dialogs() == before
    assert window.findChild(QWidget, "helpDialog") is None  # F1 help opens beside the window, not while locked
    window.unlock()
    QTest.keySequence(window, QKeySequence("Ctrl+N"))
    assert intake_dialogs() - before
