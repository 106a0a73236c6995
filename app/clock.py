"""Today's date and the local time, as the program sees them.

The GUI asks its context (`ctx.today()`, `ctx.now()`), so a test or a demonstration can set the
date once (`AppContext(db, actor, clock=FixedClock(datetime(2024, 6, 28, 9, 0)))`) instead of
passing a `today` function to every widget.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol


class Clock(Protocol):
    def today(self) -> date: ...

    def now(self) -> datetime:
        """Local time without a time zone (as typed and shown)."""
        ...


class SystemClock:
    """The computer's own date and time."""

    def today(self) -> date:
        return date.today()

    def now(self) -> datetime:
        return datetime.now()


@dataclass(frozen=True)
class FixedClock:
    """A clock that always says `at` (local time)."""

    at: datetime

    def today(self) -> date:
        return self.at.date()

    def now(self) -> datetime:
        return self.at
