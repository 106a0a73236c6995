"""The daily inspection log sheet (日常读网巡检记录) from plain rows: every column, 宋体 10 pt, fitted to A4
landscape, 是/否 centred, and the working days with no record listed under the table."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from reports.xlsx_print import BODY_PT, FONT, PrintLayout, lines_for, use_song_font, write_print_table

SHEET_NAME = "日常巡检记录"
HEADERS: tuple[str, ...] = (
    "日期", "巡检人", "网站可访问", "链接正常", "栏目更新", "内容质量", "检查情况", "发现问题", "整改情况", "整改日期",
)
WIDTHS: tuple[float, ...] = (12, 9, 11, 10, 10, 10, 34, 34, 34, 12)
_CENTRE = Alignment(horizontal="center", vertical="center")
_WRAP = frozenset(HEADERS.index(h) for h in ("检查情况", "发现问题", "整改情况"))


def write_inspection_log(tmp: Path, title: str, rows: Iterable[list[Any]], missing: Sequence[date]) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = SHEET_NAME
    use_song_font(wb)
    # The log is filed on paper: every column, 宋体 10 pt, fitted to A4 landscape at full size.
    count = write_print_table(ws, title, HEADERS, rows, WIDTHS, _WRAP, PrintLayout(HEADERS))
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
