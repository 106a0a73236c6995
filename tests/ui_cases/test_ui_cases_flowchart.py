"""The C.14 flowchart: where a case stands, and that it paints."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtGui import QColor

from app.cases.enums import CaseStatus
from ui.cases.flowchart import FlowchartWidget, FlowFacts, flow_state
from ui.cases.tab import CasesTab

pytestmark = pytest.mark.gui


@pytest.mark.parametrize(("facts", "current"), [
    (FlowFacts(CaseStatus.REGISTERED), {"review"}),
    (FlowFacts(CaseStatus.AWAITING_CORRECTION, had_correction=True), {"handle", "handle_correction"}),
    (FlowFacts(CaseStatus.IN_PROGRESS), {"handle", "handle_self"}),
    (FlowFacts(CaseStatus.IN_PROGRESS, had_department=True, open_consultation="department"),
     {"handle", "handle_consult"}),
    (FlowFacts(CaseStatus.IN_PROGRESS, had_third_party=True, open_consultation="third_party"),
     {"handle", "handle_third"}),
    (FlowFacts(CaseStatus.IN_PROGRESS, revising=True), {"reply", "reply_draft"}),
    (FlowFacts(CaseStatus.AWAITING_APPROVAL, draft_saved=True), {"reply", "reply_justice"}),
    (FlowFacts(CaseStatus.AWAITING_APPROVAL, draft_saved=True, justice_done=True), {"reply", "reply_leaders"}),
    (FlowFacts(CaseStatus.AWAITING_APPROVAL, draft_saved=True, justice_done=True, approvals_done=True),
     {"reply", "reply_deliver"}),
    (FlowFacts(CaseStatus.CLOSED, draft_saved=True, justice_done=True, approvals_done=True, replied=True,
               delivered=True), {"archive"}),
    (FlowFacts(CaseStatus.ARCHIVED, draft_saved=True), set()),
])
def test_current_step_follows_the_case(facts: FlowFacts, current: set[str]) -> None:
    state = flow_state(facts)
    assert state.current == current
    assert not (state.current & state.done)
    assert {"receive", "register", "confirm_date"} <= state.done


def test_branches_not_taken_are_marked() -> None:
    state = flow_state(FlowFacts(CaseStatus.AWAITING_APPROVAL, had_third_party=True, draft_saved=True))
    assert "handle_third" in state.done
    assert {"handle_self", "handle_correction", "handle_consult"} <= state.skipped


def test_the_chart_paints_the_current_step(qtbot) -> None:
    chart = FlowchartWidget()
    qtbot.addWidget(chart)
    chart.resize(1000, 420)
    chart.set_facts(FlowFacts(CaseStatus.REGISTERED), [(date(2026, 3, 2), "收到申请")])
    image = chart.grab().toImage()
    centre = chart.rects["review"].center()
    assert QColor(image.pixel(int(centre.x()) - 30, int(centre.y()))).name() == "#1565c0"
    done = chart.rects["receive"]
    assert QColor(image.pixel(int(done.left()) + 8, int(done.center().y()))).name() == "#e7f4ea"


def test_a_dashboard_item_opens_its_case(qtbot, ctx, add_case) -> None:
    first = add_case(name="张三")
    add_case(name="李四")
    tab = CasesTab(ctx)
    qtbot.addWidget(tab)
    tab.show_record("request_case", first)
    assert tab.detail.case_id == first
    rows = tab.table.selectionModel().selectedRows()
    assert rows and tab.model.row_at(rows[0].row()).id == first  # type: ignore[union-attr]
    assert tab.can_close()
