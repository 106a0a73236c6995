"""系统设置 → 节假日: entering a year's arrangement by pasting the notice's dates."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.audit.models import AuditEntry
from app.workdays.models import CalendarDay, CalendarYear
from app.workdays.service import load_calendar
from ui import messages
from ui.admin.calendar_page import CalendarPage
from ui.admin.year_view import DayKind
from ui.context import AppContext

pytestmark = pytest.mark.gui

OFF_2027 = """元旦：2027年1月1日至3日
春节：2月6日—14日
清明节：4月3日至5日
劳动节：5月1日~5日
端午节：6月9日至11日
中秋节、国庆节：10月1日至8日"""
MAKEUP_2027 = "2月20日、4月25日，5/8 9月26日\n2027-10-09"
SOURCE = "国务院办公厅关于2027年部分节假日安排的通知"


@pytest.fixture
def page(shown, ctx: AppContext) -> CalendarPage:  # type: ignore[no-untyped-def]
    return shown(CalendarPage(ctx))  # type: ignore[no-any-return]


def _info_texts(widget: CalendarPage) -> list[str]:
    return [b.text() for b in widget.findChildren(QMessageBox)]


def test_unknown_and_builtin_years_are_labelled(page: CalendarPage) -> None:
    page.year_spin.setValue(2027)
    assert page.status_label.property("kind") == "unknown"
    assert "未确认：仅按周末计算" in page.status_label.text()
    assert page.view.kind_of(date(2027, 2, 8)) is DayKind.WORKDAY  # weekends only
    page.year_spin.setValue(2026)
    assert page.status_label.property("kind") == "builtin"
    assert page.view.kind_of(date(2026, 2, 16)) is DayKind.HOLIDAY  # 春节
    assert page.view.kind_of(date(2026, 2, 15)) is DayKind.HOLIDAY  # a Sunday inside 春节
    assert page.view.kind_of(date(2026, 2, 14)) is DayKind.MAKEUP  # a Saturday worked
    assert page.view.kind_of(date(2026, 3, 7)) is DayKind.WEEKEND
    assert page.off_edit.toPlainText() == ""  # nothing of the office's own to pre-fill


def test_enter_2027_by_pasting(qtbot: QtBot, page: CalendarPage, ctx: AppContext) -> None:
    page.year_spin.setValue(2027)
    page.off_edit.setPlainText(OFF_2027)
    page.makeup_edit.setPlainText(MAKEUP_2027)
    page.source_edit.setText(SOURCE)
    page.update_preview()
    assert page.view.kind_of(date(2027, 2, 8)) is DayKind.HOLIDAY
    assert "预览" in page.preview_label.text()

    with qtbot.waitSignal(page.calendar_saved, timeout=10_000) as saved:
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert saved.args[0] == 2027

    with ctx.reader() as s:
        year = s.get(CalendarYear, 2027)
        assert year is not None and year.source == SOURCE and year.confirmed_by == "guanli"
        days = {d.day: d for d in s.scalars(select(CalendarDay))}
        cal = load_calendar(s)
        actions = list(s.scalars(select(AuditEntry.action).where(AuditEntry.record_type.in_(
            ["calendar_year", "deadlines"]))))
    assert len([d for d in days.values() if not d.is_workday]) == 3 + 9 + 3 + 5 + 3 + 8
    assert days[date(2027, 2, 10)].note == "春节" and not days[date(2027, 2, 10)].is_workday
    assert days[date(2027, 2, 20)].is_workday and days[date(2027, 10, 9)].is_workday
    assert cal.is_known_year(2027) and not cal.is_workday(date(2027, 10, 8))
    assert actions == ["update", "recompute"]

    assert page.status_label.property("kind") == "entered"
    assert "本单位录入" in page.status_label.text() and SOURCE in page.status_label.text()
    assert page.view.kind_of(date(2027, 2, 10)) is DayKind.HOLIDAY
    assert page.view.kind_of(date(2027, 2, 6)) is DayKind.HOLIDAY  # a Saturday inside 春节
    assert page.view.kind_of(date(2027, 2, 20)) is DayKind.MAKEUP
    assert page.view.names[date(2027, 10, 1)] == "中秋节、国庆节"
    assert any("已重新计算" in t for t in _info_texts(page))


def test_existing_entries_are_prefilled(qtbot: QtBot, page: CalendarPage, ctx: AppContext) -> None:
    page.year_spin.setValue(2027)
    page.off_edit.setPlainText("春节：2月6日至14日\n2027-10-01")
    page.makeup_edit.setPlainText("2月20日")
    with qtbot.waitSignal(page.calendar_saved, timeout=10_000):
        page.save()
    fresh = CalendarPage(ctx)
    qtbot.addWidget(fresh)
    fresh.year_spin.setValue(2027)
    assert fresh.off_edit.toPlainText() == "春节：2027-02-06至2027-02-14\n2027-10-01"
    assert fresh.makeup_edit.toPlainText() == "2027-02-20"
    assert not fresh.is_dirty()


def test_bad_token_is_reported_and_nothing_saved(page: CalendarPage, ctx: AppContext) -> None:
    page.year_spin.setValue(2027)
    page.off_edit.setPlainText("2027-01-01\n2月30日")
    page.update_preview()
    assert page.parse_label.isVisibleTo(page) and "2月30日" in page.parse_label.text()
    page.save()
    texts = _info_texts(page)
    assert any("放假日期" in t and "“2月30日”" in t for t in texts)
    with ctx.reader() as s:
        assert s.get(CalendarYear, 2027) is None


def test_dates_of_another_year_are_refused(qtbot: QtBot, page: CalendarPage, ctx: AppContext) -> None:
    page.year_spin.setValue(2027)
    page.off_edit.setPlainText("2028-01-01")
    page.save()  # parses fine; the service refuses it on the worker thread
    qtbot.waitUntil(lambda: not page.busy, timeout=10_000)
    assert any("不属于 2027 年" in t for t in _info_texts(page))
    with ctx.reader() as s:
        assert s.get(CalendarYear, 2027) is None


def test_clear_year_after_confirmation(
    qtbot: QtBot, page: CalendarPage, ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    page.year_spin.setValue(2027)
    page.off_edit.setPlainText("2027-01-01")
    with qtbot.waitSignal(page.calendar_saved, timeout=10_000):
        page.save()
    monkeypatch.setattr(messages, "confirm", lambda *a, **kw: False)
    page.clear()
    with ctx.reader() as s:
        assert s.get(CalendarYear, 2027) is not None
    monkeypatch.setattr(messages, "confirm", lambda *a, **kw: True)
    with qtbot.waitSignal(page.calendar_saved, timeout=10_000):
        page.clear()
    with ctx.reader() as s:
        assert s.get(CalendarYear, 2027) is None
        assert s.scalars(select(CalendarDay)).first() is None
    assert page.status_label.property("kind") == "unknown"
    assert page.off_edit.toPlainText() == ""
