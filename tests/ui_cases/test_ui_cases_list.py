"""The case list: lazy model (qtmodeltester), filters, search, sorting, colours."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush

from app.auth.roles import Role
from app.cases.enums import ApplicantType, CaseStatus, Channel
from app.cases.handling import start_handling
from app.cases.queries import CaseFilter
from ui.cases import case_list_model
from ui.cases.case_list_model import COL_DUE, COL_LEFT, CaseListModel
from ui.cases.tab import CasesTab
from ui.context import AppContext

pytestmark = pytest.mark.gui


def test_list_model_passes_qtmodeltester_with_lazy_fetch(qtmodeltester, ctx, add_case, monkeypatch) -> None:
    monkeypatch.setattr(case_list_model, "FETCH_SIZE", 4)
    for i in range(10):
        add_case(name=f"申请人{i}", content=f"第{i}件申请的内容")
    model = CaseListModel(ctx)
    assert model.total == 10
    assert model.rowCount() == 4  # only the first page is fetched
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 8
    qtmodeltester.check(model, force_py=True)
    model.fetch_all()
    assert model.rowCount() == 10 and not model.canFetchMore()
    qtmodeltester.check(model, force_py=True)


def test_sorting_is_done_in_sql(ctx, add_case) -> None:
    for name in ("乙公司", "甲公司", "丙公司"):
        add_case(name=name)
    model = CaseListModel(ctx)
    model.sort(2, Qt.SortOrder.AscendingOrder)
    names = [model.index(r, 2).data() for r in range(model.rowCount())]
    assert names == sorted(names)
    model.sort(2, Qt.SortOrder.DescendingOrder)
    assert [model.index(r, 2).data() for r in range(model.rowCount())] == sorted(names, reverse=True)


def test_filters_and_search_narrow_the_list(qtbot, db, ctx, clerk, make_user, add_case) -> None:
    add_case(name="张三", content="锦屏县城区道路改造工程招标文件")
    add_case(name="锦屏县某科技有限公司", content="2023年财政预算执行情况", applicant_type=ApplicantType.BUSINESS,
             channel=Channel.INTERNET, channel_date=date.today())
    started = add_case(name="李四", content="征地补偿标准及安置方案")
    with db.session_factory.begin() as s:
        start_handling(s, clerk, started)

    tab = CasesTab(ctx)
    qtbot.addWidget(tab)
    assert tab.model.total == 3
    assert tab.count.text() == "共 3 件"

    # Search finds a two-character Chinese word inside the content.
    tab.filters.search.setText("征地")
    with qtbot.waitSignal(tab.filters.filter_changed, timeout=2000):
        pass
    assert [r.applicant_name for r in tab.model.rows] == ["李四"]
    tab.filters.search.clear()
    tab.filters.flush()
    assert tab.model.total == 3

    tab.filters.status.setCurrentIndex(tab.filters.status.findData(CaseStatus.IN_PROGRESS))
    assert [r.applicant_name for r in tab.model.rows] == ["李四"]
    tab.filters.status.setCurrentIndex(0)

    tab.filters.applicant_type.setCurrentIndex(tab.filters.applicant_type.findData(ApplicantType.BUSINESS))
    assert [r.applicant_name for r in tab.model.rows] == ["锦屏县某科技有限公司"]
    tab.filters.applicant_type.setCurrentIndex(0)

    tab.filters.channel.setCurrentIndex(tab.filters.channel.findData(Channel.INTERNET))
    assert tab.model.total == 1
    tab.filters.channel.setCurrentIndex(0)

    tab.filters.set_year(date.today().year - 1)
    assert tab.model.total == 0
    tab.filters.set_year(date.today().year)
    assert tab.model.total == 3

    tab.filters.mine.setChecked(True)
    assert tab.model.total == 3  # the clerk registered all three
    other_tab = CasesTab(AppContext(db=db, actor=make_user("zhouyu", Role.DISCLOSURE_STAFF)))
    qtbot.addWidget(other_tab)
    other_tab.filters.mine.setChecked(True)
    assert other_tab.model.total == 0

    tab.filters.clear()
    assert tab.model.total == 3


def _received_for_due_in(db, workdays: int) -> date:  # type: ignore[no-untyped-def]
    """A past receipt date whose 20-working-day deadline falls `workdays` working days from today."""
    from app.workdays.service import load_calendar

    today = date.today()
    with db.session_factory() as s:
        calendar = load_calendar(s)
    target = calendar.add_workdays(today, workdays)
    day = today
    while calendar.add_workdays(day, 20) > target:
        day -= timedelta(days=1)
    return day


def test_overdue_and_due_soon_are_coloured_and_filtered(qtbot, db, ctx, add_case) -> None:
    today = date.today()
    late = add_case(name="逾期申请人", submitted_on=today - timedelta(days=60))
    soon = add_case(name="临期申请人", submitted_on=_received_for_due_in(db, 2))
    fresh = add_case(name="新申请人")
    model = CaseListModel(ctx)
    rows = {r.id: i for i, r in enumerate(model.rows)}

    assert model.urgency(model.rows[rows[late]]) == "overdue"
    assert "超期" in model.index(rows[late], COL_LEFT).data()
    brush = model.index(rows[late], 2).data(Qt.ItemDataRole.BackgroundRole)
    assert isinstance(brush, QBrush) and brush.color().name() == "#fde2e1"

    left = model.days_left(model.rows[rows[soon]])
    assert left is not None and 0 <= left <= 3
    assert model.urgency(model.rows[rows[soon]]) == "soon"
    assert model.index(rows[soon], 2).data(Qt.ItemDataRole.BackgroundRole).color().name() == "#fff3cd"
    assert model.index(rows[fresh], 2).data(Qt.ItemDataRole.BackgroundRole) is None

    # A due date in a year whose holidays are not yet entered is marked.
    fresh_row = model.rows[rows[fresh]]
    assert model.index(rows[fresh], COL_DUE).data().endswith("（未确认）") is fresh_row.due_unconfirmed
    model.rows[rows[fresh]] = replace(fresh_row, due_unconfirmed=True)  # as for a due date in 2027
    assert model.index(rows[fresh], COL_DUE).data() == f"{fresh_row.due_on}（未确认）"

    model.set_filter(CaseFilter(overdue=True, today=today))
    assert [r.id for r in model.rows] == [late]
    model.set_filter(CaseFilter(due_soon=True, today=today))
    assert [r.id for r in model.rows] == [soon]


def test_small_row_models_pass_qtmodeltester(qtmodeltester) -> None:
    from dataclasses import dataclass

    from ui.rows_model import RowColumn, RowsModel

    @dataclass(frozen=True)
    class Item:
        name: str
        ok: bool

    model: RowsModel[Item] = RowsModel([
        RowColumn("名称", lambda i: i.name),
        RowColumn("情况", lambda i: "✓" if i.ok else "✗", lambda i: None if i.ok else "#b3261e"),
    ])
    model.set_rows([Item("答复书", True), Item("办理单", False)])
    qtmodeltester.check(model, force_py=True)
    assert model.index(1, 1).data(Qt.ItemDataRole.ForegroundRole).color().name() == "#b3261e"
