"""Read a date (or date and time) the way clerks type it: 2026-11-28, 2026/11/28, 20261128, 2026年11月28日.

Pure functions so the rules can be tested without widgets. Full-width digits and separators (from a
Chinese input method) count as their ASCII forms. A year needs four digits: "26-11-28" is refused
rather than guessed, because a guessed century on a 收到申请日期 would move a legal deadline silently.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

DATE_FORMAT = "%Y-%m-%d"
DATETIME_FORMAT = "%Y-%m-%d %H:%M"
EXAMPLE_DATE = "2026-11-28"
EXAMPLE_DATETIME = "2026-11-28 09:30"

# Full-width forms an input method produces, mapped to what the patterns expect.
_NORMALISE = str.maketrans("０１２３４５６７８９／－．：　", "0123456789/-.: ")
_SEP = r"\s*[-/.年]\s*"
_DATE_SEPARATED = rf"(?P<y>\d{{4}}){_SEP}(?P<m>\d{{1,2}})\s*[-/.月]\s*(?P<d>\d{{1,2}})\s*日?"
_DATE_COMPACT = r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})"
_TIME = r"(?P<H>\d{1,2})\s*[:时点]\s*(?P<M>\d{1,2})\s*分?"
_TIME_COMPACT = r"(?P<H>\d{2})(?P<M>\d{2})"

# Characters a date field lets through; anything else is refused at the keyboard.
ALLOWED_CHARS = "0123456789０１２３４５６７８９-/.年月日 :：时点分－／．　"


def _normalise(text: str) -> str:
    return text.translate(_NORMALISE).strip()


def _make_date(groups: dict[str, str]) -> date | None:
    try:
        return date(int(groups["y"]), int(groups["m"]), int(groups["d"]))
    except ValueError:  # 2026-02-30, month 13 …
        return None


def parse_date(text: str) -> date | None:
    """The date typed, or None when the text is not one whole, real date."""
    t = _normalise(text)
    for pattern in (_DATE_COMPACT, _DATE_SEPARATED):
        match = re.fullmatch(pattern, t)
        if match:
            return _make_date(match.groupdict())
    return None


def parse_datetime(text: str) -> datetime | None:
    """A date and time ("2026-11-28 9:30", "202611280930", "2026年11月28日9时30分"); a date alone is 00:00."""
    t = _normalise(text)
    day = parse_date(t)
    if day is not None:
        return datetime.combine(day, time())
    for pattern in (rf"{_DATE_COMPACT}{_TIME_COMPACT}", rf"{_DATE_COMPACT}\s*T?\s*{_TIME}",
                    rf"{_DATE_SEPARATED}\s*T?\s*{_TIME}"):
        match = re.fullmatch(pattern, t)
        if match:
            groups = match.groupdict()
            d = _make_date(groups)
            hour, minute = int(groups["H"]), int(groups["M"])
            if d is None or hour > 23 or minute > 59:
                return None
            return datetime.combine(d, time(hour, minute))
    return None


def format_date(day: date) -> str:
    return day.strftime(DATE_FORMAT)


def format_datetime(moment: datetime) -> str:
    return moment.strftime(DATETIME_FORMAT)
