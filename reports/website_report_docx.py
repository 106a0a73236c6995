"""The 政府网站工作年度报表 as a Word document: the official table on A4 in GB/T 9704 layout.

Four columns: the section (merged down its rows), the sub-heading (merged down its rows; a row without
one spans both label columns), the item, and the figure.
"""

from __future__ import annotations

from pathlib import Path

from docx.document import Document as DocxDocument
from docx.table import Table

from app.atomic_file import atomic_write
from reports.docx_layout import add_text, add_title, new_document
from reports.docx_table import add_table, set_cell_text
from reports.website_report_input import WebsiteReportInput

TABLE_PT = 10.5
WIDTHS_MM = (20.0, 30.0, 58.0, 48.0)  # 156 mm, the type area


def _merge(table: Table, r0: int, c0: int, r1: int, c1: int, text: str, *, bold: bool = False,
           align: str | None = None) -> None:
    cell = table.cell(r0, c0)
    if (r0, c0) != (r1, c1):
        cell = cell.merge(table.cell(r1, c1))
    set_cell_text(cell, text, size_pt=TABLE_PT, bold=bold, align=align)


def _runs(keys: list[str]) -> list[tuple[int, int, str]]:
    """Consecutive equal keys as (first index, last index, key); empty keys are skipped."""
    out: list[tuple[int, int, str]] = []
    start = 0
    for index in range(1, len(keys) + 1):
        if index == len(keys) or keys[index] != keys[start]:
            if keys[start]:
                out.append((start, index - 1, keys[start]))
            start = index
    return out


def _table(doc: DocxDocument, data: WebsiteReportInput) -> Table:
    header: list[object] = ["栏目", "指标", "", "数值"]
    rows: list[list[object]] = [header] + [[line.section, line.group, line.label, line.value or "—"]
                                           for line in data.lines]
    table = add_table(doc, rows, header_rows=1, widths_mm=WIDTHS_MM, size_pt=TABLE_PT)
    _merge(table, 0, 1, 0, 2, "指标", bold=True, align="center")
    for first, last, section in _runs([line.section for line in data.lines]):
        _merge(table, first + 1, 0, last + 1, 0, section, bold=True, align="center")
    for index, line in enumerate(data.lines):
        if not line.group:
            _merge(table, index + 1, 1, index + 1, 2, line.label)
    groups = [f"{line.section}/{line.group}" if line.group else "" for line in data.lines]
    for first, last, _key in _runs(groups):
        _merge(table, first + 1, 1, last + 1, 1, data.lines[first].group, align="center")
    for index, line in enumerate(data.lines):
        set_cell_text(table.cell(index + 1, 3), line.value or "—", size_pt=TABLE_PT, align="center")
    return table


def build(data: WebsiteReportInput) -> DocxDocument:
    doc = new_document()
    add_title(doc, data.title)
    add_text(doc, f"（{data.year}年度）", align="center")
    add_text(doc, f"填报单位：{data.host}", align="left")
    _table(doc, data)
    return doc


def write_website_docx(data: WebsiteReportInput, out: Path) -> Path:
    doc = build(data)
    return atomic_write(out, lambda tmp: doc.save(str(tmp)))
