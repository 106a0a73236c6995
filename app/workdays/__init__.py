"""Working days: the State Council's holiday arrangement plus an administrator's own entries."""

from app.workdays.calendar import Deadline, WorkCalendar

__all__ = ["Deadline", "WorkCalendar"]
