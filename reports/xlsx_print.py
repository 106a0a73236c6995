"""A register's print sheet: the columns an office files on paper, readable as printed.

The full register (every column, for import and for working in Excel) is too wide for any
paper: 29 columns fitted to A4 print at a quarter of their size. The print sheet holds a chosen
selection of columns in 宋体 10 pt, sized to fill A4 (or A3) landscape at full scale, long text
wrapped and every row as tall as its text; the title and the header row repeat on each page.

It is the workbook's first and active sheet, so printing the file as it is prints this sheet;
`reports.xlsx_read.read_table` skips it (its name starts with PRINT_SHEET_PREFIX), so importing
the workbook reads the full sheet.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Collection, Iterable, Iterator, Sequence
from copy import copy
from dataclasses import dataclass
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from reports.xlsx_rows import SheetRows, write_sheet_data
from reports.xlsx_sheet import CellValue, clean_text, write_table

__all__ = [
    "BODY_PT", "FONT", "PAPERS", "PRINT_SHEET_PREFIX", "PrintLayout", "fit_widths", "print_sheet_name",
    "save_register", "use_song_font", "write_print_table",
]

PRINT_SHEET_PREFIX = "打印"
FONT = "宋体"
BODY_PT = 10.0
HEADER_PT = 10.0
TITLE_PT = 14.0
_LINE_PT = 13.5  # one line of 10 pt 宋体
_PAD_PT = 4.0
_MARGIN_IN = 0.4
# Paper → (openpyxl paper size code, long edge in inches). Printed landscape.
PAPERS: dict[str, tuple[int, float]] = {"A4": (Worksheet.PAPERSIZE_A4, 11.69), "A3": (Worksheet.PAPERSIZE_A3, 16.54)}
_PX_PER_INCH = 96
_SLACK = 0.97  # renderers measure columns a little differently; keep them from spilling

_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_BODY_FONT = Font(name=FONT, size=BODY_PT)
_HEADER_FONT = Font(name=FONT, size=HEADER_PT, bold=True)
_TITLE_FONT = Font(name=FONT, size=TITLE_PT, bold=True)
_HEADER_FILL = PatternFill(fill_type="solid", start_color="D9D9D9", end_color="D9D9D9")
_WRAP = Alignment(wrap_text=True, vertical="top")
_PLAIN = Alignment(vertical="top")
_CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
_RISKY_FIRST = frozenset("=+-@#")
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"


@dataclass(frozen=True)
class PrintLayout:
    """Which columns (by header text, in register order) go on paper, and on which paper."""

    columns: tuple[str, ...]
    paper: str = "A4"

    def __post_init__(self) -> None:
        if self.paper not in PAPERS:
            raise ValueError(f"paper must be one of {', '.join(PAPERS)}, not {self.paper!r}")


def save_register(path: Any, sheet: str, title: str, headers: Sequence[str], widths: Sequence[float],
                  rows: Iterable[Sequence[CellValue]], *, wrap_columns: Collection[int] = (),
                  layout: PrintLayout | None = None, print_wrap: Collection[int] | None = None,
                  footer_note: str = "") -> None:
    """Save a register workbook: the print sheet (when `layout` is given) first and active, then
    the full sheet with every column, as `reports.xlsx_sheet.write_table` writes it. The print
    sheet wraps `print_wrap` (default: `wrap_columns`), indexes into `headers`."""
    wb = Workbook(write_only=True)
    use_song_font(wb)
    data: Iterable[Sequence[CellValue]] = rows
    if layout is not None:
        data = list(rows)  # both sheets are streamed; the rows are needed twice
        write_print_table(wb.create_sheet(print_sheet_name(sheet)), title, headers, data, widths,
                          wrap_columns if print_wrap is None else print_wrap, layout, footer_note=footer_note)
    write_table(wb.create_sheet(sheet), title, headers, data, widths, wrap_columns=wrap_columns,
                footer_note=footer_note)
    wb.save(path)


def print_sheet_name(sheet: str) -> str:
    return f"{PRINT_SHEET_PREFIX}（{sheet}）"[:31]  # Excel's limit on sheet names


def use_song_font(wb: Workbook) -> None:
    """Make 宋体 the workbook's default font, so unstyled cells print in 宋体, not Calibri."""
    wb._fonts[0] = Font(name=FONT, size=11, family=3, charset=134)  # 134 = GB2312
    wb._named_styles["Normal"].font = wb._fonts[0]


def printable_width_px(paper: str) -> float:
    return (PAPERS[paper][1] - 2 * _MARGIN_IN) * _PX_PER_INCH * _SLACK


def _px(width: float) -> float:
    return width * 7 + 5  # Excel's column width unit: a digit of the default font, plus padding


def fit_widths(widths: Sequence[float], wrap: Sequence[bool], paper: str) -> list[float]:
    """Column widths that fill the paper's width at full scale: wrapped columns give or take the
    room, the others (dates, codes, short labels) keep their width."""
    room = printable_width_px(paper)
    fixed = sum(_px(w) for w, flag in zip(widths, wrap, strict=True) if not flag)
    flexible = [w for w, flag in zip(widths, wrap, strict=True) if flag]
    if not flexible:
        return list(widths)
    available = room - fixed - 5 * len(flexible)
    factor = available / (7 * sum(flexible))
    fitted = [w if not flag else max(6.0, w * factor) for w, flag in zip(widths, wrap, strict=True)]
    while sum(_px(w) for w in fitted) > room and any(f and w > 6.0 for w, f in zip(fitted, wrap, strict=True)):
        fitted = [max(6.0, w - 0.5) if flag else w for w, flag in zip(fitted, wrap, strict=True)]
    return [w if not flag else math.floor(w * 10) / 10 for w, flag in zip(fitted, wrap, strict=True)]


def lines_for(text: str, width: float) -> int:
    """Lines `text` takes wrapped in a column `width` units wide (an estimate that errs tall:
    Chinese characters count two units, Latin one, as GBK bytes do)."""
    per_line = max(width - 1.0, 1.0)
    return sum(max(1, -int(-len(part.encode("gbk", errors="replace")) // per_line)) for part in text.split("\n"))


def _row_height(lines: int) -> float:
    return lines * _LINE_PT + _PAD_PT


def write_print_table(ws: Worksheet | WriteOnlyWorksheet, title: str, headers: Sequence[str],
                      rows: Iterable[Sequence[CellValue]], widths: Sequence[float], wrap_columns: Collection[int],
                      layout: PrintLayout, *, footer_note: str = "") -> int:
    """Write the print sheet: the `layout.columns` of a register whose full `headers`/`widths`
    are given; `wrap_columns` are indexes into the full headers. Returns the data row count.
    For a write-only worksheet this must be the first thing written to it."""
    unknown = [h for h in layout.columns if h not in headers]
    if unknown or not layout.columns:
        raise ValueError(f"print columns not in the register: {unknown or 'none chosen'}")
    picks = [headers.index(h) for h in headers if h in layout.columns]  # register order
    wrap = [i in wrap_columns for i in picks]
    fitted = fit_widths([widths[i] for i in picks], wrap, layout.paper)
    _setup(ws, fitted, layout.paper)
    if footer_note:  # the audit trail's paper anchor (审计校验码)
        ws.oddFooter.left.text = footer_note.replace("&", "&&")  # & starts an Excel footer code
        ws.oddFooter.left.size = 8
        ws.oddFooter.left.font = FONT
    last = get_column_letter(len(picks))
    header_lines = max(lines_for(headers[i], w) for i, w in zip(picks, fitted, strict=True))
    ws.row_dimensions[1].height = TITLE_PT * 2
    ws.row_dimensions[2].height = _row_height(header_lines)
    if isinstance(ws, WriteOnlyWorksheet):
        ws.merged_cells.add(f"A1:{last}1")
        return _fast_rows(ws, title, [headers[i] for i in picks], rows, picks, wrap, fitted)
    title_cell = ws.cell(1, 1)
    title_cell.value = clean_text(title)
    title_cell.font = _TITLE_FONT
    title_cell.alignment = _CENTRE
    for n, i in enumerate(picks, start=1):
        cell = ws.cell(2, n)
        _text(cell, headers[i])
        cell.font, cell.fill, cell.border, cell.alignment = _HEADER_FONT, _HEADER_FILL, _BOX, _CENTRE
    ws.merge_cells(f"A1:{last}1")
    return _rows(ws, rows, picks, wrap, fitted)


def _setup(ws: Worksheet | WriteOnlyWorksheet, widths: Sequence[float], paper: str) -> None:
    for n, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(n)].width = width
    ws.freeze_panes = "A3"
    ws.print_title_rows = "1:2"
    setup = ws.page_setup
    setup.orientation = Worksheet.ORIENTATION_LANDSCAPE
    setup.paperSize = PAPERS[paper][0]
    # Widths are fitted to the paper; fit-to-width only absorbs a renderer's slightly wider
    # columns (a few per cent), never the quarter-size shrink of the full register.
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins = PageMargins(left=_MARGIN_IN, right=_MARGIN_IN, top=0.6, bottom=0.6, header=0.3, footer=0.3)
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"
    ws.oddFooter.center.size = 9
    ws.oddFooter.center.font = FONT


def _text(cell: Any, value: str) -> None:
    cell.value = value
    cell.data_type = "s"
    if value and value[0] in _RISKY_FIRST:
        cell.quotePrefix = True


class _Styles:
    """One styled prototype cell per (wrap, number format): openpyxl registers a style each time a
    font, border or alignment is assigned; copying a prototype's style array costs nothing."""

    def __init__(self, ws: Worksheet) -> None:
        self._ws = ws
        self._protos: dict[tuple[bool, str | None], Any] = {}

    def style(self, cell: Any, wrap: bool, number_format: str | None = None) -> None:
        key = (wrap, number_format)
        proto = self._protos.get(key)
        if proto is None:
            proto = WriteOnlyCell(self._ws)
            proto.font, proto.border, proto.alignment = _BODY_FONT, _BOX, _WRAP if wrap else _PLAIN
            if number_format is not None:
                proto.number_format = number_format
            self._protos[key] = proto
        cell._style = copy(proto._style)


def _rows(ws: Worksheet, rows: Iterable[Sequence[CellValue]], picks: Sequence[int], wrap: Sequence[bool],
          widths: Sequence[float]) -> int:
    styles = _Styles(ws)
    count = 0
    for count, values in enumerate(rows, start=1):
        row_no = count + 2
        lines = 1
        for n, (i, flag, width) in enumerate(zip(picks, wrap, widths, strict=True), start=1):
            value = values[i]
            cell = ws.cell(row_no, n)
            if isinstance(value, dt.datetime):
                styles.style(cell, flag, DATETIME_FORMAT)
            elif isinstance(value, dt.date):
                styles.style(cell, flag, DATE_FORMAT)
            else:
                styles.style(cell, flag)
            if isinstance(value, str):
                text = clean_text(value) if ILLEGAL_CHARACTERS_RE.search(value) else value
                _text(cell, text)
                if flag:
                    lines = max(lines, lines_for(text, width))
            elif value is not None:
                cell.value = value
        ws.row_dimensions[row_no].height = _row_height(lines)
    return count


def _fast_rows(ws: WriteOnlyWorksheet, title: str, headers: Sequence[str], rows: Iterable[Sequence[CellValue]],
               picks: Sequence[int], wrap: Sequence[bool], widths: Sequence[float]) -> int:
    """The write-only sheet's rows as XML (reports.xlsx_rows): every cell boxed, wrapped columns
    wrapped, each row as tall as its text, the same styles as the normal sheet's."""
    out = SheetRows(ws)
    title_style = [out.column(font=_TITLE_FONT, alignment=_CENTRE)]
    header_style = [out.column(font=_HEADER_FONT, fill=_HEADER_FILL, border=_BOX, alignment=_CENTRE,
                               keep_empty=True)] * len(picks)
    styles = [out.column(font=_BODY_FONT, border=_BOX, alignment=_WRAP if flag else _PLAIN, keep_empty=True)
              for flag in wrap]
    wrapped = [(n, width) for n, (flag, width) in enumerate(zip(wrap, widths, strict=True)) if flag]
    counted = [0]

    def xml() -> Iterator[str]:
        yield out.row(1, [clean_text(title)], title_style, ws.row_dimensions[1].height)
        yield out.row(2, list(headers), header_style, ws.row_dimensions[2].height)
        for count, values in enumerate(rows, start=1):
            picked = [values[i] for i in picks]
            lines = 1
            for n, width in wrapped:
                text = picked[n]
                # Short text fits one line: skip the GBK measure (2 units a character at most).
                if isinstance(text, str) and (len(text) * 2 > width - 1.0 or "\n" in text):
                    lines = max(lines, lines_for(text, width))
            counted[0] = count
            yield out.row(count + 2, picked, styles, _row_height(lines))

    write_sheet_data(ws, xml())
    return counted[0]
