"""The 办理单 of a request case in Word: one A4 form — particulars, the dated handling events and
the sign-offs — with room at the foot for the handler's and the head's handwritten signatures.
Input is `app.cases.handling_form_types.HandlingForm`; the layout follows the other forms (五号 cells,
a 小二 title, the GB/T 9704 type area)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docx.document import Document as DocxDocument
from docx.shared import Mm, Pt

from reports.docx_layout import FONT_HEI, add_table, add_text, new_document, set_cell_text
from reports.docx_xml import set_child

if TYPE_CHECKING:
    from app.cases.handling_form_types import HandlingForm

__all__ = ["build_handling_form"]

SIZE_PT = 10.5  # 五号
TITLE_PT = 18.0  # 小二
LABEL_MM = 36.0  # “2024年12月31日” on one line
WIDTH_MM = 156.0
# A form, not a 公文: narrower top and bottom margins (as the 审核发布单) keep a usual case on one sheet.
MARGINS_MM = (25.0, 20.0)
FOOTER_MM = 10.0


def _min_height(table: object, index: int, points: float) -> None:
    row = table.rows[index]  # type: ignore[attr-defined]
    set_child(row._tr.get_or_add_trPr(), "w:trHeight", {"w:val": str(int(points * 20)), "w:hRule": "atLeast"})


def _heading(doc: DocxDocument, text: str) -> None:
    # Kept with the table below it: a heading alone at the foot of a page reads as a missing part.
    heading = add_text(doc, text, font=FONT_HEI, size_pt=SIZE_PT + 1.5, align="left", grid=False)
    heading.paragraph_format.keep_with_next = True


def build_handling_form(data: HandlingForm) -> DocxDocument:
    doc = new_document()
    section = doc.sections[0]
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM[0]), Mm(MARGINS_MM[1])
    section.footer_distance = Mm(FOOTER_MM)
    add_text(doc, data.title, font=FONT_HEI, size_pt=TITLE_PT, align="center", grid=False)
    add_text(doc, f"承办机关：{data.org}　　　　打印时间：{data.printed}", size_pt=SIZE_PT, align="left", grid=False)

    facts = add_table(doc, [list(r) for r in data.rows], header_rows=0, widths_mm=[LABEL_MM, WIDTH_MM - LABEL_MM],
                      size_pt=SIZE_PT)
    for i, (label, value) in enumerate(data.rows):
        set_cell_text(facts.cell(i, 0), label, size_pt=SIZE_PT, bold=True, align="center")
        set_cell_text(facts.cell(i, 1), value, size_pt=SIZE_PT, align="left")
        _min_height(facts, i, 18)

    _heading(doc, "办理过程")
    events = [["日期", "事项"], *[[d, text] for d, text in data.events]]
    add_table(doc, events, widths_mm=[LABEL_MM, WIDTH_MM - LABEL_MM], size_pt=SIZE_PT)

    _heading(doc, "审核签批")
    signs = [["环节", "签批人", "时间", "意见"], *[list(s) for s in data.signs]] if data.signs else [
        ["环节", "签批人", "时间", "意见"], ["—", "—", "—", "无"]]
    add_table(doc, signs, widths_mm=[LABEL_MM, 26, 38, WIDTH_MM - LABEL_MM - 64], size_pt=SIZE_PT)

    foot = add_table(doc, [["经办人（签字）", "", "负责人（签字）", ""]], header_rows=0,
                     widths_mm=[LABEL_MM, 44, LABEL_MM, WIDTH_MM - 2 * LABEL_MM - 44], size_pt=SIZE_PT)
    for col in (0, 2):
        set_cell_text(foot.cell(0, col), foot.cell(0, col).text, size_pt=SIZE_PT, bold=True, align="center")
    _min_height(foot, 0, 36)
    for paragraph in doc.paragraphs:
        paragraph.paragraph_format.space_after = Pt(4)
    return doc
