"""Reading a PDF with pypdfium2 (Apache-2.0/BSD): page sizes, text with character boxes, rendering.

pdfium is not thread-safe, not even for two different documents: every call into it holds
PDFIUM_LOCK, so the GUI may render thumbnails, compute suggestions and generate a copy on
different worker threads at once (they take turns page by page).
"""

from __future__ import annotations

import threading
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from app.errors import ValidationError
from app.redaction.model import Char, Page, Rect

PDFIUM_LOCK = threading.RLock()


def open_pdf(data: bytes, name: str = "") -> Any:
    label = f"“{name}”" if name else "该文件"
    try:
        with PDFIUM_LOCK:
            return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as err:
        if "password" in str(err).lower():
            raise ValidationError(f"{label}有打开密码，请先去除密码后再添加。") from None
        raise ValidationError(f"{label}不是有效的 PDF 文件，或已损坏：{err}") from None


def read_page(pdf: Any, index: int) -> Page:
    """Page `index` with its text layer (if any) in top-left coordinates."""
    with PDFIUM_LOCK:
        return _read_page(pdf, index)


def _read_page(pdf: Any, index: int) -> Page:
    page = pdf[index]
    try:
        width, height = page.get_size()
        textpage = page.get_textpage()
        try:
            chars = _chars(textpage, height)
        finally:
            textpage.close()
    finally:
        page.close()
    has_text = any(c.box is not None and not c.text.isspace() for c in chars)
    return Page(index, width, height, chars if has_text else [], "pdf" if has_text else "none")


def _chars(textpage: Any, height: float) -> list[Char]:
    raw = textpage.raw
    chars: list[Char] = []
    for i in range(textpage.count_chars()):
        code = pdfium_c.FPDFText_GetUnicode(raw, i)
        if not code:
            continue
        text = chr(code)
        if pdfium_c.FPDFText_IsGenerated(raw, i) == 1 or text in "\r\n":
            chars.append(Char(text, None))
            continue
        # The loose box is the glyph's advance by the font's ascent/descent: it covers the ink
        # fully, so a box drawn from it hides the character, and neighbours do not overlap.
        left, bottom, right, top = textpage.get_charbox(i, loose=True)
        if right <= left or top <= bottom:
            chars.append(Char(text, None))
            continue
        chars.append(Char(text, Rect(left, height - top, right, height - bottom)))
    return chars


def page_size(pdf: Any, index: int) -> tuple[float, float]:
    with PDFIUM_LOCK:
        page = pdf[index]
        try:
            width, height = page.get_size()
        finally:
            page.close()
    return float(width), float(height)


def close_pdf(pdf: Any) -> None:
    with PDFIUM_LOCK:
        pdf.close()


def render_page(pdf: Any, index: int, dpi: float) -> Any:
    """The page as a PIL image (RGB) at `dpi`, annotations and form fields drawn as they show."""
    with PDFIUM_LOCK:
        return _render(pdf, index, dpi)


def _render(pdf: Any, index: int, dpi: float) -> Any:
    page = pdf[index]
    try:
        bitmap = page.render(scale=dpi / 72.0, may_draw_forms=True, draw_annots=True)
        image = bitmap.to_pil().convert("RGB")
        bitmap.close()
    finally:
        page.close()
    return image
