"""“副本” on a reprint of an issued letter: the stored document, unchanged, with a boxed mark at the
top right of every page. The mark is a framed paragraph in each header (w:framePr anchored to the
page), so it takes no room from the header's own content — a 信函格式 版头 stays where it was and
the text does not move: the copy is the issued letter, page for page.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from reports.docx_fonts import FONT_HEI
from reports.docx_layout import set_run_font

__all__ = ["COPY_MARK", "mark_copy"]

COPY_MARK = "副本"
_TOP_TWIPS = 567  # 10 mm from the top edge of the page: above the 37 mm text and a 版头
_WIDTH_TWIPS = 1300


def mark_copy(content: bytes) -> bytes:
    """The .docx `content` with “副本” on every page (every header in use: default, first, even)."""
    doc = Document(io.BytesIO(content))
    even = doc.settings.odd_and_even_pages_header_footer
    for index, section in enumerate(doc.sections):
        headers = [section.header]
        if even:
            headers.append(section.even_page_header)
        if section.different_first_page_header_footer:
            headers.append(section.first_page_header)
        for header in headers:
            if header.is_linked_to_previous and index > 0:
                continue  # shows the previous section's header, which is marked already
            header.is_linked_to_previous = False
            paragraph = header.add_paragraph()
            header._element.remove(paragraph._p)
            header._element.insert(0, paragraph._p)  # first, so it never follows a 版头 table
            _frame(paragraph._p)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            set_run_font(paragraph.add_run(COPY_MARK), FONT_HEI, 16, bold=True)
            paragraph.paragraph_format.space_before = Pt(0)
            paragraph.paragraph_format.space_after = Pt(0)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _frame(p: object) -> None:
    ppr = p.get_or_add_pPr()  # type: ignore[attr-defined]
    frame = OxmlElement("w:framePr")
    for key, value in (("w:w", str(_WIDTH_TWIPS)), ("w:wrap", "around"), ("w:vAnchor", "page"),
                       ("w:hAnchor", "margin"), ("w:xAlign", "right"), ("w:y", str(_TOP_TWIPS))):
        frame.set(qn(key), value)
    ppr.insert(0, frame)  # framePr comes before every other paragraph property (schema order)
    borders = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        edge = OxmlElement(f"w:{side}")
        for key, value in (("w:val", "single"), ("w:sz", "12"), ("w:space", "1"), ("w:color", "auto")):
            edge.set(qn(key), value)
        borders.append(edge)
    frame.addnext(borders)
