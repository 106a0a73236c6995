"""The yearly Part 2 form: live 规章 and 行政规范性文件 numbers beside the extra fields, saving, conflicts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.bootstrap import Database
from app.context import Actor
from app.disclosure.enums import DocKind
from app.disclosure.figures import part2, save_year_figures
from ui.context import AppContext
from ui.disclosure.year_figures_page import YearFiguresPage

pytestmark = pytest.mark.gui
TODAY = date(2024, 10, 30)


def test_live_numbers_save_and_conflict(qtbot: QtBot, ctx: AppContext, db: Database, clerk: Actor,
                                        add_item: Callable[..., int]) -> None:
    add_item(doc_kind=DocKind.NORMATIVE, formed_on=date(2024, 3, 1))
    add_item(doc_kind=DocKind.NORMATIVE, formed_on=date(2023, 3, 1))
    page = YearFiguresPage(ctx, today=lambda: TODAY)
    qtbot.addWidget(page)
    assert page.current_year() == 2024
    assert [label.text() for label in page.auto_labels[DocKind.NORMATIVE]] == ["1", "0", "2"]
    assert [label.text() for label in page.auto_labels[DocKind.RULE]] == ["0", "0", "0"]
    page.spins["normative_issued_extra"].setValue(3)
    page.spins["normative_in_force_extra"].setValue(10)
    assert [label.text() for label in page.total_labels[DocKind.NORMATIVE]] == ["4", "0", "12"]
    page.spins["licensing_decisions"].setValue(1286)
    page.fees.setText("三百")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert "须填数字" in page.message.text()
    page.fees.setText("386.52")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.message.text() == "已保存。" and "孙丽" in page.stamp.text()
    with db.session_factory() as s:
        p = part2(s, 2024)
    assert p.normative == (4, 0, 12) and p.licensing == 1286 and p.fees_amount == Decimal("386.52")

    with db.session_factory.begin() as s:  # someone else saves meanwhile
        save_year_figures(s, clerk, 2024, {"licensing_decisions": 1300}, page.expected_version)
    page.spins["punishment_decisions"].setValue(5)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    # Not a dead end (issue 19): the numbers that differ, theirs / yours (test_ui_disclosure_figures_conflict.py).
    assert page.conflict is not None and page.conflict.isVisible()
    page.conflict.reject()
    page.year.setCurrentIndex(page.year.findData(2023))
    assert page.stamp.text() == "本年度尚未填写。" and page.auto_labels[DocKind.NORMATIVE][0].text() == "1"


def test_rules_recorded_as_items_count_beside_their_extra_fields(
        qtbot: QtBot, ctx: AppContext, db: Database, add_item: Callable[..., int]) -> None:
    add_item("锦屏县某某管理规定", doc_kind=DocKind.RULE, formed_on=date(2024, 5, 1))
    add_item("锦屏县另一管理规定", doc_kind=DocKind.RULE, formed_on=date(2021, 5, 1))
    page = YearFiguresPage(ctx, today=lambda: TODAY)
    qtbot.addWidget(page)
    assert [label.text() for label in page.auto_labels[DocKind.RULE]] == ["1", "0", "2"]
    assert [label.text() for label in page.auto_labels[DocKind.NORMATIVE]] == ["0", "0", "0"]
    page.spins["rules_issued"].setValue(1)
    page.spins["rules_in_force"].setValue(4)
    assert [label.text() for label in page.total_labels[DocKind.RULE]] == ["2", "0", "6"]
    assert [label.text() for label in page.total_labels[DocKind.NORMATIVE]] == ["0", "0", "0"]
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.message.text() == "已保存。"
    with db.session_factory() as s:
        assert part2(s, 2024).rules == (2, 0, 6)  # what the page showed is what the report says


def test_read_only_without_the_role(qtbot: QtBot, db: Database, head: Actor) -> None:
    page = YearFiguresPage(AppContext(db=db, actor=head), today=lambda: TODAY)
    qtbot.addWidget(page)
    assert page.save_button.isHidden() and not page.spins["rules_issued"].isEnabled()
    assert page.fees.isReadOnly() and "只读" in page.stamp.text()
