"""Long values cut short in a list show their whole text as a tooltip (issue 17)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QHelpEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QTableView, QToolTip
from pytestqt.qtbot import QtBot

from ui.elided_tips import is_elided

pytestmark = pytest.mark.gui
LONG = "北京盈科（贵阳）律师事务所（代理申请人张三）"


def _tip_at(qtbot: QtBot, view: QTableView, row: int, column: int) -> str:
    QToolTip.hideText()
    qtbot.waitUntil(lambda: not QToolTip.isVisible(), timeout=2000)
    centre = view.visualRect(view.model().index(row, column)).center()
    event = QHelpEvent(QEvent.Type.ToolTip, centre, view.viewport().mapToGlobal(centre))
    QApplication.sendEvent(view.viewport(), event)
    return QToolTip.text() if QToolTip.isVisible() else ""


def test_a_cut_off_cell_shows_its_whole_text_and_a_whole_one_shows_none(qtbot: QtBot) -> None:
    model = QStandardItemModel(1, 2)
    model.setItem(0, 0, QStandardItem(LONG))
    model.setItem(0, 1, QStandardItem("办理中"))
    view = QTableView()  # polished like every view of the program: the filter comes with it
    qtbot.addWidget(view)
    view.setModel(model)
    view.setColumnWidth(0, 90)
    view.setColumnWidth(1, 200)
    view.resize(400, 200)
    view.show()
    qtbot.waitExposed(view)
    assert is_elided(view, 0, 0) and not is_elided(view, 0, 1)
    assert _tip_at(qtbot, view, 0, 0) == LONG
    assert _tip_at(qtbot, view, 0, 1) == ""
    assert view.indexAt(QPoint(5, 5)).isValid()
