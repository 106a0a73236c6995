"""Times are stored as naive UTC (app.db.base.utcnow) and shown and typed as this PC's local time.

The one place that converts between the two, for screens, registers and filters.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import overload


@overload
def to_local(value: datetime) -> datetime: ...
@overload
def to_local(value: None) -> None: ...
@overload
def to_local(value: datetime | None) -> datetime | None: ...
def to_local(value: datetime | None) -> datetime | None:
    """Naive UTC (as stored) to naive local time of this PC."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


@overload
def to_utc(value: datetime) -> datetime: ...
@overload
def to_utc(value: None) -> None: ...
@overload
def to_utc(value: datetime | None) -> datetime | None: ...
def to_utc(value: datetime | None) -> datetime | None:
    """Local time (naive, as typed) or an aware time to naive UTC, for storing."""
    if value is None:
        return None
    return value.astimezone(UTC).replace(tzinfo=None)  # a naive value is taken as local time


def local_date(value: datetime) -> date:
    """The office's own calendar day of a stored (naive UTC) time."""
    return to_local(value).date()


def local_text(value: datetime | None) -> str:
    """2024-05-06 14:30 in local time; empty for no time."""
    local = to_local(value)
    return local.strftime("%Y-%m-%d %H:%M") if local else ""


def local_day_start_utc(day: date) -> datetime:
    """The naive-UTC instant at which the local calendar day `day` begins."""
    return to_utc(datetime.combine(day, time.min))
