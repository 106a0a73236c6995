"""Fixtures for the 统计报表 GUI tests: Qt set up like the real program, a small 2024 on a real
SQLite database, and the blocking questions answered by the test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.auth.roles import Role
from app.bootstrap import Database
from app.cases.enums import ApplicantType, RemedyResult
from app.cases.models import RequestCase
from app.cases.outcomes import Outcome
from app.context import Actor
from tests.factories import case
from tests.ui_annual.annual_helpers import TODAY, wait
from ui.annual import prompts
from ui.annual.tab import AnnualTab
from ui.app_setup import configure_application
from ui.context import AppContext


@pytest.fixture(scope="session", autouse=True)
def _configured_qapp(qapp: QApplication) -> QApplication:
    configure_application(qapp)
    return qapp


@pytest.fixture(autouse=True)
def _close_windows() -> Iterator[None]:
    """Non-blocking message boxes and record lists a test opened must not leak into the next test."""
    yield
    for w in QApplication.topLevelWidgets():
        if w.isVisible():
            w.close()


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """confirm() blocks: the test answers 确定 and records the question's title."""
    asked: list[str] = []

    def ask(_parent: object, title: str, _text: str) -> bool:
        asked.append(title)
        return True

    monkeypatch.setattr(prompts, "ask", ask)
    return asked


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
    opened: list[AnnualTab] = []

    def _open(context: AppContext) -> AnnualTab:
        tab = AnnualTab(context, today=lambda: TODAY)
        tab.resize(1300, 820)
        tab.show()
        qtbot.waitExposed(tab)
        wait(qtbot, tab.report)
        wait(qtbot, tab.statistics)
        wait(qtbot, tab.website)
        opened.append(tab)
        return tab

    yield _open
    # A task still running would report to a deleted tab (its progress dialog is the tab's child).
    for tab in opened:
        for task in (tab.report.task, tab.statistics.task, tab.report.export.task, tab.statistics.export_task,
                     tab.website.task):
            if task is not None:
                qtbot.waitUntil(lambda task=task: task.is_finished, timeout=20_000)
        tab.close()
        tab.deleteLater()
    opened.clear()
