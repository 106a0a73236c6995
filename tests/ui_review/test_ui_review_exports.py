"""The tab's outputs: 打印审核发布单 for the selected post, 导出稿件登记 and 导出巡检记录, run off the GUI
thread; the sheet is opened with the system program (recorded here instead of launching Word)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.bootstrap import Database
from app.context import Actor
from app.review.inspections import InspectionForm, record_inspection
from ui.context import AppContext
from ui.review.export_actions import PeriodDialog
from ui.review.tab import ReviewTab

pytestmark = pytest.mark.gui
WAIT_MS = 20_000


def test_print_sheet_of_the_selected_post(qtbot: QtBot, ctx: AppContext, add_post: Callable[..., int],
                                          opened: list[Path]) -> None:
    post_id = add_post(title="县政府关于做好防汛工作的通知")
    tab = ReviewTab(ctx)
    qtbot.addWidget(tab)
    assert not tab.detail.sheet_button.isEnabled()  # nothing selected yet
    tab.select_post(post_id)
    assert tab.detail.sheet_button.isEnabled() and tab.detail.sheet_button.text() == "打印审核发布单"
    qtbot.mouseClick(tab.detail.sheet_button, Qt.MouseButton.LeftButton)
    assert tab.exports.task is not None
    qtbot.waitUntil(lambda: bool(opened), timeout=WAIT_MS)
    assert opened[0].name.startswith("信息审核发布单_") and opened[0].suffix == ".docx"
    cells = [c.text for c in Document(str(opened[0])).tables[0].rows[1].cells]
    assert cells[:2] == ["标题", "县政府关于做好防汛工作的通知"]


def test_register_and_inspection_exports(qtbot: QtBot, ctx: AppContext, db: Database, people: dict[str, Actor],
                                         add_post: Callable[..., int], tmp_path: Path) -> None:
    add_post(title="稿件一")
    with db.session_factory.begin() as s:
        record_inspection(s, people["editor"], InspectionForm(day=date.today()), date.today())
    tab = ReviewTab(ctx)
    qtbot.addWidget(tab)
    assert tab.register_button.text() == "导出稿件登记…"
    assert tab.inspections.export_button.text() == "导出巡检记录…"
    year = date.today().year
    register = tmp_path / "posts.xlsx"
    task = tab.exports.export_register(register, year)
    qtbot.waitUntil(lambda: task.is_finished, timeout=WAIT_MS)
    ws = load_workbook(register)["稿件登记台账"]
    assert ws is not None and ws.cell(row=3, column=2).value == "稿件一"
    log = tmp_path / "log.xlsx"
    task = tab.exports.export_inspections(log, year, date.today().month)
    qtbot.waitUntil(lambda: task.is_finished, timeout=WAIT_MS)
    ws = load_workbook(log).active
    assert ws is not None and ws.cell(row=3, column=2).value == "王芳" and ws.cell(row=3, column=3).value == "是"


def test_period_dialog_offers_month_or_whole_year(qtbot: QtBot) -> None:
    dialog = PeriodDialog("导出日常巡检记录", [2025, 2024], 2024, 5, with_month=True)
    qtbot.addWidget(dialog)
    assert dialog.chosen() == (2024, 5)
    dialog.month.setCurrentIndex(0)
    assert dialog.month.currentText() == "全年" and dialog.chosen() == (2024, None)
