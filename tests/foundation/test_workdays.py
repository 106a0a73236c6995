"""Deadlines across the State Council's 2024–2026 arrangements, overrides and unknown years."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.workdays.calendar import WorkCalendar


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    return WorkCalendar()


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        # Fri 2024-09-20: 9/23–27, Sun 9/29 (make-up), 9/30, [10/1–7 off], 10/8–11, Sat 10/12 (make-up),
        # 10/14–18, 10/21–23 → the 20th is Wed 2024-10-23.
        (date(2024, 9, 20), date(2024, 10, 23)),
        # Sat 2025-01-25: Sun 1/26 (make-up) 1, 1/27 2, [1/28–2/4 off], 2/5–7 3–5, Sat 2/8 (make-up) 6,
        # 2/10–14 7–11, 2/17–21 12–16, 2/24–27 17–20 → Thu 2025-02-27.
        (date(2025, 1, 25), date(2025, 2, 27)),
        # Sat 2026-02-14 is itself a make-up working day but the start day is never counted:
        # [2/15–23 off], 2/24–27 1–4, Sat 2/28 (make-up) 5, 3/2–6 6–10, 3/9–13 11–15, 3/16–20 16–20.
        (date(2026, 2, 14), date(2026, 3, 20)),
        # Plain weeks without holidays: Mon 2024-03-04 → 20 working days later is Mon 2024-04-01.
        (date(2024, 3, 4), date(2024, 4, 1)),
        # Wed 2026-09-23: 9/24 1, [9/25–27 off], 9/28–30 2–4, [10/1–7 off], 10/8–9 5–6, Sat 10/10
        # (make-up) 7, 10/12–16 8–12, 10/19–23 13–17, 10/26–28 18–20.
        (date(2026, 9, 23), date(2026, 10, 28)),
    ],
)
def test_twentieth_working_day(cal: WorkCalendar, start: date, expected: date) -> None:
    assert cal.add_workdays(start, 20) == expected
    assert cal.deadline(start).confirmed


def test_make_up_days_and_holidays_are_classified(cal: WorkCalendar) -> None:
    assert cal.is_workday(date(2024, 9, 29))  # Sunday, make-up
    assert not cal.is_workday(date(2024, 10, 2))  # National Day
    assert cal.is_workday(date(2026, 10, 10))  # Saturday, make-up
    assert not cal.is_workday(date(2026, 6, 19))  # Dragon Boat, a Friday
    assert not cal.is_workday(date(2025, 5, 31))  # Saturday, plain weekend


def test_explanation_names_holidays_and_makeup_days(cal: WorkCalendar) -> None:
    d = cal.deadline(date(2024, 9, 20))
    assert date(2024, 10, 1) in d.holidays_passed
    assert date(2024, 10, 7) in d.holidays_passed
    assert d.makeup_days_passed == (date(2024, 9, 29), date(2024, 10, 12))
    text = d.explain()
    assert "国庆节" in text
    assert "9月29日" in text and "10月12日" in text
    assert "2024年10月23日" in text


def test_workdays_between(cal: WorkCalendar) -> None:
    assert cal.workdays_between(date(2024, 9, 20), date(2024, 10, 23)) == 20
    assert cal.workdays_between(date(2024, 10, 1), date(2024, 10, 7)) == 0
    assert cal.workdays_between(date(2024, 10, 8), date(2024, 10, 8)) == 0


def test_administrator_override_wins() -> None:
    # The office is told that 2024-10-23 is an extra day off: the deadline moves one working day.
    cal = WorkCalendar(overrides={date(2024, 10, 23): False})
    assert cal.add_workdays(date(2024, 9, 20), 20) == date(2024, 10, 24)


def test_unknown_year_uses_weekends_and_is_unconfirmed() -> None:
    cal = WorkCalendar()
    d = cal.deadline(date(2026, 12, 20))
    # Sun 12/20 → 12/21–25 (5), 12/28–31 (9), then 2027 unknown: Fri 1/1/2027 counts as a weekday.
    assert d.due == date(2027, 1, 15)
    assert not d.confirmed
    assert d.unconfirmed_years == (2027,)
    assert "未确认" in d.explain()


def test_entered_year_becomes_confirmed() -> None:
    cal = WorkCalendar(overrides={date(2027, 1, 1): False}, confirmed_years=[2027])
    d = cal.deadline(date(2026, 12, 20))
    assert d.confirmed
    assert d.due == date(2027, 1, 18)


@given(st.dates(min_value=date(2005, 1, 1), max_value=date(2030, 12, 31)), st.integers(1, 60))
def test_nth_workday_is_a_workday_with_n_workdays_in_between(start: date, n: int) -> None:
    cal = WorkCalendar()
    due = cal.add_workdays(start, n)
    assert cal.is_workday(due)
    assert cal.workdays_between(start, due) == n
