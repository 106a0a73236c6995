"""Print-ready Excel registers (openpyxl): one title row, one header row, then data.

`write_table` works on both ordinary and write-only worksheets. Registers reach 10,000+
rows, so the write-only path keeps per-cell work close to a bare `ws.append(values)`:
plain values go to openpyxl untouched, and only cells that need it (text that openpyxl
would turn into a formula or an error value, wrapped text columns) become cell objects.
Data-cell borders come from printing gridlines, not from a style on every cell, which
would make the export roughly twice as slow.

Reading lives in `reports.xlsx_read`; `read_table` is re-exported here for convenience.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Collection, Iterable, Sequence
from decimal import Decimal
from typing import Any, TypeAlias

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from reports.xlsx_read import SheetTable, read_table

__all__ = ["CellValue", "SheetTable", "read_table", "write_table"]

CellValue: TypeAlias = str | int | float | Decimal | bool | dt.date | dt.datetime | None
AnySheet: TypeAlias = Worksheet | WriteOnlyWorksheet

# openpyxl turns "=…" into a formula and "#N/A"-like text into an error value; Excel turns
# "+…", "-…" and "@…" into formulas when a user edits the cell. Such text is stored as an
# explicit string with Excel's quotePrefix flag, which keeps it text even after editing.
_RISKY_FIRST = frozenset("=+-@#")
_MAX_CELL_TEXT = 32767  # Excel's limit; longer text makes Excel "repair" the file.
CUT_MARK = "……（超过 Excel 单元格 32767 字的上限，以下未导出，请查看系统中的原文）"

_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill(fill_type="solid", start_color="D9D9D9", end_color="D9D9D9")
_HEADER_FONT = Font(name="宋体", bold=True, size=11)
_HEADER_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)
_TITLE_FONT = Font(name="宋体", bold=True, size=16)
_TITLE_ALIGN = Alignment(horizontal="center", vertical="center")
_WRAP_ALIGN = Alignment(wrap_text=True)
_FOOTER = "第 &P 页 共 &N 页"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
_LINE_HEIGHT_PT = 16.0  # one wrapped line of 11 pt CJK text, with room for taller fallback fonts


def new_workbook(first_sheet_title: str) -> tuple[Workbook, Worksheet]:
    """A workbook whose first (active) sheet is named; openpyxl types `active` as optional."""
    wb = Workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet)
    ws.title = first_sheet_title
    return wb, ws


def write_table(
    ws: AnySheet,
    title: str | None,
    headers: Sequence[str],
    rows: Iterable[Sequence[CellValue]],
    widths: Sequence[float] | None = None,
    *,
    wrap_columns: Collection[int] = (),
    footer_note: str = "",
) -> int:
    """Write a register: optional title row, header row, data rows; returns the data row count.

    `title=None` puts the header in row 1 (the exchange format of REGISTER.md). `widths`
    are Excel column widths (about one per Latin character, two per Chinese character);
    None derives them from the headers. `wrap_columns` (0-based) wrap long text when
    printed. Every `str` value is stored as text, never as a formula; dates become real
    Excel dates shown as yyyy-mm-dd, date-times as yyyy-mm-dd hh:mm. For a write-only worksheet this must be
    the first thing written to it. `footer_note` (the audit code) is printed at the left of the footer.
    """
    ncols = len(headers)
    if ncols == 0:
        raise ValueError("write_table needs at least one header")
    if widths is not None and len(widths) != ncols:
        raise ValueError(f"{len(widths)} widths for {ncols} headers")
    header_row = 2 if title else 1
    last_col = get_column_letter(ncols)
    widths = list(widths) if widths is not None else [_width_for(h) for h in headers]
    _setup_sheet(ws, header_row, widths)
    if footer_note:
        ws.oddFooter.left.text = footer_note.replace("&", "&&")  # & starts an Excel footer code
        ws.oddFooter.left.size = 8
    wrap = tuple(i in wrap_columns for i in range(ncols))
    if isinstance(ws, WriteOnlyWorksheet):
        _write_only_title_and_header(ws, title, headers, last_col)
        try:
            count = _write_only_rows(ws, rows, ncols, wrap, widths, header_row + 1)
        except BaseException:
            # Finish openpyxl's half-written stream now; left to the garbage collector, its
            # generators close out of order and print "Exception ignored" tracebacks.
            with contextlib.suppress(Exception):
                ws.close()
            raise
    else:
        _title_and_header(ws, title, headers, last_col)
        count = _normal_rows(ws, rows, ncols, wrap, widths, header_row + 1)
    ws.auto_filter.ref = f"A{header_row}:{last_col}{header_row + count}"
    return count


def clean_text(value: str) -> str:
    """Text as Excel can store it: no XML-illegal control characters, at most 32,767 chars. A longer
    text (the program's own forms never allow one) is cut visibly, never silently."""
    if ILLEGAL_CHARACTERS_RE.search(value):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return value if len(value) <= _MAX_CELL_TEXT else value[:_MAX_CELL_TEXT - len(CUT_MARK)] + CUT_MARK


def _width_for(header: str) -> float:
    # East-Asian characters are about two Latin characters wide in Excel's width unit.
    units = sum(2 if ord(ch) > 0x2E7F else 1 for ch in header)
    return float(min(max(units + 4, 10), 50))


def _setup_sheet(ws: AnySheet, header_row: int, widths: Sequence[float]) -> None:
    # Write-only sheets emit column widths and panes with the first row: set them first.
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = f"A{header_row + 1}"
    ws.print_title_rows = f"{header_row}:{header_row}"
    setup = ws.page_setup
    setup.orientation = Worksheet.ORIENTATION_LANDSCAPE
    setup.paperSize = Worksheet.PAPERSIZE_A4
    setup.fitToWidth = 1
    setup.fitToHeight = 0  # 0 = as many pages tall as needed
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.print_options.gridLines = True
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.7, header=0.3, footer=0.3)
    ws.oddFooter.center.text = _FOOTER
    ws.oddFooter.center.size = 9


def _style_title(cell: Cell) -> None:
    cell.font = _TITLE_FONT
    cell.alignment = _TITLE_ALIGN


def _style_header(cell: Cell) -> None:
    cell.font = _HEADER_FONT
    cell.fill = _HEADER_FILL
    cell.border = _BOX
    cell.alignment = _HEADER_ALIGN


def _as_text(cell: Cell, value: str) -> None:
    cell.value = value
    cell.data_type = "s"  # undo openpyxl's "=…" → formula / "#N/A" → error inference
    if value and value[0] in _RISKY_FIRST:
        cell.quotePrefix = True


def _write_only_title_and_header(ws: WriteOnlyWorksheet, title: str | None, headers: Sequence[str],
                                 last_col: str) -> None:
    if title:
        ws.row_dimensions[1].height = 30
        cell = WriteOnlyCell(ws)
        _as_text(cell, clean_text(title))
        _style_title(cell)
        ws.append([cell])
        ws.merged_cells.add(f"A1:{last_col}1")
    header_cells = []
    for text in headers:
        cell = WriteOnlyCell(ws)
        _as_text(cell, clean_text(text))
        _style_header(cell)
        header_cells.append(cell)
    ws.append(header_cells)


def _title_and_header(ws: Worksheet, title: str | None, headers: Sequence[str], last_col: str) -> None:
    row = 1
    if title:
        _as_text(ws.cell(row=1, column=1), clean_text(title))
        _style_title(ws.cell(row=1, column=1))
        ws.merge_cells(f"A1:{last_col}1")
        ws.row_dimensions[1].height = 30
        row = 2
    for col, text in enumerate(headers, start=1):
        cell = ws.cell(row=row, column=col)
        _as_text(cell, clean_text(text))
        _style_header(cell)


def _check_width(values: Sequence[Any], ncols: int, index: int) -> None:
    if len(values) != ncols:
        raise ValueError(f"data row {index} has {len(values)} values for {ncols} columns")


def _wrapped_lines(text: str, width: float) -> int:
    """Lines `text` takes in a wrapped column `width` units wide (estimate).

    LibreOffice and WPS do not grow rows for wrapped text when they open a file (Excel
    does), so without an explicit height a printed register shows one line per case.
    GBK byte length is a fast stand-in for display width: Chinese characters 2, Latin 1.
    """
    per_line = max(width - 1.5, 1.0)
    lines = 0
    for part in text.split("\n"):
        units = len(part.encode("gbk", errors="replace"))
        lines += max(1, -int(-units // per_line))
    return lines


def _write_only_rows(ws: WriteOnlyWorksheet, rows: Iterable[Sequence[CellValue]], ncols: int,
                     wrap: tuple[bool, ...], widths: Sequence[float], first_row: int) -> int:
    # One reusable wrapped cell per wrap column: a write-only row is serialised inside
    # ws.append, so the same cell object can carry the next row's value afterwards.
    pool: list[WriteOnlyCell | None] = [None] * ncols
    for i, flag in enumerate(wrap):
        if flag:
            pooled = WriteOnlyCell(ws)
            pooled.alignment = _WRAP_ALIGN
            pool[i] = pooled
    has_wrap = any(wrap)
    count = 0
    for count, values in enumerate(rows, start=1):
        _check_width(values, ncols, count)
        out: list[Any] = list(values)
        lines = 1
        for i, value in enumerate(out):
            if not isinstance(value, str):
                if type(value) is dt.datetime:  # minutes, not openpyxl's h:mm:ss, so narrow columns show it
                    stamp = WriteOnlyCell(ws, value)
                    stamp.number_format = DATETIME_FORMAT
                    out[i] = stamp
                continue
            if ILLEGAL_CHARACTERS_RE.search(value) or len(value) > _MAX_CELL_TEXT:
                value = out[i] = clean_text(value)
            if has_wrap and wrap[i] and (len(value) * 2 > widths[i] - 1.5 or "\n" in value):
                lines = max(lines, _wrapped_lines(value, widths[i]))
            if value and value[0] in _RISKY_FIRST:
                cell = WriteOnlyCell(ws)
                _as_text(cell, value)
                if wrap[i]:
                    cell.alignment = _WRAP_ALIGN
                out[i] = cell
            elif has_wrap and (pooled := pool[i]) is not None:
                pooled.value = value
                out[i] = pooled
        if lines > 1:  # row heights are written with the row, so set before appending
            ws.row_dimensions[first_row + count - 1].height = lines * _LINE_HEIGHT_PT
        ws.append(out)
    return count


def _normal_rows(ws: Worksheet, rows: Iterable[Sequence[CellValue]], ncols: int,
                 wrap: tuple[bool, ...], widths: Sequence[float], first_row: int) -> int:
    count = 0
    for count, values in enumerate(rows, start=1):
        _check_width(values, ncols, count)
        row = first_row + count - 1
        lines = 1
        for col, value in enumerate(values, start=1):
            if value is None:
                continue
            cell = ws.cell(row=row, column=col)
            if isinstance(value, str):
                _as_text(cell, clean_text(value))
            else:
                cell.value = value
                if type(value) is dt.datetime:
                    cell.number_format = DATETIME_FORMAT
            if wrap[col - 1]:
                cell.alignment = _WRAP_ALIGN
                if isinstance(value, str):
                    lines = max(lines, _wrapped_lines(value, widths[col - 1]))
        if lines > 1:
            ws.row_dimensions[row].height = lines * _LINE_HEIGHT_PT
    return count
