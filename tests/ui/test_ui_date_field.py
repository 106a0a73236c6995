"""Dates land as typed (issue 19): every date field of the program takes 2026-11-28, 2026/11/28,
20261128 and 2026年11月28日, reached by Tab or by mouse, and gives exactly that date.

QDateEdit, focused by Tab and typed 2026-11-28, gave 2026-12-11 — on the 收到申请日期 that moves the
legal deadline. The first test shows that behaviour so the reason for DateField stays visible.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QDateTime, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDateEdit, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from app.auth.roles import Role
from app.cases.enums import Channel
from tests.ui.date_typing import DATE_FORMS, DATETIME_FORMS, make_reachable, type_and_leave, type_text
from ui.context import AppContext
from ui.date_field import DateField, DateTimeField
from ui.date_text import parse_date, parse_datetime

pytestmark = pytest.mark.gui
TODAY = date(2026, 12, 3)
UI = Path(__file__).resolve().parents[2] / "ui"
_KEEP: list[QWidget] = []


def _row(qtbot: QtBot, *fields: QWidget) -> tuple[QWidget, QLineEdit, QLineEdit]:
    """A window: a line edit, the fields, a line edit — so Tab has somewhere to come from and go to."""
    window = QWidget()
    qtbot.addWidget(window)
    _KEEP[:] = [window]  # the window must outlive this call; the test only holds the fields
    layout = QVBoxLayout(window)
    before = QLineEdit(window)
    layout.addWidget(before)
    for field in fields:  # parented in order, so the Tab order is before → fields → after
        field.setParent(window)
        layout.addWidget(field)
    after = QLineEdit(window)
    layout.addWidget(after)
    window.show()
    qtbot.waitExposed(window)
    return window, before, after


def test_qdateedit_reached_by_tab_turns_2026_11_28_into_another_date(qtbot: QtBot) -> None:
    old = QDateEdit(QDate(2026, 12, 3))
    old.setDisplayFormat("yyyy-MM-dd")
    _row(qtbot, old)
    type_and_leave(old, "2026-11-28", by_mouse=False)
    assert old.date() == QDate(2026, 12, 11)  # the bug DateField exists for


@pytest.mark.parametrize("text", [*DATE_FORMS, "２０２６－１１－２８", "2026.11.28", " 2026-11-28 ", "2026年11月28"])
def test_every_written_form_reads_as_the_same_day(text: str) -> None:
    assert parse_date(text) == date(2026, 11, 28)


@pytest.mark.parametrize("text", ["2026-02-30", "2026-13-01", "26-11-28", "2026112", "202611289", "2026-11", ""])
def test_what_is_not_one_real_date_is_refused(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize("text", DATETIME_FORMS)
def test_date_and_time_forms(text: str) -> None:
    assert parse_datetime(text) == datetime(2026, 11, 28, 9, 30)
    assert parse_datetime("2026-11-28 24:00") is None and parse_datetime("2026-11-28") == datetime(2026, 11, 28)


@pytest.mark.parametrize("by_mouse", [False, True], ids=["tab", "mouse"])
@pytest.mark.parametrize("text", DATE_FORMS)
def test_typed_date_lands_and_one_tab_leaves(qtbot: QtBot, text: str, by_mouse: bool) -> None:
    field = DateField(QDate(2026, 12, 3))
    changes: list[QDate] = []
    field.dateChanged.connect(changes.append)
    _window, _before, after = _row(qtbot, field)
    assert type_and_leave(field, text, by_mouse=by_mouse) is after
    assert field.date() == QDate(2026, 11, 28) and field.text() == "2026-11-28"
    assert changes[-1] == QDate(2026, 11, 28)


def test_a_date_that_does_not_exist_keeps_the_previous_one_and_says_why(qtbot: QtBot) -> None:
    field = DateField(QDate(2026, 12, 3))
    reasons: list[str] = []
    field.input_rejected.connect(reasons.append)
    _row(qtbot, field)
    type_and_leave(field, "2026-02-30", by_mouse=False)
    assert field.date() == QDate(2026, 12, 3) and field.text() == "2026-12-03"
    assert reasons and "2026-02-30" in reasons[0] and "不是有效的日期" in reasons[0]


def test_a_date_after_the_latest_allowed_is_not_taken(qtbot: QtBot) -> None:
    field = DateField(QDate(2026, 12, 3))
    field.setMaximumDate(QDate(2026, 12, 3))
    reasons: list[str] = []
    field.input_rejected.connect(reasons.append)
    _row(qtbot, field)
    type_and_leave(field, "2026-12-04", by_mouse=True)
    assert field.date() == QDate(2026, 12, 3) and reasons == ["日期不能晚于 2026-12-03，已恢复原日期。"]


def test_escape_undoes_the_typing_before_it_reaches_the_dialog(qtbot: QtBot) -> None:
    field = DateField(QDate(2026, 12, 3))
    _row(qtbot, field)
    field.setFocus()
    type_text(field, "2026-11")
    QTest.keyClick(field, Qt.Key.Key_Escape)
    assert field.text() == "2026-12-03" and field.date() == QDate(2026, 12, 3)


@pytest.mark.parametrize("key", ["alt_down", "f4"])
def test_alt_down_and_f4_open_the_calendar_and_a_click_picks_the_day(qtbot: QtBot, key: str) -> None:
    field = DateField(QDate(2026, 12, 3))
    _row(qtbot, field)
    field.setFocus()
    if key == "f4":
        QTest.keyClick(field, Qt.Key.Key_F4)
    else:
        QTest.keyClick(field, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert field.is_calendar_open()
    calendar = field.calendarWidget()
    assert calendar.selectedDate() == QDate(2026, 12, 3)
    calendar.clicked.emit(QDate(2026, 11, 28))
    assert not field.is_calendar_open() and field.date() == QDate(2026, 11, 28)


def test_arrow_keys_move_a_day(qtbot: QtBot) -> None:
    field = DateField(QDate(2026, 12, 31))
    _row(qtbot, field)
    field.setFocus()
    QTest.keyClick(field, Qt.Key.Key_Up)
    assert field.date() == QDate(2027, 1, 1)
    QTest.keyClick(field, Qt.Key.Key_Down)
    QTest.keyClick(field, Qt.Key.Key_Down)
    assert field.date() == QDate(2026, 12, 30)


@pytest.mark.parametrize("by_mouse", [False, True], ids=["tab", "mouse"])
def test_date_and_time_field_takes_every_form(qtbot: QtBot, by_mouse: bool) -> None:
    field = DateTimeField(QDateTime(QDate(2026, 12, 3), QDateTime.currentDateTime().time()))
    _window, _before, after = _row(qtbot, field)
    for text in DATETIME_FORMS:
        field.setDateTime(QDateTime.fromString("2026-12-03 15:00", "yyyy-MM-dd HH:mm"))
        assert type_and_leave(field, text, by_mouse=by_mouse) is after
        assert field.dateTime().toString("yyyy-MM-dd HH:mm") == "2026-11-28 09:30", text


# -- every date field of the program --------------------------------------------------------

def _intake(ctx: AppContext) -> QWidget:
    from ui.cases.intake_form import IntakeForm

    form = IntakeForm(today=TODAY)
    form.channel.setCurrentIndex(form.channel.findData(Channel.LETTER_REGISTERED))  # shows 签收日期 too
    return form


def _event_dialog(ctx: AppContext) -> QWidget:
    from ui.cases.form_dialog import FormDialog

    dialog = FormDialog("补正告知")
    dialog.add_line("what", "需补正内容：")
    dialog.add_date("notice_on", "告知日期：", TODAY)
    return dialog


def _item_form(ctx: AppContext) -> QWidget:
    from ui.disclosure.item_form import ItemFormDialog

    return ItemFormDialog(ctx, today=lambda: TODAY)


def _inspections(ctx: AppContext) -> QWidget:
    from ui.review.inspections_page import InspectionsPage

    return InspectionsPage(ctx, today=lambda: TODAY)


def _audit(ctx: AppContext) -> QWidget:
    from ui.admin.audit_page import AuditPage

    page = AuditPage(ctx)
    page.date_check.setChecked(True)
    return page


def _reply(ctx: AppContext) -> QWidget:
    from ui.cases.reply_panel import ReplyPanel

    return ReplyPanel(ctx, today=lambda: TODAY)


CONTAINERS: dict[str, Callable[[AppContext], QWidget]] = {
    "登记": _intake, "事件对话框": _event_dialog, "公开事项": _item_form, "读网巡检": _inspections,
    "审计记录": _audit, "答复": _reply,
}


@pytest.mark.parametrize("name", list(CONTAINERS))
def test_every_date_field_of_the_form_takes_every_written_form(qtbot: QtBot, make_ctx, name: str) -> None:
    ctx = make_ctx("wangfang", Role.DISCLOSURE_STAFF, Role.EDITOR, Role.ADMIN, display_name="王芳")
    container = CONTAINERS[name](ctx)
    qtbot.addWidget(container)
    container.resize(1200, 760)
    container.show()
    qtbot.waitExposed(container)
    fields = container.findChildren(DateField)
    assert fields, name
    for field in fields:
        make_reachable(field)
        field.setMaximumDate(QDate(2999, 1, 1))  # pages that refuse future days are tested above
        for by_mouse in (False, True):
            for text in DATE_FORMS:
                field.setDate(QDate(2026, 12, 3))
                type_and_leave(field, text, by_mouse=by_mouse)
                assert field.date() == QDate(2026, 11, 28), (name, field.objectName(), text, by_mouse)


def test_the_receipt_date_follows_what_is_typed(qtbot: QtBot) -> None:
    from ui.cases.intake_form import IntakeForm

    form = IntakeForm(today=TODAY)
    _row(qtbot, form)
    type_and_leave(form.submitted_on, "20261128", by_mouse=False)
    # In person: the 收到申请日期 is the day it was handed in (条例第三十一条).
    assert form.received_on.text() == "2026-11-28"


def test_no_form_builds_a_section_editing_date_widget() -> None:
    """Every date field is a DateField/DateTimeField; a QDateEdit would bring the Tab bug back."""
    offenders = [f"{path.relative_to(UI)}" for path in UI.rglob("*.py")
                 if re.search(r"\bQDate(Time)?Edit\(", path.read_text(encoding="utf-8"))]
    assert offenders == []



@pytest.mark.parametrize("by_mouse", [False, True], ids=["tab", "mouse"])
def test_the_reprint_time_starts_empty_and_takes_every_form(qtbot: QtBot, make_ctx, by_mouse: bool) -> None:
    from ui.review.source_section import UNSET, SourceSection

    section = SourceSection(make_ctx("editor1", Role.EDITOR, display_name="李强"))
    qtbot.addWidget(section)
    section.show()
    qtbot.waitExposed(section)
    field = section.reprinted
    assert isinstance(field, DateTimeField)
    assert field.text() == "" and field.placeholderText() == "（未填写）" and field.dateTime() == UNSET
    for text in DATETIME_FORMS:
        field.setDateTime(UNSET)
        type_and_leave(field, text, by_mouse=by_mouse)
        assert field.dateTime().toString("yyyy-MM-dd HH:mm") == "2026-11-28 09:30", text
    field.setFocus()
    field.clear()
    QTest.keyClick(field, Qt.Key.Key_Tab)  # emptied again: back to 未填写, not a made-up time
    assert field.dateTime() == UNSET
