"""The daily inspection log (日常读网巡检记录, rule A 第十八、十九条) for a month or a year, to Excel.

Inspectors and reviewers print it for the file and for the annual website report; 是/否 are
written out rather than ticks so the printed sheet reads without a legend. Working days with no
record are listed under the table, because a missing day is what an inspection asks about.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from sqlalchemy.orm import Session

from app.atomic_file import atomic_write
from app.auth.roles import Role
from app.context import Actor
from app.errors import ValidationError
from app.export_progress import CancelFlag, Progress, tick
from app.export_unit import record_export
from app.review.inspections import inspections_between, missed_days
from app.review.models import Inspection
from app.review.register_export import check_xlsx
from app.settings import get_setting
from app.workdays.service import load_calendar
from app.years import check_year, month_bounds, year_bounds
from reports.xlsx_print import BODY_PT, FONT, PrintLayout, lines_for, use_song_font, write_print_table

EXPORT_ROLES = (Role.EDITOR, Role.SECTION_HEAD, Role.LEADER_IN_CHARGE, Role.PRINCIPAL_LEADER, Role.ADMIN)
SHEET_NAME = "日常巡检记录"
STEP = 50

HEADERS: tuple[str, ...] = (
    "日期", "巡检人", "网站可访问", "链接正常", "栏目更新", "内容质量", "检查情况", "发现问题", "整改情况", "整改日期",
)
WIDTHS: tuple[float, ...] = (12, 9, 11, 10, 10, 10, 34, 34, 34, 12)
_CENTRE = Alignment(horizontal="center", vertical="center")
_WRAP = frozenset(HEADERS.index(h) for h in ("检查情况", "发现问题", "整改情况"))


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

    def writer(tmp: Path) -> None:
        wb = Workbook()
        ws = wb.active
        assert ws is not None
        ws.title = SHEET_NAME
        use_song_font(wb)
        # The log is filed on paper: every column, 宋体 10 pt, fitted to A4 landscape at full size.
        count = write_print_table(ws, title, HEADERS, rows(), WIDTHS, _WRAP, PrintLayout(HEADERS))
        for cells in ws.iter_rows(min_row=3, max_row=count + 2, min_col=3, max_col=6):
            for cell in cells:  # 是/否 centred, as ticks would stand in a paper log
                cell.alignment = _CENTRE
        note_row = count + 4  # title, header, data, one blank row, then the note across the table
        days = "、".join(f"{d.month}月{d.day}日" for d in missing) or "无"
        note = ws.cell(row=note_row, column=1, value=f"共 {count} 条巡检记录。没有巡检记录的工作日：{days}")
        note.alignment = Alignment(wrap_text=True, vertical="top")
        ws.merge_cells(start_row=note_row, start_column=1, end_row=note_row, end_column=len(HEADERS))
        # LibreOffice and WPS do not grow a merged row for wrapped text: size it (2 units a character).
        note.font = Font(name=FONT, size=BODY_PT)
        width = sum(ws.column_dimensions[get_column_letter(i)].width for i in range(1, len(HEADERS) + 1))
        ws.row_dimensions[note_row].height = 14 * lines_for(str(note.value), width) + 4
        wb.save(tmp)

    tick(0, total, progress, cancel)
    atomic_write(target, writer)
    if progress is not None:
        progress(total, total)
    record_export(session, actor, "inspection_log", scope,
           after={"文件": target.name, "条数": total, "范围": title},
           summary=f"导出日常巡检记录 {scope} {total} 条（{target.name}）")
    return total
