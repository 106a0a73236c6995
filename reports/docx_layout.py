"""GB/T 9704-2012 layout for python-docx documents (RULES.md, section E).

A4; margins 37/35/28/26 mm (top/bottom/left/right); body 3号 (16 pt) 仿宋_GB2312,
22 lines × 28 characters a page; title 2号 (22 pt) 方正小标宋简体, centred; headings 一、黑体 /
（一）楷体_GB2312 / 1. 仿宋; page numbers 4号 (14 pt) 半角宋体 “— 1 —”, odd pages right and
even pages left. Fonts are set on every run's `w:rFonts` (eastAsia for Chinese, Times New
Roman for Latin and digits); without w:eastAsia Word/WPS fall back to another font.
Paragraphs that use other sizes (title, tables, footer) switch the document grid off, so
they stay right if an office turns Word's grid on in its template.

仿宋_GB2312, 楷体_GB2312 and 方正小标宋简体 are not shipped with current Windows. The
document's font table names a fallback for each (仿宋, 楷体, 宋体) so a machine without the
GB2312 fonts still prints in the right family instead of Word's arbitrary substitute.
"""

from __future__ import annotations

import datetime as dt
from typing import TypeAlias

from docx import Document
from docx.blkcntnr import BlockItemContainer
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from reports.docx_fonts import (
    FONT_BODY,
    FONT_HEI,
    FONT_KAI,
    FONT_LATIN,
    FONT_SONG,
    FONT_TITLE,
    install_font_fallbacks,
)
from reports.docx_table import TYPE_AREA_WIDTH_MM, add_table, set_cell_text
from reports.docx_xml import add_field, set_child, set_rpr_fonts, set_snap_to_grid

__all__ = [
    "BODY_PT", "FONT_BODY", "FONT_HEI", "FONT_KAI", "FONT_LATIN", "FONT_SONG", "FONT_TITLE", "INDENT_2CH",
    "LINE_PITCH", "TITLE_PT", "TYPE_AREA_WIDTH_MM", "Container", "add_addressee", "add_blank", "add_body", "add_doc_no",
    "add_heading", "add_note", "add_signature", "add_table", "add_text", "add_title", "format_date",
    "new_document", "set_cell_text", "set_run_font", "signature_indent_chars", "text_width_chars",
]

Container: TypeAlias = DocxDocument | BlockItemContainer

BODY_PT = 16.0  # 3号
TITLE_PT = 22.0  # 2号
PAGE_NO_PT = 14.0  # 4号
# 225 mm of type area / 22 lines = 28.95 pt per line (exact line spacing). 156 mm of width
# holds only 27 full 16 pt characters; condensing every character by 0.25 pt (15.75 pt
# pitch) fits 28. Word's own line-and-character grid (charSpace −849) would do the same,
# but LibreOffice puts each 16 pt character into two 15.79 pt grid cells and prints 14 per
# line, so the grid is left off and the spacing is set on the Normal style instead.
LINE_PITCH = Pt(28.95)
INDENT_2CH = Pt(2 * BODY_PT)
_CONDENSE_TWIPS = "-5"  # −0.25 pt, in twentieths of a point

_HEADING_FONTS = {1: FONT_HEI, 2: FONT_KAI, 3: FONT_BODY}
_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}


def new_document() -> DocxDocument:
    """An empty A4 document with GB/T 9704 margins, body style, line pitch and page numbers."""
    doc = Document()
    _set_defaults(doc)
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(25)
    grid = set_child(section._sectPr, "w:docGrid", {"w:linePitch": "579"})  # 28.95 pt, if switched on
    grid.attrib.pop(qn("w:type"), None)
    doc.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer.paragraphs[0], "right")
    _page_number(section.even_page_footer.paragraphs[0], "left")
    install_font_fallbacks(doc)
    return doc


def _set_defaults(doc: DocxDocument) -> None:
    # docDefaults carry theme fonts, 11 pt and "after 10 pt, 1.15 lines" in python-docx's
    # template; anything not formatted explicitly (text an office types later) inherits them.
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_rpr_fonts(rpr, FONT_BODY, FONT_LATIN)
    set_child(rpr, "w:sz", {"w:val": str(int(BODY_PT * 2))})
    set_child(rpr, "w:szCs", {"w:val": str(int(BODY_PT * 2))})
    # zh-CN makes Word apply Chinese line-breaking rules and not flag Chinese as misspelt.
    set_child(rpr, "w:lang", {"w:val": "en-US", "w:eastAsia": "zh-CN", "w:bidi": "ar-SA"})
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    set_child(ppr, "w:spacing", {"w:before": "0", "w:after": "0", "w:line": "240", "w:lineRule": "auto"})
    normal = doc.styles["Normal"]
    set_rpr_fonts(normal.element.get_or_add_rPr(), FONT_BODY, FONT_LATIN)
    normal.font.size = Pt(BODY_PT)
    set_child(normal.element.get_or_add_rPr(), "w:spacing", {"w:val": _CONDENSE_TWIPS})
    fmt = normal.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE_PITCH
    fmt.widow_control = False  # keeps exactly 22 lines on every page
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    theme_lang = doc.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:eastAsia"), "zh-CN")


def set_run_font(run: Run, east_asia: str, size_pt: float, bold: bool = False, *,
                 latin: str = FONT_LATIN) -> Run:
    """Give a run its Chinese font (w:eastAsia), Latin font, size and weight."""
    set_rpr_fonts(run._r.get_or_add_rPr(), east_asia, latin)
    run.font.size = Pt(size_pt)
    run.font.bold = bold
    return run


def add_text(parent: Container, text: str, *, font: str = FONT_BODY, size_pt: float = BODY_PT,
             bold: bool = False, align: str = "justify", first_line_indent: bool = False,
             right_indent_chars: float = 0, left_indent_chars: float = 0, grid: bool = True) -> Paragraph:
    """A paragraph of one run; the building block of the helpers below. "\\n" becomes a line break."""
    paragraph = parent.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.alignment = _ALIGN[align]
    if first_line_indent:
        fmt.first_line_indent = INDENT_2CH
    if right_indent_chars:
        fmt.right_indent = Pt(right_indent_chars * BODY_PT)
    if left_indent_chars:
        fmt.left_indent = Pt(left_indent_chars * BODY_PT)
    if not grid:
        set_snap_to_grid(paragraph._p.get_or_add_pPr(), on=False)
    lines = text.split("\n")
    run = paragraph.add_run(lines[0])
    for line in lines[1:]:
        run.add_break()
        run.add_text(line)
    set_run_font(run, font, size_pt, bold)
    return paragraph


def add_title(parent: Container, text: str) -> Paragraph:
    """The title: 2号 方正小标宋简体, centred; "\\n" splits a long title into lines."""
    paragraph = add_text(parent, text, font=FONT_TITLE, size_pt=TITLE_PT, align="center", grid=False)
    # A 22 pt line needs more than the 28.95 pt body pitch or the glyphs touch.
    paragraph.paragraph_format.line_spacing = Pt(36)
    return paragraph


def add_doc_no(parent: Container, text: str, align: str = "center") -> Paragraph:
    """The 文号 line under the title (e.g. 锦府办依复〔2024〕3号), centred or right-aligned."""
    return add_text(parent, text, align=align, right_indent_chars=1 if align == "right" else 0)


def add_addressee(parent: Container, text: str) -> Paragraph:
    """The addressee line (申请人名称：), flush left with no indent."""
    return add_text(parent, text, align="left")


def add_body(parent: Container, text: str) -> Paragraph:
    """A body paragraph: 3号 仿宋, justified, first line indented two characters."""
    return add_text(parent, text, first_line_indent=True)


def add_heading(parent: Container, level: int, text: str) -> Paragraph:
    """Headings 一、(黑体) / （一）(楷体) / 1.(仿宋), indented like body text.

    Plain paragraphs with an outline level rather than Word's "Heading N" styles, which
    would bring their own theme fonts, colours and spacing into an official document.
    """
    if level not in _HEADING_FONTS:
        raise ValueError(f"heading level must be 1, 2 or 3, not {level}")
    paragraph = add_text(parent, text, font=_HEADING_FONTS[level], first_line_indent=True)
    set_child(paragraph._p.get_or_add_pPr(), "w:outlineLvl", {"w:val": str(level - 1)})
    return paragraph


def add_blank(parent: Container, lines: int = 1) -> None:
    for _ in range(lines):
        add_text(parent, "")


def add_note(parent: Container, text: str) -> Paragraph:
    """附注 under the date, e.g. （联系电话：…）: indented two characters (GB/T 9704 7.3.6)."""
    return add_text(parent, text, first_line_indent=True)


def text_width_chars(text: str) -> float:
    """Printed width of `text` in body characters: Chinese and full-width 1, Latin and digits ½."""
    return sum(0.5 if ord(ch) < 0x2E80 and ch not in "“”‘’—…·" else 1.0 for ch in text)


def signature_indent_chars(org: str, date: str) -> float:
    """Right indent (in characters) that centres the organisation name over a date set four
    characters in from the right margin (GB/T 9704 7.3.5.1); 0 when the name is wider."""
    return max(0.0, 4 + (text_width_chars(date) - text_width_chars(org)) / 2)


def add_signature(parent: Container, org: str, date: str, *, seal: str | None = None) -> list[Paragraph]:
    """Organisation and date (GB/T 9704 7.3.5.1): the date right-aligned four characters in from
    the right margin, the organisation name centred over the date.

    The seal goes over both lines; the blank lines an office leaves above them are its room, so
    nothing is printed for it unless `seal` asks for a marker after the name.
    """
    org_line = org + (seal or "")
    return [
        add_text(parent, org_line, align="right", right_indent_chars=signature_indent_chars(org_line, date)),
        add_text(parent, date, align="right", right_indent_chars=4),
    ]


def format_date(day: dt.date) -> str:
    """A date as written in official documents: Arabic numerals, no leading zeros (2024年3月5日)."""
    return f"{day.year}年{day.month}月{day.day}日"


def _page_number(paragraph: Paragraph, side: str) -> None:
    # “— 1 —” in 4号 半角宋体: digits in 宋体 too (latin=宋体), so they are half-width SimSun.
    paragraph.paragraph_format.alignment = _ALIGN[side]
    indent = Pt(PAGE_NO_PT)  # one character in from the edge
    if side == "right":
        paragraph.paragraph_format.right_indent = indent
    else:
        paragraph.paragraph_format.left_indent = indent
    paragraph.paragraph_format.line_spacing = 1.0
    set_snap_to_grid(paragraph._p.get_or_add_pPr(), on=False)
    lead = set_run_font(paragraph.add_run("— "), FONT_SONG, PAGE_NO_PT, latin=FONT_SONG)
    add_field(paragraph._p, "PAGE", "1", lead._r.get_or_add_rPr())
    set_run_font(paragraph.add_run(" —"), FONT_SONG, PAGE_NO_PT, latin=FONT_SONG)
