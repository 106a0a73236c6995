"""Fixtures for the 网站年报 GUI tests: Qt set up like the real program, the prepared 2025, and the
blocking questions answered by the test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from app.auth.roles import Role
from app.bootstrap import Database
from app.context import Actor
from tests.ui_annual.annual_tab_fixtures import _close_windows, _configured_qapp, answers, open_tabs
from ui.annual.tab import AnnualTab
from ui.context import AppContext

TODAY = date(2026, 1, 20)  # the report for 2025 is published in January
__all__ = ["_close_windows", "_configured_qapp", "answers"]  # shared fixtures, found by pytest here


@pytest.fixture
def ctx(db: Database, make_user: Callable[..., Actor]) -> AppContext:
    """The information centre's section head: may type the figures and lock the year."""
    return AppContext(db, make_user("zhuren", Role.EDITOR, Role.SECTION_HEAD, display_name="李主任"))


@pytest.fixture
def open_tab(qtbot: QtBot) -> Iterator[Callable[[AppContext], AnnualTab]]:
    yield from open_tabs(qtbot, TODAY, (1300, 740),
                         lambda tab: (tab.report.task, tab.statistics.task, tab.website.task))
