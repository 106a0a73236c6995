"""Fixtures shared by the GUI tests of the 统计报表 tab (年度报告 and 网站年报 pages): Qt set up like the
real program, no window left open between tests, the blocking questions answered by the test.

A conftest imports them by name, which is how pytest finds fixtures outside a conftest."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui_annual.annual_helpers import wait
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


def open_tabs(qtbot: QtBot, today: date, size: tuple[int, int],
              tasks_of: Callable[[AnnualTab], tuple[Any, ...]]) -> Iterator[Callable[[AppContext], AnnualTab]]:
    """The body of an `open_tab` fixture: opens tabs computed as of `today`, then closes them once the
    tasks `tasks_of` names are done (a task still running would report to a deleted tab)."""
    opened: list[AnnualTab] = []

    def _open(context: AppContext) -> AnnualTab:
        tab = AnnualTab(context, today=lambda: today)
        tab.resize(*size)
        tab.show()
        qtbot.waitExposed(tab)
        for page in (tab.report, tab.statistics, tab.website):
            wait(qtbot, page)
        opened.append(tab)
        return tab

    yield _open
    for tab in opened:
        for task in tasks_of(tab):
            if task is not None:
                qtbot.waitUntil(lambda task=task: task.is_finished, timeout=20_000)
        tab.close()
        tab.deleteLater()
    opened.clear()
