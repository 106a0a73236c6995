"""年度统计数据 saved on another PC first are not a dead end (issue 19): the numbers that differ,
theirs / yours, a choice per number, and the save goes through on the figures as they are now.

The other PC is a second session calling the figures service while the page is open.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from app.bootstrap import Database
from app.context import Actor
from app.disclosure.figures import save_year_figures
from app.disclosure.models import YearFigures
from ui.context import AppContext
from ui.disclosure.year_figures_page import YearFiguresPage

pytestmark = pytest.mark.gui
TODAY = date(2024, 10, 30)


def _stored(db: Database) -> YearFigures:
    with db.session_factory() as s:
        row = s.get(YearFigures, 2024)
        assert row is not None
        s.expunge(row)
        return row


def test_figures_changed_on_another_pc_are_merged_number_by_number(
        qtbot: QtBot, ctx: AppContext, db: Database, clerk: Actor) -> None:
    with db.session_factory.begin() as s:
        save_year_figures(s, clerk, 2024, {"licensing_decisions": 1200, "fees_amount": "10.5"}, 0)
    page = YearFiguresPage(ctx, today=lambda: TODAY)
    qtbot.addWidget(page)
    assert page.spins["licensing_decisions"].value() == 1200 and page.fees.text() == "10.5"
    with db.session_factory.begin() as s:  # PC2 corrects 行政许可 and the fee while this page is open
        save_year_figures(s, clerk, 2024, {"licensing_decisions": 1300, "fees_amount": "12"}, 1)
    page.spins["punishment_decisions"].setValue(7)
    page.fees.setText("11")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)

    conflict = page.conflict
    assert conflict is not None and conflict.isVisible()
    intro = conflict.findChild(QLabel)
    assert intro is not None and "已被其他人修改" in intro.text()
    assert {r.field: (r.theirs, r.yours) for r in conflict.rows} == {
        "licensing_decisions": ("1300", "1200"), "punishment_decisions": ("0", "7"), "fees_amount": ("12", "11"),
    }
    # Typed here: kept by default; changed only there: taken from there.
    assert conflict.theirs["licensing_decisions"].isChecked()
    assert conflict.mine["punishment_decisions"].isChecked() and conflict.mine["fees_amount"].isChecked()
    conflict.theirs["fees_amount"].setChecked(True)  # PC2's fee is the right one
    assert _stored(db).punishment_decisions == 0  # nothing saved before the choice
    qtbot.mouseClick(conflict.save_button, Qt.MouseButton.LeftButton)
    row = _stored(db)
    assert (row.licensing_decisions, row.punishment_decisions, row.fees_amount) == (1300, 7, Decimal("12"))
    assert page.message.text() == "已保存。" and page.spins["licensing_decisions"].value() == 1300
