"""Today's date comes from the context: set once, every screen agrees (no `today=` per widget)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from pytestqt.qtbot import QtBot

from app.auth.roles import Role
from app.clock import FixedClock, SystemClock
from ui.cases.tab import CasesTab
from ui.context import AppContext
from ui.disclosure.tab import DisclosureTab

pytestmark = pytest.mark.gui

# A Saturday, so nobody's real "today" is likely to be it by accident.
FIXED = datetime(2024, 6, 29, 9, 30)


def test_screens_take_the_date_from_the_context(qtbot: QtBot, db, make_user) -> None:
    ctx = AppContext(db, make_user("clerk1", Role.DISCLOSURE_STAFF, Role.ADMIN), clock=FixedClock(FIXED))
    assert (ctx.today(), ctx.now()) == (date(2024, 6, 29), FIXED)
    cases = CasesTab(ctx)
    qtbot.addWidget(cases)
    assert cases.model.filter.today == date(2024, 6, 29)  # deadlines in the list are counted from it
    intake = cases.new_case()
    assert intake.form.submitted_on.date().toPython() == date(2024, 6, 29)
    intake.close()
    disclosure = DisclosureTab(ctx)
    qtbot.addWidget(disclosure)
    assert disclosure.model.filter.today == date(2024, 6, 29)


def test_the_program_uses_the_computers_clock() -> None:
    clock = SystemClock()
    assert abs((clock.now() - datetime.now()).total_seconds()) < 5
    assert clock.today() in {date.today(), clock.now().date()}
