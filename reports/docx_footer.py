"""A small line at the foot of every page of a finished .docx (the audit code, 审计校验码).

A hook, not a layout: it appends one small paragraph to each section's footers (default, even and
first page, where the document uses them) and leaves the template's own footer content alone.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

FONT = "仿宋_GB2312"
SIZE_PT = 7.5


def _note(paragraph: Paragraph, text: str) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
    run = paragraph.add_run(text)
    run.font.size = Pt(SIZE_PT)
    run.font.name = FONT
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), FONT)


def add_footer_note(path: Path, text: str) -> None:
    """Append `text` to the footers of the document at `path`, in place (the caller's temp file)."""
    if not text:
        return
    doc = Document(str(path))
    note_footers(doc, text)
    doc.save(str(path))


def note_footers(doc: DocxDocument, text: str) -> None:
    """Append `text` to the footers of a document being built (before it is saved)."""
    if not text:
        return
    even = doc.settings.odd_and_even_pages_header_footer
    for section in doc.sections:
        footers = [section.footer]
        if even:
            footers.append(section.even_page_footer)
        if section.different_first_page_header_footer:
            footers.append(section.first_page_footer)
        for footer in footers:
            footer.is_linked_to_previous = False
            _note(footer.add_paragraph(), text)
