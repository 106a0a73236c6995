"""Print-ready Excel registers (openpyxl): one title row, one header row, then data.

`write_table` works on both ordinary and write-only worksheets. Registers reach 10,000+
rows, so the write-only path writes each row as one XML string (`reports.xlsx_rows`), cheaper
than a bare `ws.append(values)`: plain values unstyled, text that Excel would turn into a formula
or an error value kept text with quotePrefix, wrapped text columns with their alignment.
Data-cell borders come from printing gridlines, not from a style on every cell, which
would make the export roughly twice as slow.

Reading lives in `reports.xlsx_read`; `read_table` is re-exported here for convenience.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any, TypeAlias

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from reports.xlsx_read import SheetTable, read_table
from reports.xlsx_rows import SheetRows, write_sheet_data

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
        if title:
            ws.merged_cells.add(f"A1:{last_col}1")
        count = _write_only_rows(ws, title, headers, rows, wrap, widths)
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


def _write_only_rows(ws: WriteOnlyWorksheet, title: str | None, headers: Sequence[str],
                     rows: Iterable[Sequence[CellValue]], wrap: tuple[bool, ...], widths: Sequence[float]) -> int:
    # Rows go out as XML (reports.xlsx_rows): plain values unstyled, as a bare append writes
    # them; wrapped columns carry the wrap alignment; risky text its quotePrefix.
    out = SheetRows(ws)
    ncols = len(headers)
    title_style = [out.column(font=_TITLE_FONT, alignment=_TITLE_ALIGN)]
    header_style = [out.column(font=_HEADER_FONT, fill=_HEADER_FILL, border=_BOX, alignment=_HEADER_ALIGN)] * ncols
    styles = [out.column(alignment=_WRAP_ALIGN if flag else None, datetime_format=DATETIME_FORMAT) for flag in wrap]
    wrapped = [(i, widths[i]) for i, flag in enumerate(wrap) if flag]
    counted = [0]

    def xml() -> Iterator[str]:
        row_no = 1
        if title:
            yield out.row(1, [clean_text(title)], title_style, 30)
            row_no = 2
        yield out.row(row_no, [clean_text(h) for h in headers], header_style)
        for count, values in enumerate(rows, start=1):
            _check_width(values, ncols, count)
            lines = 1
            for i, width in wrapped:
                value = values[i]
                if isinstance(value, str) and (len(value) * 2 > width - 1.5 or "\n" in value):
                    lines = max(lines, _wrapped_lines(clean_text(value), width))
            counted[0] = count
            # LibreOffice and WPS do not grow rows for wrapped text: the height goes with the row.
            yield out.row(row_no + count, values, styles, lines * _LINE_HEIGHT_PT if lines > 1 else None)

    write_sheet_data(ws, xml())
    return counted[0]


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
