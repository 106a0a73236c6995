"""The list/detail shell on the case tab: reselect after refresh, columns sized and remembered, and
the case below refreshed when another PC changes it — with and without a form being typed in."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from pytestqt.qtbot import QtBot

from app.auth.roles import Role
from app.bootstrap import Database
from app.cases.enums import CaseStatus
from app.cases.handling import correction_min_due, send_correction_notice, start_handling
from tests.ui_cases._remote_change import (
    DRAFT_TYPED,
    assert_draft_kept_and_marked,
    assert_started_everywhere,
    type_unsaved_draft,
)
from ui.cases import case_list_model
from ui.cases.case_list_model import COLUMNS
from ui.cases.tab import CasesTab
from ui.column_widths import settings_key
from ui.context import AppContext
from ui.elided_tips import is_elided

pytestmark = pytest.mark.gui
LONG_NAME = "北京盈科（贵阳）律师事务所锦屏分所"


def shown_tab(qtbot: QtBot, ctx: AppContext) -> CasesTab:
    tab = CasesTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1340, 700)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def test_the_shown_case_is_selected_again_after_a_refresh_even_beyond_the_first_page(
        qtbot: QtBot, ctx: AppContext, add_case, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(case_list_model, "FETCH_SIZE", 3)
    ids = [add_case(name=f"申请人{i}") for i in range(8)]
    tab = shown_tab(qtbot, ctx)
    oldest = ids[0]  # newest first: the oldest is on the third page of three
    tab.select_case(oldest)
    assert tab.detail.case_id == oldest
    row = tab.model.row_of_case(oldest)
    assert row >= 6 and [i.row() for i in tab.table.selectionModel().selectedRows()] == [row]

    tab.refresh()  # the list is read again from its first page
    row = tab.model.row_of_case(oldest)
    assert row >= 6 and [i.row() for i in tab.table.selectionModel().selectedRows()] == [row]
    assert tab.detail.case_id == oldest

    tab.filters.search.setText("申请人3")  # a filter that leaves the case out: nothing stays selected
    tab.filters.flush()
    assert tab.model.total == 1 and tab.table.selectionModel().selectedRows() == []
    assert tab.detail.case_id == oldest  # still shown below


def test_columns_size_to_content_and_the_widths_the_clerk_sets_are_remembered(
        qtbot: QtBot, ctx: AppContext, add_case) -> None:
    add_case(name=LONG_NAME)
    tab = shown_tab(qtbot, ctx)
    name_column = [c.key for c in COLUMNS].index("applicant_name")
    assert tab.table.columnWidth(name_column) > COLUMNS[name_column].width  # the design width cut it short
    assert not is_elided(tab.table, 0, name_column)
    assert QSettings().value(settings_key("case")) is None  # nothing dragged yet, nothing stored

    header = tab.table.horizontalHeader()
    header.resizeSection(3, 170)  # Qt resizing a column by itself: not remembered
    assert QSettings().value(settings_key("case")) is None
    # The clerk drags the edge of 申请人类型 (QTest cannot move a pressed mouse: the drag's resize
    # happens between the real press and release on the header).
    edge = QPoint(header.sectionViewportPosition(3) + header.sectionSize(3) - 1, header.height() // 2)
    qtbot.mousePress(header.viewport(), Qt.MouseButton.LeftButton, pos=edge)
    header.resizeSection(3, 150)
    qtbot.mouseRelease(header.viewport(), Qt.MouseButton.LeftButton, pos=edge)
    stored = str(QSettings().value(settings_key("case"))).split(",")
    assert len(stored) == len(COLUMNS) and stored[3] == "150"
    tab.close()

    again = shown_tab(qtbot, ctx)
    assert again.table.columnWidth(3) == 150
    assert again.table.columnWidth(name_column) == int(stored[name_column])


def test_a_change_from_another_pc_refreshes_the_row_and_the_case_below(
        qtbot: QtBot, db: Database, ctx: AppContext, add_case, make_user) -> None:
    case_id = add_case(name="张三")
    other_pc = make_user("liming", Role.DISCLOSURE_STAFF, display_name="李明")
    tab = shown_tab(qtbot, ctx)
    tab.select_case(case_id)
    assert tab.detail.status.text() == CaseStatus.REGISTERED.label and tab.detail.start_button.isVisibleTo(tab)

    with db.session_factory.begin() as s:  # the other PC starts handling the case
        start_handling(s, other_pc, case_id)
    ctx.events.remote_changed.emit()  # what the change watcher emits once it sees the new stamp

    assert_started_everywhere(tab, case_id)


def test_a_form_being_typed_in_is_kept_and_marked_when_another_pc_changes_the_case(
        qtbot: QtBot, db: Database, ctx: AppContext, clerk, add_case, make_user) -> None:
    case_id = add_case(name="张三")
    with db.session_factory.begin() as s:
        start_handling(s, clerk, case_id)  # the reply can be drafted once handling started
    other_pc = make_user("liming", Role.DISCLOSURE_STAFF, display_name="李明")
    tab = shown_tab(qtbot, ctx)
    tab.select_case(case_id)
    typed = type_unsaved_draft(qtbot, tab)
    body = tab.detail.reply.body
    assert typed.endswith(DRAFT_TYPED) and tab.detail.edited

    ctx.events.remote_changed.emit()  # nothing changed anywhere: no banner, nothing reloaded
    assert tab.detail.stale.isHidden() and body.toPlainText() == typed

    with db.session_factory.begin() as s:  # the other PC sends a 补正告知 meanwhile
        due = correction_min_due(s, date.today())[1]
        send_correction_notice(s, other_pc, case_id, date.today(), "请写明所需信息的年份", due)
    ctx.events.remote_changed.emit()

    assert_draft_kept_and_marked(tab, typed)
    row = tab.model.row_of_case(case_id)
    assert tab.model.index(row, 1).data() == CaseStatus.AWAITING_CORRECTION.label

    qtbot.mouseClick(tab.detail.stale_refresh, Qt.MouseButton.LeftButton)
    assert tab.detail.stale.isHidden() and not tab.detail.edited
    assert "my unsaved draft" not in body.toPlainText()  # 刷新 shows what is stored


def test_the_height_the_clerk_gives_the_list_is_remembered(qtbot: QtBot, ctx: AppContext, add_case) -> None:
    """At a larger 界面字号 the record below takes most of a 1366×768 screen; the clerk drags the
    divider down once and the list keeps that height next time."""
    for i in range(12):
        add_case(name=f"申请人{i}")
    tab = shown_tab(qtbot, ctx)
    splitter = tab.shell.splitter
    first = splitter.sizes()[0]
    assert QSettings().value("lists/case/split") is None  # laid out by the program: nothing stored
    splitter.moveSplitter(first + 80, 1)  # what dragging the handle does
    moved = splitter.sizes()[0]
    assert moved > first and int(str(QSettings().value("lists/case/split"))) == moved
    tab.close()

    again = shown_tab(qtbot, ctx)
    assert again.shell.splitter.sizes()[0] == moved
