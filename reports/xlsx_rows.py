"""Rows of a write-only worksheet serialised straight to sheet XML, for registers of 10,000+ rows.

openpyxl's write-only `ws.append` turns every value into a cell object and writes it through
lxml one element call at a time: about 8 µs a cell, which is all of a bare export's time. A
register writes two sheets (the print sheet and the full sheet) and styles every print cell, so
through `ws.append` it cost 3.5× a bare one-sheet loop (budget 1.5×, README). Here a row is one
formatted string; a chunk of rows is parsed by lxml (C) and written to openpyxl's own stream, so
the sheet around it (columns, panes, merged cells, print setup, footer) is still openpyxl's.

Styles are registered once per distinct combination (`SheetRows.style`) and cells carry the
workbook's style index, exactly what openpyxl writes for a styled cell.

This uses three private members of openpyxl's write-only worksheet (`_get_writer`, `_writer.xf`,
`_rows`); openpyxl is pinned in constraints.txt and tests/reports/test_reports_xlsx_rows.py reads
the files back, so a change there fails a test instead of a user's export.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any, NamedTuple

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.compat import safe_string
from openpyxl.styles import Alignment, Border, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.xml.functions import fromstring

__all__ = ["CHUNK", "ColumnStyle", "SheetRows", "write_sheet_data"]

# Rows per parsed chunk: large enough that parsing costs nothing per row, small enough to keep
# memory flat for any register size.
CHUNK = 500
MAX_CELL_TEXT = 32767  # Excel's limit; longer text makes Excel "repair" the file
RISKY_FIRST = frozenset("=+-@#")  # Excel would read these as formulas or errors: quotePrefix
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"


class ColumnStyle(NamedTuple):
    """Style indexes of one column's cells by kind of value (0 = unstyled). `empty` is written
    for None and "" (0: the cell is left out, as openpyxl leaves out an unstyled empty cell)."""

    text: int = 0
    quoted: int = 0  # text that starts with = + - @ #: kept text when a user edits the cell
    date: int = 0
    datetime: int = 0
    number: int = 0
    empty: int = 0


def _escape(text: str) -> str:
    # \r would become \n when the chunk is parsed (XML end-of-line handling): keep it as written.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


class SheetRows:
    """Formats rows of one write-only worksheet as sheet XML (see `write_sheet_data`)."""

    def __init__(self, ws: WriteOnlyWorksheet) -> None:
        self._ws = ws
        self._epoch = ws.parent.epoch
        self._ids: dict[tuple[Any, ...], int] = {}
        self._letters: list[str] = []

    def style(self, *, font: Font | None = None, fill: PatternFill | None = None, border: Border | None = None,
              alignment: Alignment | None = None, number_format: str | None = None, quote: bool = False) -> int:
        """The workbook's index of this combination of style parts, registered once."""
        key = (font, fill, border, alignment, number_format, quote)
        sid = self._ids.get(key)
        if sid is None:
            proto = WriteOnlyCell(self._ws)
            if font is not None:
                proto.font = font
            if fill is not None:
                proto.fill = fill
            if border is not None:
                proto.border = border
            if alignment is not None:
                proto.alignment = alignment
            if number_format is not None:
                proto.number_format = number_format
            if quote:
                proto.quotePrefix = True
            sid = self._ids[key] = proto.style_id if proto.has_style else 0
        return sid

    def column(self, *, font: Font | None = None, fill: PatternFill | None = None, border: Border | None = None,
               alignment: Alignment | None = None, keep_empty: bool = False,
               date_format: str = DATE_FORMAT, datetime_format: str = DATETIME_FORMAT) -> ColumnStyle:
        """The styles of a column whose cells share font, fill, border and alignment; dates and
        date-times get their number formats, risky text its quotePrefix."""
        def sid(number_format: str | None = None, quote: bool = False) -> int:
            return self.style(font=font, fill=fill, border=border, alignment=alignment,
                              number_format=number_format, quote=quote)

        text = sid()
        return ColumnStyle(
            text=text, quoted=sid(quote=True), date=sid(date_format), datetime=sid(datetime_format), number=text,
            empty=text if keep_empty else 0,
        )

    def row(self, row_no: int, values: Sequence[Any], styles: Sequence[ColumnStyle],
            height: float | None = None) -> str:
        """One `<row>` element: `values` from column A on, `styles` per column."""
        letters = self._letters
        if len(letters) < len(values):
            letters.extend(get_column_letter(n) for n in range(len(letters) + 1, len(values) + 1))
        head = f'<row r="{row_no}" ht="{height}" customHeight="1">' if height else f'<row r="{row_no}">'
        out = [head]
        add = out.append
        for n, value in enumerate(values):
            style = styles[n]
            if value is None or value == "":
                if style.empty:
                    add(f'<c r="{letters[n]}{row_no}" s="{style.empty}"/>')
                continue
            kind = type(value)
            if kind is str:
                if ILLEGAL_CHARACTERS_RE.search(value):
                    value = ILLEGAL_CHARACTERS_RE.sub("", value)
                if len(value) > MAX_CELL_TEXT:
                    value = value[:MAX_CELL_TEXT]
                sid = style.quoted if value[:1] in RISKY_FIRST else style.text
                space = ' xml:space="preserve"' if value[:1].isspace() or value[-1:].isspace() else ""
                s = f' s="{sid}"' if sid else ""
                add(f'<c r="{letters[n]}{row_no}"{s} t="inlineStr"><is><t{space}>{_escape(value)}</t></is></c>')
            elif kind is dt.date or kind is dt.datetime:
                sid = style.datetime if kind is dt.datetime else style.date
                serial = safe_string(to_excel(value, self._epoch))
                add(f'<c r="{letters[n]}{row_no}" s="{sid}" t="n"><v>{serial}</v></c>')
            elif kind is bool:
                s = f' s="{style.number}"' if style.number else ""
                add(f'<c r="{letters[n]}{row_no}"{s} t="b"><v>{int(value)}</v></c>')
            elif isinstance(value, (int, float, Decimal)):
                s = f' s="{style.number}"' if style.number else ""
                add(f'<c r="{letters[n]}{row_no}"{s} t="n"><v>{safe_string(value)}</v></c>')
            else:
                raise TypeError(f"cannot write {kind.__name__} to a register cell")
        add("</row>")
        return "".join(out)


def write_sheet_data(ws: WriteOnlyWorksheet, rows: Iterable[str]) -> None:
    """Write the whole sheetData of a fresh write-only worksheet from `rows` (SheetRows.row
    strings, in order). Column widths, panes and print titles must be set before; merged cells,
    filters, page setup and footers may still be set after, until the workbook is saved."""
    if ws._rows is not None:
        raise RuntimeError("write_sheet_data writes the whole sheet: nothing may be appended before")
    ws._get_writer()
    stream = ws._writer.xf
    xf = stream.send(True)
    try:
        with xf.element("sheetData"):
            for chunk in _chunks(rows):
                for element in fromstring(f"<d>{chunk}</d>"):
                    xf.write(element)
    finally:
        # close() now writes only the tail (merged cells, print setup, footer) after the rows;
        # after an error (a cancelled export) the stream is closed and the temp file dropped.
        ws._rows = _finished()
    stream.send(None)


def _chunks(rows: Iterable[str]) -> Iterator[str]:
    chunk: list[str] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == CHUNK:
            yield "".join(chunk)
            chunk = []
    if chunk:
        yield "".join(chunk)


def _finished() -> Iterator[None]:
    yield from ()
