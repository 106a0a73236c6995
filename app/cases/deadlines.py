"""The reply deadline of a request case (REGISTER.md "Deadline arithmetic", RULES.md C.4–C.8).

- start = the day the supplement arrived (补正收到日期) if there is one, else 收到申请日期;
- due = the 20th working day after start;
- consultation days are not counted: each working day d with 发出日期 < d ≤ 收回日期 is added
  (an unanswered consultation pauses the clock up to `today`); overlapping consultations pause once;
- the fee period pauses the clock the same way when the office's setting says so;
- an extension adds 20 working days.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from app.workdays.calendar import WorkCalendar

REPLY_DAYS = 20
EXTENSION_DAYS = 20
CORRECTION_NOTICE_DAYS = 7


@dataclass(frozen=True)
class Pause:
    start: date  # exclusive
    end: date | None  # inclusive; None = still running
    reason: str


@dataclass(frozen=True)
class DeadlineInput:
    received_on: date
    correction_received_on: date | None = None
    awaiting_correction: bool = False
    pauses: tuple[Pause, ...] = ()
    extended: bool = False


@dataclass(frozen=True)
class CaseDeadline:
    due: date | None  # None while the office waits for a supplement (the clock has not started)
    start: date
    base_due: date
    paused_days: int
    extension_days: int
    unconfirmed_years: tuple[int, ...] = ()
    pause_lines: tuple[str, ...] = field(default_factory=tuple)

    @property
    def confirmed(self) -> bool:
        return not self.unconfirmed_years


def paused_workdays(calendar: WorkCalendar, pauses: Iterable[Pause], today: date) -> set[date]:
    days: set[date] = set()
    for p in pauses:
        end = p.end or today
        if end > p.start:
            days.update(calendar.workdays_in(p.start.fromordinal(p.start.toordinal() + 1), end))
    return days


def compute(calendar: WorkCalendar, data: DeadlineInput, today: date) -> CaseDeadline:
    start = data.correction_received_on or data.received_on
    base_due = calendar.add_workdays(start, REPLY_DAYS)
    paused = paused_workdays(calendar, data.pauses, today)
    # Only pauses after the clock started count; a pause before `start` changed nothing.
    paused = {d for d in paused if d > start}
    extra = EXTENSION_DAYS if data.extended else 0
    total = REPLY_DAYS + len(paused) + extra
    due = None if data.awaiting_correction else calendar.add_workdays(start, total)
    lines = tuple(
        f"{p.reason}：{p.start.isoformat()} 至 {(p.end or today).isoformat()}" + ("（进行中）" if p.end is None else "")
        for p in data.pauses
    )
    last = due or base_due
    return CaseDeadline(
        due=due, start=start, base_due=base_due, paused_days=len(paused), extension_days=extra,
        unconfirmed_years=calendar.unconfirmed_years_between(start, last), pause_lines=lines,
    )


def correction_notice_latest(calendar: WorkCalendar, received_on: date) -> date:
    """补正 must be notified within 7 working days of receipt."""
    return calendar.add_workdays(received_on, CORRECTION_NOTICE_DAYS)
