"""Lists refresh when another PC changes the database; open forms are left alone."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from app.audit.service import record
from app.auth.roles import Role
from app.bootstrap import Database
from app.cases.enums import ApplicantType, Channel
from app.cases.intake import CaseForm, register_case
from app.context import Actor
from ui.cases.tab import CasesTab
from ui.change_watcher import ChangeWatcher
from ui.context import AppContext


def _change_elsewhere(db: Database) -> None:
    # Another PC's unit of work, through its own session.
    with db.session_factory.begin() as s:
        record(s, Actor.system(), "update", "thing", 1, summary="另一台电脑的修改")


def test_a_change_on_another_pc_is_noticed(qtbot: QtBot, db: Database) -> None:
    ctx = AppContext(db=db, actor=Actor.system())
    watcher = ChangeWatcher(ctx, interval_ms=60_000)  # polled by hand below
    qtbot.waitUntil(lambda: watcher._last is not None)
    seen: list[int] = []
    ctx.events.remote_changed.connect(lambda: seen.append(1))
    watcher.poll()
    qtbot.waitUntil(lambda: watcher._task is not None and watcher._task.is_finished)
    assert seen == []  # nothing changed yet
    _change_elsewhere(db)
    with qtbot.waitSignal(ctx.events.remote_changed, timeout=5000):
        watcher.poll()
    watcher.stop()


def test_the_case_list_refreshes_but_the_open_case_is_not_reloaded(qtbot: QtBot, db: Database, make_user) -> None:  # type: ignore[no-untyped-def]
    clerk = make_user("clerk", Role.DISCLOSURE_STAFF)
    ctx = AppContext(db=db, actor=clerk)
    tab = CasesTab(ctx)
    qtbot.addWidget(tab)
    assert tab.model.rowCount() == 0
    reloads: list[int] = []
    tab.detail.reload = lambda: reloads.append(1)  # type: ignore[method-assign]
    form = CaseForm(applicant_type=ApplicantType.NATURAL, applicant_name="张三", phone="13985571234",
                    channel=Channel.IN_PERSON, submitted_on=date.today(), content="申请公开低保名单")
    with db.session_factory.begin() as s:
        register_case(s, clerk, form, date.today())
    ctx.events.remote_changed.emit()
    assert tab.model.rowCount() == 1
    assert reloads == []
