"""Fixtures for the 网站年报 GUI tests: Qt set up like the real program, the prepared 2025, and the
blocking questions answered by the test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.auth.roles import Role
from app.bootstrap import Database
from app.context import Actor
from tests.ui_annual.annual_helpers import wait
from ui.annual import prompts
from ui.annual.tab import AnnualTab
from ui.app_setup import configure_application
from ui.context import AppContext

TODAY = date(2026, 1, 20)  # the report for 2025 is published in January


@pytest.fixture(scope="session", autouse=True)
def _configured_qapp(qapp: QApplication) -> QApplication:
    configure_application(qapp)
    return qapp


@pytest.fixture(autouse=True)
def _close_windows() -> Iterator[None]:
    yield
    for w in QApplication.topLevelWidgets():
        if w.isVisible():
            w.close()


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []

    def ask(_parent: object, title: str, _text: str) -> bool:
        asked.append(title)
        return True

    monkeypatch.setattr(prompts, "ask", ask)
    return asked


@pytest.fixture
def ctx(db: Database, make_user: Callable[..., Actor]) -> AppContext:
    """The information centre's section head: may type the figures and lock the year."""
    return AppContext(db, make_user("zhuren", Role.EDITOR, Role.SECTION_HEAD, display_name="李主任"))


@pytest.fixture
def open_tab(qtbot: QtBot) -> Iterator[Callable[[AppContext], AnnualTab]]:
    opened: list[AnnualTab] = []

    def _open(context: AppContext) -> AnnualTab:
        tab = AnnualTab(context, today=lambda: TODAY)
        tab.resize(1300, 740)
        tab.show()
        qtbot.waitExposed(tab)
        for page in (tab.report, tab.statistics, tab.website):
            wait(qtbot, page)
        opened.append(tab)
        return tab

    yield _open
    for tab in opened:
        for task in (tab.report.task, tab.statistics.task, tab.website.task):
            if task is not None:
                qtbot.waitUntil(lambda task=task: task.is_finished, timeout=20_000)
        tab.close()
        tab.deleteLater()
    opened.clear()
