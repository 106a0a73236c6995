"""月度/季度统计 page: a chosen period's figures, drill-down, the painted chart, the Excel export."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.audit.models import AuditEntry
from app.cases.models import RequestCase
from tests.ui_annual.annual_helpers import wait
from ui.annual.bar_chart import nice_step
from ui.annual.stats_page import BY_CHANNEL
from ui.annual.tab import AnnualTab
from ui.context import AppContext

pytestmark = pytest.mark.gui
OpenTab = Callable[[AppContext], AnnualTab]


def _row(tab: AnnualTab, label: str) -> int:
    model = tab.statistics.model
    return next(r for r in range(model.rowCount()) if model.index(r, 0).data() == label)


def _choose(qtbot: QtBot, tab: AnnualTab, year: int, period_text: str) -> None:
    page = tab.statistics
    page.year.setValue(year)
    wait(qtbot, page)
    page.period.setCurrentText(period_text)
    wait(qtbot, page)
    assert page.stats is not None


def test_a_quarter_in_the_table_and_the_chart(qtbot: QtBot, ctx: AppContext, year_2024: dict[str, RequestCase],
                                             open_tab: OpenTab) -> None:
    tab = open_tab(ctx)
    page = tab.statistics
    assert page.year.value() == 2025  # the tab opens on the current month
    _choose(qtbot, tab, 2024, "第一季度")
    model = page.model
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)] == [
        "项目", "收到申请（件）", "办结（件）", "逾期（件）", "平均答复用时（工作日）"]
    total = _row(tab, "全部申请")
    # Q1 2024: a (1 Feb) and b (1 Mar) received; a answered 20 Feb, b 20 Mar
    assert [model.index(total, c).data() for c in range(1, 4)] == ["2", "2", "0"]
    # 1→20 Feb: 2, Sun 4 (make-up), 5–9, Sun 18 (make-up), 19, 20 = 10 (10–17 Feb off); 1→20 Mar: 13
    assert model.index(total, 4).data() == "11.5"
    assert page.caption.text() == "锦屏县人民政府办公室2024年第一季度政府信息公开申请办理情况统计"
    assert "按申请方式" in [model.index(r, 0).data() for r in model.section_rows()]
    assert page.table.columnSpan(model.section_rows()[0], 0) == model.columnCount()
    assert page.chart.highlight == frozenset({0, 1, 2})
    assert [s.values[:6] for s in page.chart.series] == [(0, 1, 1, 1, 1, 0), (0, 1, 1, 1, 1, 0)]
    page.chart_mode.setCurrentIndex(BY_CHANNEL)
    assert page.chart.categories[0] == "互联网" and page.chart.series[0].values[0] == 2
    assert not page.chart.grab().isNull()  # paints without error


def test_double_click_lists_the_cases_and_export_reads_back(
        qtbot: QtBot, ctx: AppContext, year_2024: dict[str, RequestCase], open_tab: OpenTab, tmp_path: Path) -> None:
    tab = open_tab(ctx)
    page = tab.statistics
    tab.pages.setCurrentWidget(page)
    _choose(qtbot, tab, 2024, "全年")
    index: QModelIndex = page.model.index(_row(tab, "商业企业"), 1)
    assert index.data() == "1"
    pos = page.table.visualRect(index).center()
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.waitUntil(lambda: page.dialog is not None)
    assert page.dialog is not None and page.dialog.case_numbers() == [year_2024["d"].case_no]
    assert "不予公开：属于四类过程性信息" in page.dialog.model.index(0, 4).data()
    page.export_excel(tmp_path / "统计.xlsx")
    wait(qtbot, page, "export_task")
    ws = load_workbook(tmp_path / "统计.xlsx").active
    assert ws is not None
    assert ws.cell(1, 1).value == "锦屏县人民政府办公室2024年政府信息公开申请办理情况统计"
    assert [ws.cell(3, c).value for c in range(1, 6)] == ["合计", "全部申请", 5, 4, 0]
    with ctx.reader() as s:  # the tab runs the same use case as a script would: audited once written
        entry = s.scalars(select(AuditEntry).where(AuditEntry.record_type == "statistics")).one()
    assert (entry.action, entry.username, entry.record_id) == ("export", "keyuan", "2024年")


def test_nice_steps() -> None:
    assert [nice_step(n) for n in (3, 9, 15, 48, 230)] == [1, 2, 5, 10, 50]


def test_model_passes_the_model_tester(qtmodeltester, qtbot: QtBot, ctx: AppContext,
                                       year_2024: dict[str, RequestCase], open_tab: OpenTab) -> None:
    tab = open_tab(ctx)
    _choose(qtbot, tab, 2024, "全年")
    qtmodeltester.check(tab.statistics.model)
