"""Characters beyond the BMP (rare name characters such as 𠮷, CJK Extension B) stay searchable in
a released copy's text layer, and can themselves be marked, without anything under a mark leaking."""

from __future__ import annotations

import pypdfium2 as pdfium
from PIL import Image

from app.redaction.document import PageDocument
from app.redaction.engine import redact_document
from app.redaction.grounds import Ground
from app.redaction.model import Char, Mark, Rect
from app.redaction.pdf_writer import OutPage, write_pdf
from tests.redaction.leak_views import compact, pdf_leaks, pdfium_text, pdfminer_text

YOSHI = "\U00020bb7"  # 𠮷, CJK Extension B
FIRST_B = "\U00020000"  # 𠀀
LINES = ["申请人张" + YOSHI + "，电话13812345678。", "经办人" + YOSHI + "野家", FIRST_B]


def _line(text: str, top: float) -> list[Char]:
    # Boxes side by side, one em (12 × 0.85, the size the writer picks) wide, as a reader gives them.
    return [Char(ch, Rect(72 + 10.2 * i, top, 82.2 + 10.2 * i, top + 12)) for i, ch in enumerate(text)]


def _source() -> bytes:
    chars: list[Char] = []
    for n, text in enumerate(LINES):
        chars += [*_line(text, 100 + 30 * n), Char("\n", None)]
    return write_pdf([OutPage(595, 842, Image.new("RGB", (1240, 1754), "white"), [], chars)])


def _pdfium_page_text(data: bytes) -> str:
    pdf = pdfium.PdfDocument(data)
    try:
        textpage = pdf[0].get_textpage()
        return str(textpage.get_text_range())
    finally:
        pdf.close()


def test_characters_beyond_the_bmp_are_in_the_text_layer() -> None:
    data = _source()
    text = compact(_pdfium_page_text(data))
    assert "申请人张" + YOSHI + "，电话13812345678。" in text
    assert "经办人" + YOSHI + "野家" in text
    assert FIRST_B in text  # alone on its line: a text object of one character
    assert "经办人" + YOSHI + "野家" in compact(pdfminer_text(data))


def test_a_source_character_beyond_the_bmp_is_one_character_and_can_be_marked() -> None:
    with PageDocument(_source(), "材料.pdf") as doc:
        page = doc.page(0)
        assert "张" + YOSHI + "，" in page.text  # one character, not two halves of a surrogate pair
        start = page.text.index("张" + YOSHI)
        mark = Mark(0, tuple(page.span_rects(start, start + 2)), Ground.PRIVACY, "张" + YOSHI)
        out = redact_document(doc, [mark]).data
    assert pdf_leaks(out, ["张" + YOSHI]) == []
    kept = compact(pdfium_text(out))
    assert "经办人" + YOSHI + "野家" in kept and "申请人" in kept and FIRST_B in kept
