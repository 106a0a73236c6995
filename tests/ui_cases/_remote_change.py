"""What the case tab shows when another PC changes the case on screen (the list-shell GUI test and
the two-PC reliability test share it): the row and the case below refreshed, or a draft being typed
kept and marked as out of date."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.cases.enums import CaseStatus
from ui.cases.tab import CasesTab

DRAFT_TYPED = " my unsaved draft"  # QTest types ASCII only


def assert_started_everywhere(tab: CasesTab, case_id: int) -> None:
    """Handling was started elsewhere: the list row and the case below agree, the header's buttons act
    on the fresh state, and no banner shows (nothing was being typed)."""
    row = tab.model.row_of_case(case_id)
    assert tab.model.index(row, 1).data() == CaseStatus.IN_PROGRESS.label
    assert tab.detail.status.text() == CaseStatus.IN_PROGRESS.label  # the list and the panel agree
    assert not tab.detail.start_button.isVisibleTo(tab)  # its buttons act on the fresh state
    assert tab.detail.stale.isHidden()


def type_unsaved_draft(qtbot: QtBot, tab: CasesTab) -> str:
    """The clerk opens the reply panel and types at the end of the draft; the text now in the box."""
    tab.detail.show_panel(tab.detail.reply)
    body = tab.detail.reply.body
    body.setFocus()
    body.moveCursor(body.textCursor().MoveOperation.End)
    qtbot.keyClicks(body, DRAFT_TYPED)
    return body.toPlainText()


def assert_draft_kept_and_marked(tab: CasesTab, typed: str) -> None:
    """A 补正告知 was sent elsewhere while the clerk typed: the typing stays, a banner says the case
    changed, and the header already shows the fresh status."""
    assert tab.detail.reply.body.toPlainText() == typed  # the clerk's typing is not overwritten
    assert not tab.detail.stale.isHidden() and "已被他人修改" in tab.detail.stale_label.text()
    assert tab.detail.status.text() == CaseStatus.AWAITING_CORRECTION.label  # the header is fresh
