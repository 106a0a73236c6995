"""The annual report as plain values: what the tab shows and reports/annual_report_*.py write."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from app.disclosure.figures_data import Part2

Counts = dict[str, list[int]]  # row key -> numbers per applicant column, then the total


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    message: str
    case_ids: tuple[int, ...] = field(default_factory=tuple)


@dataclass
class ReportData:
    """Everything the tab and the Word/Excel exports show; plain data, no ORM objects."""

    year: int
    org_name: str
    part1: str
    part2: Part2
    part3: Counts
    part4: list[int]
    part5: str
    part6: str
    fees: Decimal
    checks: list[CheckResult]
    locked: bool = False
    differences: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{self.org_name}{self.year}年政府信息公开工作年度报告"

    @property
    def checks_ok(self) -> bool:
        return all(c.ok for c in self.checks)
