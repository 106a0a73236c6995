"""本案进程 (issue 17): every event of the case is listed, oldest first, the newest in view."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from pytestqt.qtbot import QtBot

from ui.cases.flow_panel import FlowPanel

pytestmark = pytest.mark.gui


def test_all_events_are_listed_and_the_newest_is_in_view(qtbot: QtBot) -> None:
    panel = FlowPanel()
    qtbot.addWidget(panel)
    panel.resize(1000, 300)  # the 流程图 tab at 1280×800 held only four painted events
    panel.show()
    start = date(2026, 9, 1)
    events = [(start + timedelta(days=i), f"第 {i + 1} 件事") for i in range(30)]
    panel.set_facts(None, list(reversed(events)))  # handed over in any order
    qtbot.wait(10)
    texts = panel.event_texts()
    assert len(texts) == 30
    assert texts[0] == "2026-09-01  第 1 件事" and texts[-1] == "2026-09-30  第 30 件事"
    view = panel.events
    newest = view.visualRect(panel.model.index(29, 0))
    assert view.viewport().rect().contains(newest)  # scrolled so the newest is visible
    assert view.verticalScrollBar().maximum() > 0  # the earliest are above, reachable by scrolling
    assert panel.model.item(0).toolTip() == texts[0]
