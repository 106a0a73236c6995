"""Counting working days backwards (the demo data of all three areas used to do it three ways)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.workdays.calendar import WorkCalendar

CAL = WorkCalendar()


@pytest.mark.parametrize(
    ("end", "n", "expected"),
    [
        # 2024 National Day: 10/1–7 off, Sunday 9/29 and Saturday 10/12 are make-up working days.
        # Before Tuesday 10/8: Monday 9/30 (1), make-up Sunday 9/29 (2), Friday 9/27 (3).
        (date(2024, 10, 8), 1, date(2024, 9, 30)),
        (date(2024, 10, 8), 2, date(2024, 9, 29)),
        (date(2024, 10, 8), 3, date(2024, 9, 27)),
        # n = 0: the day itself when it is a working day, else the last working day before it —
        # Thursday 10/3 is a holiday, so Monday 9/30.
        (date(2024, 10, 8), 0, date(2024, 10, 8)),
        (date(2024, 10, 3), 0, date(2024, 9, 30)),
        # Across New Year into a year the calendar had not built yet: Tuesday 2025-01-02 → 2024-12-31.
        (date(2025, 1, 2), 1, date(2024, 12, 31)),
    ],
)
def test_hand_counted(end: date, n: int, expected: date) -> None:
    assert WorkCalendar().subtract_workdays(end, n) == expected


@settings(deadline=None)  # the first call builds whole years of the calendar
@given(st.dates(min_value=date(2005, 1, 1), max_value=date(2030, 12, 31)), st.integers(0, 60))
def test_agrees_with_stepping_back_one_day_at_a_time(end: date, n: int) -> None:
    day, count = end, 0
    while count < n or not CAL.is_workday(day):
        day -= timedelta(days=1)
        count += CAL.is_workday(day)
    assert CAL.subtract_workdays(end, n) == day


def test_inverse_of_adding() -> None:
    start = date(2024, 9, 27)
    assert CAL.subtract_workdays(CAL.add_workdays(start, 20), 20) == start
