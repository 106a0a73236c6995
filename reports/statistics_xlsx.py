"""The period statistics as one print-ready Excel sheet: totals, by channel, by applicant type, then
the definitions, so a printed copy explains its own numbers."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from app.annual.statistics_data import Figures, GroupFigures, PeriodStatistics
from app.atomic_file import atomic_write
from reports.xlsx_sheet import CellValue, new_workbook, write_table

HEADERS = ("类别", "项目", "收到申请（件）", "办结（件）", "逾期（件）", "平均答复用时（工作日）")
NOTES = (
    "说明：",
    "1. 收到申请：收到申请日期在本期内的申请。",
    "2. 办结：答复日期在本期内的申请（不论办理结果）。",
    "3. 逾期：截至{as_of}仍未答复且已超过答复期限的申请，以及本期内超过答复期限才答复的申请。",
    "4. 平均答复用时：本期办结的申请，自收到申请（经补正的，自收到补正材料）之日起至答复之日的工作日数，"
    "不计征求意见等依法不计入答复期限的时间，取平均值。",
)


def _average(figures: Figures) -> CellValue:
    avg = figures.average_rounded
    return None if avg is None else float(avg)


def _row(group: str, label: str, figures: Figures) -> list[CellValue]:
    return [group, label, figures.received, figures.closed, figures.overdue, _average(figures)]


def table_rows(stats: PeriodStatistics) -> list[list[CellValue]]:
    """The rows of the sheet (also what the tab's table shows, in the same order)."""
    rows = [_row("合计", "全部申请", stats.total)]

    def section(name: str, groups: Sequence[GroupFigures]) -> None:
        rows.extend(_row(name, g.label, g.figures) for g in groups)

    section("按申请方式", stats.by_channel)
    section("按申请人类型", stats.by_applicant)
    return rows


def build(stats: PeriodStatistics) -> Workbook:
    wb, ws = new_workbook("办理情况统计")
    rows = table_rows(stats)
    write_table(ws, stats.title, list(HEADERS), rows, widths=[16, 22, 16, 14, 14, 24])
    ws.page_setup.orientation = "portrait"  # six columns fit an upright A4 page
    ws.cell(1, 1).alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for r in range(3, 3 + len(rows)):
        ws.cell(r, 6).number_format = "0.0"
        if ws.cell(r, 1).value == "合计":
            for c in range(1, 7):
                ws.cell(r, c).font = Font(bold=True)
    # The definitions below the table, merged across its width so they wrap on the printed page.
    first = 3 + len(rows) + 1
    as_of = f"{stats.as_of.year}年{stats.as_of.month}月{stats.as_of.day}日"
    for offset, text in enumerate(NOTES):
        r = first + offset
        cell = ws.cell(r, 1)
        cell.value = text.format(as_of=as_of)
        cell.data_type = "s"
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(HEADERS))
        ws.row_dimensions[r].height = 32 if len(cell.value) > 50 else 18
    ws.print_area = f"A1:F{first + len(NOTES) - 1}"
    return wb


def write_statistics_xlsx(stats: PeriodStatistics, out: Path) -> Path:
    wb = build(stats)
    return atomic_write(out, lambda tmp: wb.save(str(tmp)))
