"""年度报告 texts saved on another PC first are not a dead end (issue 19): the parts that differ,
theirs / yours, a choice per part, and the save goes through on the texts as they are now.

The other PC is a second session calling the report service while the page is open.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from app.annual.models import AnnualReport
from app.annual.service import save_texts
from app.bootstrap import Database
from app.cases.models import RequestCase
from app.context import Actor
from tests.ui_annual.annual_helpers import message_boxes
from ui.annual.tab import AnnualTab
from ui.context import AppContext

pytestmark = pytest.mark.gui

OpenTab = Callable[[AppContext], AnnualTab]


def _stored(db: Database) -> tuple[str, str, str]:
    with db.session_factory() as s:
        row = s.get(AnnualReport, 2024)
        assert row is not None
        return row.part1, row.part5, row.part6


def test_texts_changed_on_another_pc_are_merged_part_by_part(
        qtbot: QtBot, db: Database, ctx: AppContext, year_2024: dict[str, RequestCase], open_tab: OpenTab) -> None:
    with db.session_factory.begin() as s:
        save_texts(s, Actor.system(), 2024, "总体情况第一稿。", "问题第一稿。", "其他事项。", 0)
    tab = open_tab(ctx)  # held: an unparented tab is deleted with its last Python reference
    texts = tab.report.texts
    assert texts.texts() == ("总体情况第一稿。", "问题第一稿。", "其他事项。")
    with db.session_factory.begin() as s:  # PC2 rewrites part 1 while this page is open
        row = s.get(AnnualReport, 2024)
        assert row is not None
        save_texts(s, Actor.system(), 2024, "总体情况：另一台电脑改过。", row.part5, row.part6, row.version)
    texts.part5.setPlainText("问题：本机刚写的。")
    qtbot.mouseClick(texts.save_button, Qt.MouseButton.LeftButton)

    conflict = texts.conflict
    assert conflict is not None and conflict.isVisible() and not message_boxes()
    intro = conflict.findChild(QLabel)
    assert intro is not None and "已被其他人修改" in intro.text()
    assert {r.field: (r.label, r.theirs, r.yours) for r in conflict.rows} == {
        "part1": ("一、总体情况", "总体情况：另一台电脑改过。", "总体情况第一稿。"),
        "part5": ("五、存在的主要问题及改进情况", "问题第一稿。", "问题：本机刚写的。"),
    }
    # What this clerk typed is kept; what only the other PC changed is taken from it.
    assert conflict.theirs["part1"].isChecked() and conflict.mine["part5"].isChecked()
    assert _stored(db)[1] == "问题第一稿。"  # nothing saved before the choice
    qtbot.mouseClick(conflict.save_button, Qt.MouseButton.LeftButton)
    assert _stored(db) == ("总体情况：另一台电脑改过。", "问题：本机刚写的。", "其他事项。")
    assert texts.texts() == _stored(db) and not texts.is_dirty()
    assert not message_boxes()
