"""Working-day arithmetic for every statutory deadline.

A working day is Monday to Friday, minus statutory holidays, plus make-up working days. The
`chinesecalendar` package knows the State Council's arrangements for the years it ships; an
administrator's entries (by date) win over it, and a year known to neither is computed on
weekends alone and flagged as unconfirmed.

"自…之日起N个工作日内": the start day is not counted; the deadline is the N-th working day after
the start. A start on a non-working day simply means the first counted day is the next working
day, which the same rule already gives.
"""

from __future__ import annotations

import threading
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

import chinese_calendar

_BUILTIN_FIRST = min(chinese_calendar.constants.holidays).year
_BUILTIN_LAST = max(chinese_calendar.constants.holidays).year
_ONE_DAY = timedelta(days=1)


def builtin_years() -> range:
    return range(_BUILTIN_FIRST, _BUILTIN_LAST + 1)


@dataclass(frozen=True)
class Deadline:
    """A computed deadline with what an explanation to the user needs."""

    start: date
    days: int
    due: date
    holidays_passed: tuple[date, ...]  # weekdays off between start and due
    makeup_days_passed: tuple[date, ...]  # weekend days worked between start and due
    unconfirmed_years: tuple[int, ...] = ()
    holiday_names: Mapping[date, str] = field(default_factory=dict)

    @property
    def confirmed(self) -> bool:
        return not self.unconfirmed_years

    def explain(self) -> str:
        lines = [f"起算日：{_cn(self.start)}（当日不计入）", f"期限：{self.days} 个工作日，截止 {_cn(self.due)}"]
        if self.holidays_passed:
            lines.append("期间经过的法定节假日（工作日放假）：" + _list(self.holidays_passed, self.holiday_names))
        if self.makeup_days_passed:
            lines.append("期间经过的调休上班日：" + _list(self.makeup_days_passed, {}))
        if not self.holidays_passed and not self.makeup_days_passed:
            lines.append("期间没有节假日或调休。")
        if self.unconfirmed_years:
            years = "、".join(f"{y} 年" for y in self.unconfirmed_years)
            lines.append(f"未确认：{years}的节假日安排尚未录入，本期限仅按周末计算，请管理员在“系统设置→节假日”中录入。")
        return "\n".join(lines)


def _cn(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _list(days: Iterable[date], names: Mapping[date, str]) -> str:
    return "、".join(f"{d.month}月{d.day}日" + (f"（{names[d]}）" if names.get(d) else "") for d in days)


class WorkCalendar:
    """Immutable calendar built from the built-in tables and an office's own entries."""

    def __init__(
        self,
        overrides: Mapping[date, bool] | None = None,
        confirmed_years: Iterable[int] = (),
        notes: Mapping[date, str] | None = None,
    ) -> None:
        self._overrides: dict[date, bool] = dict(overrides or {})
        self._notes: dict[date, str] = dict(notes or {})
        self._confirmed = set(builtin_years()) | set(confirmed_years)
        self._workdays: list[date] = []
        self._first_year: int | None = None
        self._last_year: int | None = None
        # One calendar is shared by every session (see load_calendar), also from worker threads.
        self._lock = threading.Lock()

    # --- single days -------------------------------------------------------------------------
    def is_known_year(self, year: int) -> bool:
        return year in self._confirmed

    def is_workday(self, day: date) -> bool:
        if day in self._overrides:
            return self._overrides[day]
        if _BUILTIN_FIRST <= day.year <= _BUILTIN_LAST:
            return bool(chinese_calendar.is_workday(day))
        return day.weekday() < 5

    def day_name(self, day: date) -> str:
        if self._notes.get(day):
            return self._notes[day]
        if _BUILTIN_FIRST <= day.year <= _BUILTIN_LAST:
            _, name = chinese_calendar.get_holiday_detail(day)
            if name:
                return _HOLIDAY_CN.get(str(name), str(name))
        return ""

    # --- the sorted list of working days, built a year at a time --------------------------------
    def _ensure(self, year: int) -> None:
        if self._first_year is not None and self._last_year is not None and self._first_year <= year <= self._last_year:
            return
        with self._lock:
            self._extend(year)

    def _extend(self, year: int) -> None:
        if self._first_year is None or self._last_year is None:
            self._first_year = self._last_year = year
            self._workdays = self._year_workdays(year)
            return
        while year < self._first_year:
            self._first_year -= 1
            self._workdays[:0] = self._year_workdays(self._first_year)
        while year > self._last_year:
            self._last_year += 1
            self._workdays.extend(self._year_workdays(self._last_year))

    def _year_workdays(self, year: int) -> list[date]:
        day = date(year, 1, 1)
        out = []
        while day.year == year:
            if self.is_workday(day):
                out.append(day)
            day += _ONE_DAY
        return out

    # --- arithmetic ---------------------------------------------------------------------------
    def add_workdays(self, start: date, n: int) -> date:
        """The n-th working day after `start` (start itself not counted); n >= 1."""
        if n < 1:
            raise ValueError("n must be at least 1")
        self._ensure(start.year)
        index = bisect_right(self._workdays, start) + n - 1
        while index >= len(self._workdays):
            assert self._last_year is not None
            self._ensure(self._last_year + 1)
            index = bisect_right(self._workdays, start) + n - 1
        return self._workdays[index]

    def subtract_workdays(self, end: date, n: int) -> date:
        """The n-th working day before `end` (end itself not counted); with n = 0, `end` if it is a
        working day, else the last working day before it."""
        if n < 0:
            raise ValueError("n must not be negative")
        if n == 0 and self.is_workday(end):
            return end
        self._ensure(end.year)
        index = bisect_left(self._workdays, end) - max(n, 1)
        while index < 0:
            assert self._first_year is not None
            self._ensure(self._first_year - 1)
            index = bisect_left(self._workdays, end) - max(n, 1)
        return self._workdays[index]

    def workdays_between(self, start: date, end: date) -> int:
        """Working days d with start < d <= end (0 when end <= start)."""
        if end <= start:
            return 0
        self._ensure(start.year)
        self._ensure(end.year)
        return bisect_right(self._workdays, end) - bisect_right(self._workdays, start)

    def unconfirmed_years_between(self, start: date, end: date) -> tuple[int, ...]:
        lo, hi = min(start, end), max(start, end)
        return tuple(y for y in range(lo.year, hi.year + 1) if not self.is_known_year(y))

    def deadline(self, start: date, n: int = 20) -> Deadline:
        due = self.add_workdays(start, n)
        return self.describe(start, due, n)

    def describe(self, start: date, due: date, n: int) -> Deadline:
        holidays: list[date] = []
        makeups: list[date] = []
        names: dict[date, str] = {}
        day = start + _ONE_DAY
        while day <= due:
            work = self.is_workday(day)
            if day.weekday() < 5 and not work:
                holidays.append(day)
                name = self.day_name(day)
                if name:
                    names[day] = name
            elif day.weekday() >= 5 and work:
                makeups.append(day)
            day += _ONE_DAY
        return Deadline(
            start=start, days=n, due=due,
            holidays_passed=tuple(holidays), makeup_days_passed=tuple(makeups),
            unconfirmed_years=self.unconfirmed_years_between(start, due), holiday_names=names,
        )

    def workdays_in(self, first: date, last: date) -> list[date]:
        self._ensure(first.year)
        self._ensure(last.year)
        return self._workdays[bisect_left(self._workdays, first) : bisect_right(self._workdays, last)]


_HOLIDAY_CN = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利纪念日",
}
