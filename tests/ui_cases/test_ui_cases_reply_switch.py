"""Switching to another case while a reply draft holds typed, unsaved text asks first (issue 19):
保存 / 放弃 / 取消, and 取消 keeps the list on the draft's case with the text as typed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QMessageBox

from app.cases.enums import CaseStatus
from app.cases.handling import start_handling
from app.cases.models import RequestCase
from app.cases.outcomes import ReplyType
from ui.cases.tab import CasesTab

pytestmark = pytest.mark.gui

TYPED = "经查，你申请的信息不存在。（经办人正在修改，尚未保存）"


@pytest.fixture
def tab(qtbot, ctx, db, clerk, add_case) -> CasesTab:  # type: ignore[no-untyped-def]
    for name in ("张三", "李四"):
        case_id = add_case(name=name)
        with db.session_factory.begin() as s:
            start_handling(s, clerk, case_id)
    widget = CasesTab(ctx)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _case_ids(tab: CasesTab) -> tuple[int, int]:
    rows = [tab.model.row_at(i) for i in range(tab.model.rowCount())]
    ids = sorted(r.id for r in rows if r is not None)
    return ids[0], ids[1]


def _click_row(qtbot, tab: CasesTab, case_id: int) -> None:  # type: ignore[no-untyped-def]
    # A mouse click on the row, as the clerk does it: the selection model's change drives the rest.
    row = tab.model.row_of_case(case_id)
    rect = tab.table.visualRect(tab.model.index(row, 1))
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _selected(tab: CasesTab) -> int:
    rows = tab.table.selectionModel().selectedRows()
    assert len(rows) == 1
    r = tab.model.row_at(rows[0].row())
    assert r is not None
    return r.id


def _question(reply) -> QMessageBox:  # type: ignore[no-untyped-def]
    box = reply.leave_question
    assert box is not None and box.isVisible()
    return box


def _answer(qtbot, box: QMessageBox, text: str) -> None:  # type: ignore[no-untyped-def]
    button = next(b for b in box.buttons() if b.text() == text)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _typed_draft(tab: CasesTab, first: int) -> None:
    tab.select_case(first)
    reply = tab.detail.reply
    reply.reply_type.setCurrentIndex(reply.reply_type.findData(ReplyType.NOT_EXIST))
    reply.body.setPlainText(TYPED)
    assert reply.draft_is_dirty()


def test_cancel_keeps_the_drafts_case_selected_and_the_text(qtbot, tab: CasesTab) -> None:  # type: ignore[no-untyped-def]
    first, second = _case_ids(tab)
    _typed_draft(tab, first)
    _click_row(qtbot, tab, second)
    box = _question(tab.detail.reply)
    assert box.windowTitle() == "放弃修改" and "答复稿尚未保存" in box.text()
    assert sorted(b.text() for b in box.buttons()) == sorted(["保存", "放弃", "取消"])
    # While asking, the list already stays on the draft's case (no row says one thing, the panel another).
    assert tab.detail.case_id == first and _selected(tab) == first
    _answer(qtbot, box, "取消")
    assert tab.detail.case_id == first and _selected(tab) == first
    assert tab.detail.reply.body.toPlainText() == TYPED


def test_discard_shows_the_other_case(qtbot, db, tab: CasesTab) -> None:  # type: ignore[no-untyped-def]
    first, second = _case_ids(tab)
    _typed_draft(tab, first)
    _click_row(qtbot, tab, second)
    _answer(qtbot, _question(tab.detail.reply), "放弃")
    assert tab.detail.case_id == second and _selected(tab) == second
    assert not tab.detail.reply.draft_is_dirty()
    with db.session_factory() as s:
        case = s.get(RequestCase, first)
        assert case is not None and case.reply_body == "" and case.status == CaseStatus.IN_PROGRESS.value


def test_save_stores_the_draft_then_shows_the_other_case(qtbot, db, tab: CasesTab) -> None:  # type: ignore[no-untyped-def]
    first, second = _case_ids(tab)
    _typed_draft(tab, first)
    # Keyboard too: a selection change by the arrow keys is the same change.
    tab.table.selectionModel().setCurrentIndex(
        tab.model.index(tab.model.row_of_case(second), 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
    _answer(qtbot, _question(tab.detail.reply), "保存")
    with db.session_factory() as s:
        case = s.get(RequestCase, first)
        assert case is not None and case.reply_body == TYPED
        assert case.status == CaseStatus.AWAITING_APPROVAL.value
    assert tab.detail.case_id == second and _selected(tab) == second


def test_a_case_without_typed_text_switches_at_once(qtbot, tab: CasesTab) -> None:  # type: ignore[no-untyped-def]
    first, second = _case_ids(tab)
    tab.select_case(first)
    _click_row(qtbot, tab, second)
    assert tab.detail.reply.leave_question is None
    assert tab.detail.case_id == second and _selected(tab) == second


def test_opening_another_case_from_the_dashboard_asks_too(qtbot, tab: CasesTab) -> None:  # type: ignore[no-untyped-def]
    first, second = _case_ids(tab)
    _typed_draft(tab, first)
    tab.show_record("request_case", second)  # what the 工作台 does when an item is opened
    box = _question(tab.detail.reply)
    assert tab.detail.record_id == first and tab.detail.reply.body.toPlainText() == TYPED
    _answer(qtbot, box, "放弃")
    assert tab.detail.record_id == second and _selected(tab) == second
