"""Monthly, quarterly and yearly request statistics as plain values (reports/statistics_xlsx.py
writes them; app/annual/statistics.py counts them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from app.errors import ValidationError
from app.years import check_year, month_bounds, year_bounds

QUARTER_NAMES = ("第一季度", "第二季度", "第三季度", "第四季度")


@dataclass(frozen=True)
class Period:
    year: int
    month: int | None = None
    quarter: int | None = None

    @property
    def bounds(self) -> tuple[date, date]:
        return period_bounds(self.year, self.month, self.quarter)

    @property
    def label(self) -> str:
        if self.month is not None:
            return f"{self.year}年{self.month}月"
        if self.quarter is not None:
            return f"{self.year}年{QUARTER_NAMES[self.quarter - 1]}"
        return f"{self.year}年"


def period_bounds(year: int, month: int | None = None, quarter: int | None = None) -> tuple[date, date]:
    """First and last day of a month, a quarter or (neither given) the whole year."""
    check_year(year)
    if month is not None and quarter is not None:
        raise ValidationError("请选择月份或季度之一，不能同时选择。", field="period")
    if month is not None:
        if not 1 <= month <= 12:
            raise ValidationError("月份须为 1 至 12。", field="month")
        first, last = month_bounds(year, month)
        return first, last
    if quarter is not None:
        if not 1 <= quarter <= 4:
            raise ValidationError("季度须为 1 至 4。", field="quarter")
        first_month = 3 * quarter - 2
        return period_bounds(year, first_month)[0], period_bounds(year, first_month + 2)[1]
    return year_bounds(year)


@dataclass(frozen=True)
class Figures:
    received: int = 0
    closed: int = 0
    overdue: int = 0
    reply_workdays: int = 0  # summed over the closed cases; the average divides by `closed`

    @property
    def average_workdays(self) -> float | None:
        return self.reply_workdays / self.closed if self.closed else None

    @property
    def average_rounded(self) -> Decimal | None:
        """The average to one decimal, rounded half up as people round (18.25 → 18.3)."""
        if not self.closed:
            return None
        exact = Decimal(self.reply_workdays) / Decimal(self.closed)
        return exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    def __add__(self, other: Figures) -> Figures:
        return Figures(self.received + other.received, self.closed + other.closed,
                       self.overdue + other.overdue, self.reply_workdays + other.reply_workdays)


@dataclass(frozen=True)
class GroupFigures:
    key: str  # the enum value (Channel / ApplicantType)
    label: str
    figures: Figures


@dataclass(frozen=True)
class MonthCount:
    month: int
    received: int
    closed: int


@dataclass(frozen=True)
class PeriodStatistics:
    period: Period
    org_name: str
    as_of: date  # the day "open past due" was judged: the period's end, or today if earlier
    total: Figures
    by_channel: tuple[GroupFigures, ...]
    by_applicant: tuple[GroupFigures, ...]
    monthly: tuple[MonthCount, ...]  # received/closed per month of the period's year (for the chart)

    @property
    def title(self) -> str:
        return f"{self.org_name}{self.period.label}政府信息公开申请办理情况统计"
