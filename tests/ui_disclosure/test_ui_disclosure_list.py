"""The item list: qtmodeltester on every model, the filters, sorting and colours."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.disclosure.enums import DocKind, ItemStatus
from app.disclosure.queries import AttachmentRow
from ui.context import AppContext
from ui.disclosure.item_list_model import COL_LEFT, KEYS, ItemListModel
from ui.disclosure.tab import DisclosureTab
from ui.rows_model import RowColumn, RowsModel

pytestmark = pytest.mark.gui
TODAY = date(2024, 10, 30)


@pytest.fixture
def items(add_item: Callable[..., int]) -> dict[str, int]:
    return {
        "overdue": add_item("县长带队调研三江镇乡村振兴工作", category=6, section="信息中心",
                            formed_on=date(2024, 9, 20), stage="proactive"),
        "soon": add_item("锦屏县城乡低保标准调整情况", category=10, section="行政科", formed_on=date(2024, 10, 8)),
        "fresh": add_item("锦屏县人民政府关于印发某办法的通知", doc_no="锦府发〔2024〕9号",
                          doc_kind=DocKind.NORMATIVE, formed_on=date(2024, 10, 28)),
        "old": add_item("上一年的工作报告", category=4, section="信息中心", formed_on=date(2023, 3, 1)),
    }


def test_models_pass_qtmodeltester(qtmodeltester: ModelTester, ctx: AppContext, items: dict[str, int]) -> None:
    model = ItemListModel(ctx, today=lambda: TODAY)
    assert model.rowCount() == 4
    qtmodeltester.check(model, force_py=True)
    for column in range(model.columnCount()):
        model.sort(column, Qt.SortOrder.AscendingOrder)
        model.sort(column, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model, force_py=True)
    rows: RowsModel[AttachmentRow] = RowsModel([RowColumn("文件名", lambda a: a.filename, lambda a: "#b3261e")])
    from datetime import datetime

    rows.set_rows([AttachmentRow(1, "正文.docx", 2048, "sunli", datetime(2024, 10, 30, 9, 0))])
    qtmodeltester.check(rows, force_py=True)
    assert rows.index(0, 0).data() == "正文.docx"


def test_urgency_colours_and_working_days_left(ctx: AppContext, items: dict[str, int]) -> None:
    model = ItemListModel(ctx, today=lambda: TODAY)
    overdue = model.row_of_item(items["overdue"])
    soon = model.row_of_item(items["soon"])
    assert model.index(overdue, COL_LEFT).data() == "超期 5 个工作日"
    assert model.index(soon, COL_LEFT).data() == "3"
    assert isinstance(model.index(overdue, 0).data(Qt.ItemDataRole.BackgroundRole), QBrush)
    assert model.index(model.row_of_item(items["fresh"]), 0).data(Qt.ItemDataRole.BackgroundRole) is None
    title = model.index(model.row_of_item(items["fresh"]), KEYS.index("title")).data()
    assert title.endswith("〔行政规范性文件〕")
    model.sort(KEYS.index("due_on"), Qt.SortOrder.AscendingOrder)
    assert [r.id for r in model.rows][:3] == [items["old"], items["overdue"], items["soon"]]


def test_filters(qtbot: QtBot, tab: DisclosureTab, items: dict[str, int]) -> None:
    tab.refresh()

    def listed() -> set[int]:
        return {r.id for r in tab.model.rows}

    assert listed() == set(items.values()) and tab.count.text() == "共 4 条，其中超期未发布 2 条"
    f = tab.filters
    f.year.setCurrentIndex(f.year.findData(2023))
    assert listed() == {items["old"]}
    f.year.setCurrentIndex(f.year.findData(None))
    f.category.setCurrentIndex(f.category.findData(10))
    assert listed() == {items["soon"]}
    f.category.setCurrentIndex(0)
    f.section.setCurrentIndex(f.section.findData("信息中心"))
    assert listed() == {items["overdue"], items["old"]}
    f.section.setCurrentIndex(0)
    f.status.setCurrentIndex(f.status.findData(ItemStatus.REVIEWED))
    assert listed() == {items["overdue"]}
    f.status.setCurrentIndex(0)
    f.due_soon.setChecked(True)
    assert listed() == {items["soon"]}
    f.overdue.setChecked(True)  # both ticked: needs attention either way
    assert listed() == {items["soon"], items["overdue"], items["old"]}
    f.due_soon.setChecked(False)
    assert listed() == {items["overdue"], items["old"]}
    f.overdue.setChecked(False)
    f.search.setText("锦府发〔2024〕9")
    f.flush()
    assert listed() == {items["fresh"]}
    f.search.setText("低保")
    qtbot.waitUntil(lambda: listed() == {items["soon"]}, timeout=2000)  # after the typing pause
