"""The case shown under the list follows another PC's change (issue 19), on SQLite and PostgreSQL.

Two PCs are two Database objects (two engines, two connection pools) on one database: PC2 changes
the case through the services; PC1's real change watcher polls, sees the new stamp and the list and
the detail panel reload. A form being typed in on PC1 is kept and marked 已被他人修改 with 刷新.
Runs on SQLite and, with GOVINFO_TEST_PG_URL set, PostgreSQL (tests/pg_support.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.auth.roles import Role
from app.bootstrap import Database, open_database
from app.cases.enums import CaseStatus
from app.cases.handling import correction_min_due, send_correction_notice, start_handling
from app.cases.intake import register_case
from app.context import Actor
from tests.reliability.rel_worker import a_form
from tests.ui_cases._remote_change import assert_draft_kept_and_marked, assert_started_everywhere, type_unsaved_draft
from ui.cases.tab import CasesTab
from ui.change_watcher import ChangeWatcher
from ui.context import AppContext

pytestmark = pytest.mark.gui


@pytest.fixture
def pc2(db: Database) -> Iterator[Database]:
    """The other PC: its own engine on the same database."""
    other = open_database(db.data_dir, db.url, migrate=False)
    yield other
    other.dispose()


@pytest.fixture
def people(make_user) -> dict[str, Actor]:  # type: ignore[no-untyped-def]
    return {"clerk": make_user("clerk", Role.DISCLOSURE_STAFF, display_name="张经办"),
            "other": make_user("liming", Role.DISCLOSURE_STAFF, display_name="李明")}


@pytest.fixture
def pc1(qtbot: QtBot, db: Database, people: dict[str, Actor]) -> Iterator[tuple[CasesTab, ChangeWatcher]]:
    ctx = AppContext(db=db, actor=people["clerk"])
    tab = CasesTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1340, 700)
    tab.show()
    watcher = ChangeWatcher(ctx, interval_ms=3_600_000)  # polled by hand below, as the timer would
    _settle(qtbot, watcher)
    yield tab, watcher
    watcher.stop()
    _settle(qtbot, watcher)


def _settle(qtbot: QtBot, watcher: ChangeWatcher) -> None:
    qtbot.waitUntil(lambda: watcher._task is None or watcher._task.is_finished, timeout=20_000)


def _poll(qtbot: QtBot, watcher: ChangeWatcher) -> None:
    """One tick of the 10-second timer: the stamp is read off the GUI thread, then reported."""
    _settle(qtbot, watcher)
    watcher.poll()
    _settle(qtbot, watcher)
    qtbot.wait(50)  # the result is delivered to the GUI thread through the event loop


def _new_case(db: Database, clerk: Actor, *, started: bool = False) -> int:
    with db.session_factory.begin() as s:
        case_id = register_case(s, clerk, a_form(1, submitted_on=date.today()), date.today()).id
        if started:
            start_handling(s, clerk, case_id)
    return case_id


def test_another_pcs_change_reloads_the_row_and_the_case_below(
        qtbot: QtBot, db: Database, pc2: Database, people: dict[str, Actor],
        pc1: tuple[CasesTab, ChangeWatcher]) -> None:
    tab, watcher = pc1
    case_id = _new_case(db, people["clerk"])
    tab.refresh()
    tab.select_case(case_id)
    _poll(qtbot, watcher)  # the stamp as it is now
    assert tab.detail.status.text() == CaseStatus.REGISTERED.label and tab.detail.start_button.isVisibleTo(tab)

    with pc2.session_factory.begin() as s:  # PC2 starts handling the case
        start_handling(s, people["other"], case_id)
    _poll(qtbot, watcher)

    assert_started_everywhere(tab, case_id)


def test_a_draft_being_typed_is_kept_and_marked_then_refreshed(
        qtbot: QtBot, db: Database, pc2: Database, people: dict[str, Actor],
        pc1: tuple[CasesTab, ChangeWatcher]) -> None:
    tab, watcher = pc1
    case_id = _new_case(db, people["clerk"], started=True)
    tab.refresh()
    tab.select_case(case_id)
    _poll(qtbot, watcher)
    typed = type_unsaved_draft(qtbot, tab)
    body = tab.detail.reply.body
    assert tab.detail.edited

    _poll(qtbot, watcher)  # nothing changed anywhere: nothing reloaded, no banner
    assert tab.detail.stale.isHidden() and body.toPlainText() == typed

    with pc2.session_factory.begin() as s:  # PC2 sends a 补正告知 meanwhile
        due = correction_min_due(s, date.today())[1]
        send_correction_notice(s, people["other"], case_id, date.today(), "请写明所需信息的年份", due)
    _poll(qtbot, watcher)

    assert_draft_kept_and_marked(tab, typed)
    qtbot.mouseClick(tab.detail.stale_refresh, Qt.MouseButton.LeftButton)
    assert tab.detail.stale.isHidden() and "my unsaved draft" not in body.toPlainText()
