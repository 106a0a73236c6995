"""The review dialog's checklist (issue 17): a click on a point's words ticks it, and the list of
points still open is shown whole and follows the ticking, without growing the dialog."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from app.review.enums import CHECKLIST_ITEMS, REQUIREMENTS
from ui.context import AppContext
from ui.review.checklist_model import COL_ITEM, COL_OK
from ui.review.review_dialog import ReviewDialog
from ui.review.tab import ReviewTab

pytestmark = pytest.mark.gui
CLICK = Qt.MouseButton.LeftButton


def _open(qtbot: QtBot, ctx: AppContext, add_post: Callable[..., int]) -> ReviewDialog:
    post_id = add_post()
    tab = ReviewTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    assert tab.submit_post(post_id)
    dialog = tab.review_post(post_id)  # 初审, the editor's own stage
    assert dialog is not None
    qtbot.addWidget(dialog)
    return dialog


def _click_row(qtbot: QtBot, view: QTableView, row: int, column: int) -> None:
    rect = view.visualRect(view.model().index(row, column))
    qtbot.mouseClick(view.viewport(), CLICK, pos=rect.center())


def test_clicking_a_points_words_ticks_it_and_the_open_list_follows(
        qtbot: QtBot, ctx: AppContext, add_post: Callable[..., int]) -> None:
    dialog = _open(qtbot, ctx, add_post)
    view = dialog.findChildren(QTableView)
    points_view = next(v for v in view if v.model() is dialog.points)
    total = len(CHECKLIST_ITEMS) + len(REQUIREMENTS)
    first = CHECKLIST_ITEMS[0]
    assert f"尚有 {total} 项" in dialog.pending.text() and first in dialog.pending.text()
    _click_row(qtbot, points_view, 0, COL_ITEM)
    assert dialog.points.index(0, COL_OK).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert f"尚有 {total - 1} 项" in dialog.pending.text() and f"· {first}" not in dialog.pending.text()
    _click_row(qtbot, points_view, 0, COL_ITEM)  # a second click takes the tick back
    assert dialog.points.index(0, COL_OK).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked


def test_the_refusal_is_one_line_and_goes_once_everything_is_ticked(
        qtbot: QtBot, ctx: AppContext, add_post: Callable[..., int]) -> None:
    dialog = _open(qtbot, ctx, add_post)
    dialog.show()
    height = dialog.height()
    qtbot.mouseClick(dialog.approve_button, CLICK)
    assert dialog.message.text() == "以下审核要点尚未勾选或注明意见，见右侧列表。"
    assert dialog.height() == height  # the list is on the right, in its scrolling column
    for model in (dialog.points, dialog.requirements):
        for row in range(model.rowCount()):
            model.setData(model.index(row, COL_OK), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert dialog.pending.text() == "各要点均已核查。" and dialog.message.text() == ""
