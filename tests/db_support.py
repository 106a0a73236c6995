"""Reading back what the code under test stored, for assertions."""

from __future__ import annotations

from datetime import date
from typing import TypeVar

from app.bootstrap import Database

T = TypeVar("T")


def stored(db: Database, model: type[T], record_id: int) -> T:
    """The record as stored now, detached from its session (its loaded columns stay readable)."""
    with db.session_factory() as s:
        record = s.get(model, record_id)
        assert record is not None
        s.expunge(record)
        return record


DEMO_TODAY = date(2024, 11, 20)  # the day the areas' demo-data tests make their demo year end on


def filled_demo(db: Database, today: date = DEMO_TODAY) -> list[str]:
    """Write every area's demo year ending on `today` into `db`; the filler's summary lines."""
    from app.demo import fill_demo
    from app.workdays.service import load_calendar

    with db.session_factory.begin() as s:
        return fill_demo(s, load_calendar(s), today)
