"""Years and periods as the office names them: one valid range, the first and last day of a
year or a month.
"""

from __future__ import annotations

from datetime import date, timedelta

from app.errors import ValidationError

# A year outside this range is a typing error (a two-digit or five-digit year), not a register.
FIRST_YEAR, LAST_YEAR = 1900, 2999


def check_year(year: int) -> None:
    """Refuse a year nobody means, in the words a clerk can act on."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError(f"年份“{year}”不对，请写四位年份，例如 2024。", field="year")


def year_bounds(year: int) -> tuple[date, date]:
    """1 January and 31 December of `year`."""
    return date(year, 1, 1), date(year, 12, 31)


def month_bounds(year: int, month: int) -> tuple[date, date]:
    """The first and last day of `month` in `year`."""
    first = date(year, month, 1)
    return first, date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
