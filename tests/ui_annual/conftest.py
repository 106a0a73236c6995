"""Fixtures for the 统计报表 GUI tests: Qt set up like the real program, a small 2024 on a real
SQLite database, and the blocking questions answered by the test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from app.auth.roles import Role
from app.bootstrap import Database
from app.cases.enums import ApplicantType, RemedyResult
from app.cases.models import RequestCase
from app.cases.outcomes import Outcome
from app.context import Actor
from tests.factories import case
from tests.ui_annual.annual_helpers import TODAY
from tests.ui_annual.annual_tab_fixtures import _close_windows, _configured_qapp, answers, open_tabs
from ui.annual.tab import AnnualTab
from ui.context import AppContext

__all__ = ["_close_windows", "_configured_qapp", "answers"]  # shared fixtures, found by pytest here


@pytest.fixture
def year_2024(db: Database) -> dict[str, RequestCase]:
    """Three natural persons' 予以公开, one company's 不予公开, one carried over, one case of 2023."""
    built = {
        "a": case(date(2024, 2, 1), date(2024, 2, 20), Outcome.DISCLOSED),
        "b": case(date(2024, 3, 1), date(2024, 3, 20), Outcome.DISCLOSED),
        "c": case(date(2024, 5, 6), date(2024, 5, 30), Outcome.DISCLOSED),
        "d": case(date(2024, 4, 1), date(2024, 4, 25), Outcome.WITHHELD, 5, applicant=ApplicantType.BUSINESS),
        "e": case(date(2024, 12, 27)),
        "f": case(date(2023, 6, 1), date(2023, 6, 20), Outcome.DISCLOSED),
    }
    built["c"].reconsideration_result = RemedyResult.UPHELD.value
    built["c"].reconsideration_on = date(2024, 8, 1)
    with db.session_factory.begin() as s:
        s.add_all(built.values())
    return built


@pytest.fixture
def ctx(db: Database, make_user: Callable[..., Actor]) -> AppContext:
    """A clerk who is also the section head: may write the text and lock the year."""
    return AppContext(db, make_user("keyuan", Role.DISCLOSURE_STAFF, Role.SECTION_HEAD, display_name="王芳"))


@pytest.fixture
def open_tab(qtbot: QtBot) -> Iterator[Callable[[AppContext], AnnualTab]]:
    yield from open_tabs(qtbot, TODAY, (1300, 820), lambda tab: (
        tab.report.task, tab.statistics.task, tab.report.export.task, tab.statistics.export_task, tab.website.task))
