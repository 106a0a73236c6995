"""One valid year range and one way to say where a year or a month begins and ends."""

from __future__ import annotations

from datetime import date

import pytest

from app.errors import ValidationError
from app.years import check_year, month_bounds, year_bounds


@pytest.mark.parametrize("year", [1900, 2024, 2999])
def test_four_digit_years_are_accepted(year: int) -> None:
    check_year(year)


@pytest.mark.parametrize("year", [24, 1899, 3000, 20240])
def test_other_years_are_refused_with_an_example(year: int) -> None:
    with pytest.raises(ValidationError, match="请写四位年份，例如 2024") as caught:
        check_year(year)
    assert caught.value.field == "year"


def test_bounds() -> None:
    assert year_bounds(2024) == (date(2024, 1, 1), date(2024, 12, 31))
    assert month_bounds(2024, 2) == (date(2024, 2, 1), date(2024, 2, 29))  # a leap year
    assert month_bounds(2025, 12) == (date(2025, 12, 1), date(2025, 12, 31))
