"""The office's calendar as stored in the database, and the administrator's edits to it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.audit.service import record
from app.auth.roles import Role
from app.context import Actor
from app.errors import ValidationError
from app.workdays.calendar import WorkCalendar
from app.workdays.models import CalendarDay, CalendarYear

# Features whose records carry deadlines register a function that recomputes them after a
# calendar change; it returns how many records it changed.
DeadlineRecomputer = Callable[[Session, WorkCalendar], int]
_RECOMPUTERS: dict[str, DeadlineRecomputer] = {}


def register_recomputer(name: str, fn: DeadlineRecomputer) -> None:
    _RECOMPUTERS[name] = fn


_calendar_cache: dict[tuple[object, ...], WorkCalendar] = {}


def load_calendar(session: Session) -> WorkCalendar:
    """The office's calendar. The entries are a few dozen rows a year and cheap to read; the
    working-day lists built from them are not, so a calendar with the same entries is reused."""
    days = session.execute(select(CalendarDay.day, CalendarDay.is_workday, CalendarDay.note)).all()
    years = session.scalars(select(CalendarYear.year)).all()
    key = (tuple(sorted((d, w, n) for d, w, n in days)), tuple(sorted(years)))
    cached = _calendar_cache.get(key)
    if cached is None:
        cached = WorkCalendar(
            overrides={d: w for d, w, _ in days}, confirmed_years=years, notes={d: n for d, _, n in days if n}
        )
        _calendar_cache.clear()
        _calendar_cache[key] = cached
    return cached


def year_entries(session: Session, year: int) -> tuple[list[CalendarDay], CalendarYear | None]:
    rows = session.scalars(
        select(CalendarDay)
        .where(CalendarDay.day >= date(year, 1, 1), CalendarDay.day <= date(year, 12, 31))
        .order_by(CalendarDay.day)
    ).all()
    return list(rows), session.get(CalendarYear, year)


def set_year_arrangement(
    session: Session,
    actor: Actor,
    year: int,
    days_off: Iterable[date],
    makeup_days: Iterable[date],
    source: str = "",
    notes: dict[date, str] | None = None,
) -> dict[str, int]:
    """Replace the office's entries for `year` and mark it confirmed; recompute open deadlines.

    Returns the number of records each registered feature recomputed.
    """
    actor.require(Role.ADMIN)
    off = sorted(set(days_off))
    work = sorted(set(makeup_days))
    for d in [*off, *work]:
        if d.year != year:
            raise ValidationError(f"{d.isoformat()} 不属于 {year} 年，请检查输入。")
    both = set(off) & set(work)
    if both:
        first = min(both).isoformat()
        raise ValidationError(f"{first} 同时被列为放假日和调休上班日，请只保留一种。")
    notes = notes or {}
    before_rows, before_year = year_entries(session, year)
    before = {
        "放假": [r.day.isoformat() for r in before_rows if not r.is_workday],
        "调休上班": [r.day.isoformat() for r in before_rows if r.is_workday],
        "已确认": before_year is not None,
    }
    session.execute(
        delete(CalendarDay).where(CalendarDay.day >= date(year, 1, 1), CalendarDay.day <= date(year, 12, 31))
    )
    for d in off:
        session.add(CalendarDay(day=d, is_workday=False, note=notes.get(d, "")))
    for d in work:
        session.add(CalendarDay(day=d, is_workday=True, note=notes.get(d, "调休上班")))
    if before_year is None:
        session.add(CalendarYear(year=year, source=source, confirmed_by=actor.username))
    else:
        before_year.source = source
        before_year.confirmed_by = actor.username
    session.flush()
    after = {"放假": [d.isoformat() for d in off], "调休上班": [d.isoformat() for d in work], "已确认": True}
    record(session, actor, "update", "calendar_year", year, before=before, after=after,
           summary=f"录入 {year} 年节假日安排：放假 {len(off)} 天，调休上班 {len(work)} 天")
    return recompute_all_deadlines(session, actor, reason=f"{year} 年节假日安排变更")


def clear_year(session: Session, actor: Actor, year: int) -> dict[str, int]:
    """Remove the office's entries for `year` (back to the built-in table or weekends only)."""
    actor.require(Role.ADMIN)
    session.execute(
        delete(CalendarDay).where(CalendarDay.day >= date(year, 1, 1), CalendarDay.day <= date(year, 12, 31))
    )
    session.execute(delete(CalendarYear).where(CalendarYear.year == year))
    session.flush()
    record(session, actor, "delete", "calendar_year", year, summary=f"清除 {year} 年自行录入的节假日安排")
    return recompute_all_deadlines(session, actor, reason=f"清除 {year} 年节假日安排")


def recompute_all_deadlines(session: Session, actor: Actor, reason: str) -> dict[str, int]:
    calendar = load_calendar(session)
    counts = {name: fn(session, calendar) for name, fn in _RECOMPUTERS.items()}
    record(session, actor, "recompute", "deadlines", "*", after=counts,
           summary=f"{reason}，已重新计算所有未办结事项的期限")
    return counts
