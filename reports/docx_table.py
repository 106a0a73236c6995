"""Tables for official documents: full single borders that print, bold header rows,
numbers centred, compact type (10.5 pt by default) with the document grid switched off."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import TypeAlias

from docx.blkcntnr import BlockItemContainer
from docx.document import Document as DocxDocument
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from docx.table import Table, _Cell

from reports.docx_fonts import FONT_BODY, FONT_LATIN
from reports.docx_xml import set_child, set_rpr_fonts, set_snap_to_grid

__all__ = ["TYPE_AREA_WIDTH_MM", "add_table", "set_cell_text"]

Container: TypeAlias = DocxDocument | BlockItemContainer
TYPE_AREA_WIDTH_MM = 156.0  # 210 mm − 28 mm − 26 mm
_NUMBER_RE = re.compile(r"^[-+]?\d[\d,]*(\.\d+)?%?$")
_ALIGN: dict[str, WD_ALIGN_PARAGRAPH] = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
          "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}
_BORDER = {"w:val": "single", "w:sz": "6", "w:space": "0", "w:color": "000000"}  # 0.75 pt


def add_table(parent: Container, rows: Sequence[Sequence[object]], *, header_rows: int = 1,
              widths_mm: Sequence[float] | None = None, size_pt: float = 10.5,
              font: str = FONT_BODY) -> Table:
    """A bordered table; the first `header_rows` rows are bold, centred and repeat on each page.

    Values are written with `str()` (None → empty); numbers (and text that looks like one)
    are centred, other text is left-aligned. Cells can be merged afterwards with python-docx
    (`table.cell(0, 0).merge(...)`) and refilled with `set_cell_text`.
    """
    ncols = max((len(r) for r in rows), default=0)
    if ncols == 0:
        raise ValueError("add_table needs at least one cell")
    widths = list(widths_mm) if widths_mm else [TYPE_AREA_WIDTH_MM / ncols] * ncols
    if len(widths) != ncols:
        raise ValueError(f"{len(widths)} widths for {ncols} columns")
    if isinstance(parent, DocxDocument | _Cell):
        table = parent.add_table(rows=len(rows), cols=ncols)
    else:  # headers and footers need the width up front
        table = parent.add_table(len(rows), ncols, Mm(sum(widths)))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False  # fixed layout: Word keeps our widths instead of fitting content
    tbl_pr = table._tbl.tblPr
    borders = set_child(tbl_pr, "w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):  # schema order
        set_child(borders, f"w:{edge}", _BORDER)
    for index, width in enumerate(widths):
        table.columns[index].width = Mm(width)
    for r, values in enumerate(rows):
        row = table.rows[r]
        tr_pr = row._tr.get_or_add_trPr()
        set_child(tr_pr, "w:cantSplit")  # a row never breaks across pages
        if r < header_rows:
            set_child(tr_pr, "w:tblHeader")
        for c in range(ncols):
            cell = row.cells[c]
            cell.width = Mm(widths[c])
            value = values[c] if c < len(values) else None
            set_cell_text(cell, value, size_pt=size_pt, bold=r < header_rows, font=font,
                          align="center" if r < header_rows else None)
    return table


def set_cell_text(cell: _Cell, value: object, *, size_pt: float = 10.5, bold: bool = False,
                  align: str | None = None, font: str = FONT_BODY, latin: str = FONT_LATIN) -> None:
    """Replace a cell's content with one paragraph; `align` is "left", "center", "right" or
    "justify", and None centres numbers and left-aligns text."""
    text = "" if value is None else str(value)
    if align is None:
        numeric = isinstance(value, int | float | Decimal) or bool(_NUMBER_RE.match(text.strip()))
        align = "center" if numeric else "left"
    paragraphs = cell.paragraphs
    for extra in paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    paragraph = paragraphs[0]
    for run in paragraph.runs:
        run._r.getparent().remove(run._r)
    fmt = paragraph.paragraph_format
    fmt.alignment = _ALIGN[align]
    fmt.first_line_indent = Pt(0)
    fmt.line_spacing = 1.0
    set_snap_to_grid(paragraph._p.get_or_add_pPr(), on=False)
    lines = text.split("\n")
    run = paragraph.add_run(lines[0])
    for line in lines[1:]:
        run.add_break()
        run.add_text(line)
    set_rpr_fonts(run._r.get_or_add_rPr(), font, latin)
    run.font.size = Pt(size_pt)
    run.font.bold = bold
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
