"""The 审核发布单 of one post in Word, laid out as the paper form an office files (GB/T 9704 page).

One bordered table on a five-column grid: particulars and source on top (label | value | label |
value), then a matrix of the nine points (第十一条) and five requirements (第十条) against the three
stages, each stage's opinion with its signer and time, earlier returns, accepted automated
findings, and publication and confirmation. A single table rather than several stacked ones, so
Word and WPS keep one outline when an office edits the form. Input is `app.review.sheet_data.SheetData`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from app.review.enums import CHECKLIST_ITEMS, REQUIREMENTS
from app.review.sheet_types import TICK, SheetData, StageSheet, numbered
from reports.docx_layout import (
    FONT_BODY,
    FONT_HEI,
    FONT_TITLE,
    add_table,
    add_text,
    new_document,
    set_cell_text,
    set_run_font,
)
from reports.docx_xml import set_child, set_snap_to_grid

__all__ = ["build_review_sheet", "write_review_sheet"]

# label | value | label | three stage columns (the matrix) — the 165 mm type area of the form's
# margins: the longest point of 第十一条 stays on one line.
WIDTHS_MM = (30.0, 63.0, 24.0, 24.0, 24.0)
SIZE_PT = 10.5  # 五号, what Chinese forms print their cells in
ROW_PT = 15.0  # the least height of a row: one line of 五号 with room above and below
LINE_PT = 13.0  # exact line pitch in the cells: the font's own (1.45 em for Noto CJK) wastes a page
OPINION_PT = 32.0  # an opinion cell: the opinion, its signer and time, room for a handwritten note
TITLE_PT = 18.0  # 小二: the form's title, smaller than a 公文's 2号 so the form keeps to one page
# A form, not a 公文: narrower top and bottom margins than GB/T 9704's 37/35 mm let the whole
# sheet go on one page where its content allows (one sheet a post in the paper file).
MARGINS_MM = (15.0, 15.0, 25.0, 20.0)  # top, bottom, left, right
FOOTER_MM = 7.0
NOTE_PT = 9.0  # 小五: the notes under the form are small print
# A cell spec: (columns it spans, text, style); styles: label, value, centre, mark, head.
Spec = tuple[int, str, str]


@dataclass
class _Row:
    cells: list[Spec]
    height: float = ROW_PT
    signature: str = ""  # a right-aligned second paragraph in the last cell (审核人、时间)
    keep_with_next: bool = False  # stay on the page of the next row


def _pair(label: str, value: str, label2: str, value2: str) -> _Row:
    return _Row([(1, label, "label"), (1, value, "value"), (1, label2, "label"), (2, value2, "value")])


def _wide(label: str, value: str, height: float = ROW_PT) -> _Row:
    return _Row([(1, label, "label"), (4, value, "value")], height)


def _lines(items: Sequence[str]) -> str:
    if not items:
        return "无"
    if len(items) == 1:
        return items[0]
    return "\n".join(f"{i}. {text}" for i, text in enumerate(items, start=1))


def _rows(data: SheetData) -> list[_Row]:
    """The table's rows, top to bottom."""
    rows = [
        _pair("编号", data.post_no, "信息形式", data.kinds),
        _wide("标题", data.title),
        _pair("发布栏目/账号", data.target, "采编人", data.author),
        _pair("稿件类型", data.change, "当前状态", f"{data.status}（第 {data.round} 轮）"),
        _wide("信息来源", data.source_kind),
        *(_wide(label, value) for label, value in data.source_rows),
        _wide("是否重要敏感", data.sensitive),
    ]
    if data.escalation:
        rows.append(_wide("请示答复意见", data.escalation))
    # Each block of the matrix has its own heading row and is kept on one page, so every column
    # on paper is labelled with its stage (only a table's first rows can repeat on a new page).
    blocks: tuple[tuple[str, Sequence[str], Callable[[StageSheet], Sequence[str]]], ...] = (
        ("审核内容（第十一条）", CHECKLIST_ITEMS, lambda st: st.points),
        ("审核要求（第十条）", REQUIREMENTS, lambda st: st.requirements))
    for block, items, marks_of in blocks:
        heads: list[Spec] = [(1, f"{st.stage}\n{st.reviewer_role}", "head") for st in data.stages]
        rows.append(_Row([(2, block, "head"), *heads], keep_with_next=True))
        for i, item in enumerate(items):
            marks: list[Spec] = [(1, marks_of(st)[i], "mark") for st in data.stages]
            rows.append(_Row([(2, numbered(i, item), "value"), *marks], keep_with_next=i < len(items) - 1))
    for s in data.stages:
        signed = f"审核人：{s.signer}　　时间：{s.signed_at}" if s.signer else "审核人：　　　　　　时间："
        rows.append(_Row([(1, f"{s.stage}意见\n（{s.reviewer_role}）", "label"), (4, s.opinion, "value")],
                         OPINION_PT, signed))
    rows += [
        _wide("退回记录", _lines(data.returns)),
        _wide("自动检查提示", _lines(data.findings)),
        _wide("发布网址", data.published_url),
        _pair("发布时间", data.published_at, "来源单位", data.source_unit),
        _pair("来源单位确认人", data.confirmed_by, "确认时间", data.confirmed_at),
    ]
    return rows


def _fill(cell: _Cell, text: str, style: str) -> None:
    _write(cell, text, style)
    for paragraph in cell.paragraphs:
        _exact(paragraph)


def _exact(paragraph: Paragraph) -> None:
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(LINE_PT)


def _write(cell: _Cell, text: str, style: str) -> None:
    if style in ("label", "head"):
        # 黑体 rather than bold 仿宋: 仿宋 has no bold face, Word and WPS would smear a fake one.
        set_cell_text(cell, text, size_pt=SIZE_PT, align="center", font=FONT_HEI)
    elif style == "mark":
        # A tick is centred like a box on a paper form; a reviewer's note reads as text.
        set_cell_text(cell, text, size_pt=SIZE_PT, align="center" if not text or text == TICK else "left",
                      latin=FONT_BODY if text == TICK else "Times New Roman")
    else:
        set_cell_text(cell, text, size_pt=SIZE_PT, align="left")


def _signature(cell: _Cell, text: str) -> None:
    paragraph = cell.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    fmt.first_line_indent = Pt(0)
    _exact(paragraph)
    fmt.space_before = Pt(4)
    fmt.right_indent = Pt(SIZE_PT)
    set_snap_to_grid(paragraph._p.get_or_add_pPr(), on=False)
    set_run_font(paragraph.add_run(text), FONT_BODY, SIZE_PT)


def _table(doc: DocxDocument, rows: list[_Row]) -> Table:
    table = add_table(doc, [[""] * len(WIDTHS_MM) for _ in rows], header_rows=0, widths_mm=WIDTHS_MM,
                      size_pt=SIZE_PT)
    for r, row in enumerate(rows):
        col = 0
        for span, text, style in row.cells:
            cell = table.cell(r, col)
            if span > 1:
                cell = cell.merge(table.cell(r, col + span - 1))
            _fill(cell, text, style)
            if row.keep_with_next:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True
            col += span
        if row.signature:
            _signature(table.cell(r, len(WIDTHS_MM) - 1), row.signature)
        set_child(table.rows[r]._tr.get_or_add_trPr(), "w:trHeight",
                  {"w:val": str(int(row.height * 20)), "w:hRule": "atLeast"})
    return table


def build_review_sheet(data: SheetData) -> DocxDocument:
    """The sheet as a python-docx Document (returned for tests and for saving)."""
    doc = new_document()
    section = doc.sections[0]
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM[0]), Mm(MARGINS_MM[1])
    section.left_margin, section.right_margin = Mm(MARGINS_MM[2]), Mm(MARGINS_MM[3])
    section.footer_distance = Mm(FOOTER_MM)
    title = add_text(doc, f"{data.org_name}门户网站（政务新媒体）\n信息审核发布单", font=FONT_TITLE,
                     size_pt=TITLE_PT, align="center", grid=False)
    title.paragraph_format.line_spacing = Pt(TITLE_PT * 1.3)
    # A small gap instead of a blank line keeps the form on as few pages as it can.
    title.paragraph_format.space_after = Pt(6)
    _table(doc, _rows(data))
    rule = f"《{data.org_name}门户网站（政务新媒体）信息审核发布制度（试行）》"
    notes = (
        f"注：1. 审核内容依据{rule}第十一条，审核要求依据第十条；“{TICK}”表示该项经审核无问题，"
        "其他文字为审核人的说明。",
        "2. 二审、三审由审核人本人账户和密码签署；表中为最终通过审核的一轮，此前退回的情况见“退回记录”。",
        f"3. 本单由政务公开工作台根据系统审核记录生成，生成日期：{data.printed_on}。",
    )
    for i, note in enumerate(notes):
        paragraph = add_text(doc, note, size_pt=NOTE_PT, align="left", grid=False)
        fmt = paragraph.paragraph_format
        fmt.line_spacing = Pt(NOTE_PT * 1.4)
        fmt.left_indent = Pt(NOTE_PT * 2)  # every line aligned under the text after “注：”
        if i == 0:
            fmt.first_line_indent = Pt(-NOTE_PT * 2)
            fmt.space_before = Pt(6)
    return doc


def write_review_sheet(data: SheetData, path: Path) -> None:
    build_review_sheet(data).save(str(path))
