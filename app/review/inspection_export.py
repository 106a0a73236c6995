"""The daily inspection log (日常读网巡检记录, rule A 第十八、十九条) for a month or a year, to Excel.

Inspectors and reviewers print it for the file and for the annual website report; 是/否 are
written out rather than ticks so the printed sheet reads without a legend. Working days with no
record are listed under the table, because a missing day is what an inspection asks about.
The sheet is written by reports/inspection_log.py from plain rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from app.atomic_file import atomic_write
from app.auth.roles import Role
from app.context import Actor
from app.errors import ValidationError
from app.export_progress import CancelFlag, Progress, tick
from app.export_unit import record_export
from app.review.inspections import inspections_between, missed_days
from app.review.models import Inspection
from app.settings import get_setting
from app.workdays.service import load_calendar
from app.year_register import check_xlsx
from app.years import check_year, month_bounds, year_bounds
from reports.inspection_log import HEADERS as HEADERS
from reports.inspection_log import write_inspection_log

EXPORT_ROLES = (Role.EDITOR, Role.SECTION_HEAD, Role.LEADER_IN_CHARGE, Role.PRINCIPAL_LEADER, Role.ADMIN)
STEP = 50


def yes_no(value: bool) -> str:
    return "是" if value else "否"


def period(year: int, month: int | None) -> tuple[date, date, str]:
    """First and last day of the month (or year), and how the title names it."""
    check_year(year)
    if month is None:
        return (*year_bounds(year), f"{year}年")
    if not 1 <= month <= 12:
        raise ValidationError(f"月份“{month}”不对，请写 1 到 12。", field="month")
    first, last = month_bounds(year, month)
    return first, last, f"{year}年{month}月"


def row_values(row: Inspection) -> list[Any]:
    return [
        row.day, row.inspector_name, yes_no(row.site_reachable), yes_no(row.links_ok), yes_no(row.columns_updated),
        yes_no(row.content_ok), row.checked_notes, row.problems, row.correction, row.corrected_on,
    ]


def export_inspections(
    session: Session,
    actor: Actor,
    path: str | Path,
    year: int,
    month: int | None = None,
    *,
    today: date | None = None,
    progress: Progress | None = None,
    cancel: CancelFlag | None = None,
) -> int:
    """Write the inspection records of the month (or the whole year) to `path` (.xlsx); returns the count."""
    actor.require(*EXPORT_ROLES)
    first, last, scope = period(year, month)
    target = check_xlsx(path)
    rows_in = inspections_between(session, first, last)
    total = len(rows_in)
    title = f"{get_setting(session, 'org.government_name')}门户网站（政务新媒体）日常巡检记录（{scope}）"
    # As the dashboard counts them: today and a future part of the period are not gaps, nor are
    # days before the program was installed.
    missing = missed_days(session, load_calendar(session), first, last, today or date.today())

    def rows() -> Iterator[list[Any]]:
        for done, row in enumerate(rows_in, start=1):
            yield row_values(row)
            if done % STEP == 0:
                tick(done, total, progress, cancel)

    tick(0, total, progress, cancel)
    atomic_write(target, lambda tmp: write_inspection_log(tmp, title, rows(), missing))
    if progress is not None:
        progress(total, total)
    record_export(session, actor, "inspection_log", scope,
           after={"文件": target.name, "条数": total, "范围": title},
           summary=f"导出日常巡检记录 {scope} {total} 条（{target.name}）")
    return total
