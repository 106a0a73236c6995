"""The annual report as a Word document in official layout, tables as the national template draws them."""

from __future__ import annotations

from pathlib import Path

from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph

from app.annual.layout import (
    PART3_COLUMN_LABELS,
    PART3_CORNER_NOTE,
    PART_TITLES,
    REMEDY_RESULTS,
    part3_rows,
)
from app.annual.report_data import ReportData
from app.atomic_file import atomic_write
from reports.docx_footer import note_footers
from reports.docx_layout import FONT_HEI, add_body, add_heading, add_title, new_document, set_run_font
from reports.docx_table import add_table, set_cell_text

TABLE_PT = 9.0


def _paragraphs(doc: DocxDocument, text: str, empty: str) -> None:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in lines or [empty]:
        add_body(doc, line)


def _merge(table: Table, r0: int, c0: int, r1: int, c1: int, text: object, bold: bool = False,
           align: str | None = None) -> None:
    cell = table.cell(r0, c0)
    if (r0, c0) != (r1, c1):
        cell = cell.merge(table.cell(r1, c1))
    set_cell_text(cell, text, size_pt=TABLE_PT, bold=bold, align=align)


def _part2(doc: DocxDocument, data: ReportData) -> None:
    p = data.part2
    rows: list[list[object]] = [
        ["第二十条第（一）项", "", "", ""],
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", *p.rules],
        ["行政规范性文件", *p.normative],
        ["第二十条第（五）项", "", "", ""],
        ["信息内容", "本年处理决定数量", "", ""],
        ["行政许可", p.licensing, "", ""],
        ["第二十条第（六）项", "", "", ""],
        ["信息内容", "本年处理决定数量", "", ""],
        ["行政处罚", p.punishment, "", ""],
        ["行政强制", p.enforcement, "", ""],
        ["第二十条第（八）项", "", "", ""],
        ["信息内容", "本年收费金额（单位：万元）", "", ""],
        ["行政事业性收费", _amount(p.fees_amount), "", ""],
    ]
    table = add_table(doc, rows, header_rows=0, widths_mm=[48, 36, 36, 36], size_pt=TABLE_PT)
    for r in (0, 4, 7, 11):
        _merge(table, r, 0, r, 3, rows[r][0], bold=True, align="center")
    for r in (1,):
        for c in range(4):
            set_cell_text(table.cell(r, c), rows[r][c], size_pt=TABLE_PT, bold=True, align="center")
    for r in (2, 3):
        set_cell_text(table.cell(r, 0), rows[r][0], size_pt=TABLE_PT, align="center")
    for r in (5, 6, 8, 9, 10, 12, 13):
        set_cell_text(table.cell(r, 0), rows[r][0], size_pt=TABLE_PT, bold=r in (5, 8, 12), align="center")
        _merge(table, r, 1, r, 3, rows[r][1], bold=r in (5, 8, 12), align="center")


def _amount(value: object) -> str:
    text = f"{value:f}" if hasattr(value, "as_tuple") else str(value)
    return text.rstrip("0").rstrip(".") if "." in text else text


def _part3(doc: DocxDocument, data: ReportData) -> None:
    """Three label columns as in the template: 三、本年度办理结果 spans every result row, each
    result group with sub-rows spans its sub-rows; heading rows have no row of their own."""
    rows = [r for r in part3_rows() if r.has_numbers]
    header: list[list[object]] = [
        [PART3_CORNER_NOTE, "", "", "申请人情况", "", "", "", "", "", ""],
        ["", "", "", "自然人", "法人或其他组织", "", "", "", "", "总计"],
        ["", "", "", "", *PART3_COLUMN_LABELS[1:6], ""],
    ]
    body = [[row.label, "", "", *data.part3[row.key]] for row in rows]
    table = add_table(doc, header + body, header_rows=3, widths_mm=[14, 20, 42, *[11.4] * 7], size_pt=TABLE_PT)
    _merge(table, 0, 0, 2, 2, PART3_CORNER_NOTE, align="left")
    _merge(table, 0, 3, 0, 9, "申请人情况", bold=True, align="center")
    _merge(table, 1, 3, 2, 3, "自然人", bold=True, align="center")
    _merge(table, 1, 4, 1, 8, "法人或其他组织", bold=True, align="center")
    _merge(table, 1, 9, 2, 9, "总计", bold=True, align="center")
    at = {row.key: 3 + i for i, row in enumerate(rows)}
    results = [row for row in rows if row.group]
    _merge(table, at[results[0].key], 0, at[results[-1].key], 0, "三、本年度办理结果", align="center")
    for row in rows:
        r = at[row.key]
        if not row.group:  # 一、二、四: the label spans all three label columns
            _merge(table, r, 0, r, 2, row.label)
        elif row.group == "三、本年度办理结果":  # （一）（二）（七）
            _merge(table, r, 1, r, 2, row.label)
        else:
            set_cell_text(table.cell(r, 2), row.label, size_pt=TABLE_PT)
    groups: dict[str, list[int]] = {}
    for row in rows:
        if row.group.startswith("（"):
            groups.setdefault(row.group, []).append(at[row.key])
    for label, indexes in groups.items():
        _merge(table, indexes[0], 1, indexes[-1], 1, label, align="center")


def _part4(doc: DocxDocument, data: ReportData) -> None:
    labels = [*REMEDY_RESULTS, "总计"]
    header: list[list[object]] = [
        ["行政复议", "", "", "", "", "行政诉讼", *[""] * 9],
        ["", "", "", "", "", "未经复议直接起诉", "", "", "", "", "复议后起诉", "", "", "", ""],
        [*labels, *labels, *labels],
    ]
    table = add_table(doc, [*header, list(data.part4)], header_rows=3, widths_mm=[10.4] * 15, size_pt=8.0)
    _merge(table, 0, 0, 1, 4, "行政复议", bold=True, align="center")
    _merge(table, 0, 5, 0, 14, "行政诉讼", bold=True, align="center")
    _merge(table, 1, 5, 1, 9, "未经复议直接起诉", bold=True, align="center")
    _merge(table, 1, 10, 1, 14, "复议后起诉", bold=True, align="center")


def _part_heading(doc: DocxDocument, index: int) -> Paragraph:
    # A part's heading never stands alone at the foot of a page.
    heading = add_heading(doc, 1, PART_TITLES[index])
    heading.paragraph_format.keep_with_next = True
    return heading


def build(data: ReportData, draft: str = "") -> DocxDocument:
    """The report; a non-empty `draft` note marks it 草稿 in the title and on every page's header."""
    doc = new_document()
    if draft:
        _mark_draft(doc, draft)
    add_title(doc, data.title + ("（草稿）" if draft else ""))
    _part_heading(doc, 0)
    _paragraphs(doc, data.part1, "（请在“统计报表”中填写总体情况。）")
    _part_heading(doc, 1)
    _part2(doc, data)
    # Part 3 starts a page: its table (about 30 rows of 9 pt) then fits on that page, so no page
    # break falls inside a vertically merged label (三、本年度办理结果, （三）不予公开 …), whose text
    # Word, WPS and LibreOffice do not repeat on the next page.
    _part_heading(doc, 2).paragraph_format.page_break_before = True
    _part3(doc, data)
    _part_heading(doc, 3)
    _part4(doc, data)
    _part_heading(doc, 4)
    _paragraphs(doc, data.part5, "（请在“统计报表”中填写存在的主要问题及改进情况。）")
    _part_heading(doc, 5)
    _paragraphs(doc, part6_text(data), "无。")
    return doc


def part6_text(data: ReportData) -> str:
    """Part 6 must report the information-processing fees; add the sentence if the office's text lacks it."""
    text = data.part6.strip()
    if "信息处理费" not in text:
        fees = _amount(data.fees)
        sentence = ("本年度未收取政府信息公开信息处理费。" if data.fees == 0
                    else f"本年度共收取政府信息公开信息处理费 {fees} 元。")
        text = f"{text}\n{sentence}" if text else sentence
    return text


def _mark_draft(doc: DocxDocument, note: str) -> None:
    section = doc.sections[0]
    for header in (section.header, section.even_page_header):
        header.is_linked_to_previous = False
        paragraph = header.paragraphs[0]
        paragraph.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        run = set_run_font(paragraph.add_run(note), FONT_HEI, 12)
        run.font.color.rgb = RGBColor(0xFF, 0, 0)
    doc.core_properties.title = "草稿"


def write_annual_docx(data: ReportData, out: Path, *, draft: str = "", footer_note: str = "") -> Path:
    """`footer_note` (the audit trail's 审计校验码) is printed small at the foot of every page."""
    doc = build(data, draft)
    note_footers(doc, footer_note)
    return atomic_write(out, lambda tmp: doc.save(str(tmp)))
