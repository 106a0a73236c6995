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
        rotation = page.get_rotation() % 360
        textpage = page.get_textpage()
        try:
            chars = _chars(textpage, _Display(page))
        finally:
            textpage.close()
    finally:
        page.close()
    has_text = any(c.box is not None and not c.text.isspace() for c in chars)
    return Page(index, width, height, chars if has_text else [], "pdf" if has_text else "none", rotation)


class _Display:
    """Page space (PDF units, origin bottom-left of the media box) to the page as shown: the crop
    box's top-left corner at the origin, /Rotate applied, y downwards — what rendering produces, so
    a box drawn over a character on screen covers that character in the picture.
    """

    def __init__(self, page: Any) -> None:
        self.left, self.bottom, right, self.top = page.get_cropbox()
        self.width, self.height = right - self.left, self.top - self.bottom
        self.rotation = page.get_rotation() % 360

    def point(self, x: float, y: float) -> tuple[float, float]:
        u, v = x - self.left, self.top - y  # unrotated, from the crop box's top-left corner
        if self.rotation == 90:
            return self.height - v, u
        if self.rotation == 180:
            return self.width - u, self.height - v
        if self.rotation == 270:
            return v, self.width - u
        return u, v

    def rect(self, left: float, bottom: float, right: float, top: float) -> Rect:
        x0, y0 = self.point(left, bottom)
        x1, y1 = self.point(right, top)
        return Rect.of(x0, y0, x1, y1)


def _chars(textpage: Any, display: _Display) -> list[Char]:
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
        box = display.rect(left, bottom, right, top)
        last = chars[-1] if chars else None
        if last is not None and last.box is not None and _surrogates(last.text, text):
            # pdfium gives a character beyond the BMP (𠮷) as two halves of a surrogate pair: made
            # one again, so searching and the detectors see the character itself.
            whole = (last.text + text).encode("utf-16-be", "surrogatepass").decode("utf-16-be")
            chars[-1] = Char(whole, last.box.union(box))
            continue
        chars.append(Char(text, box))
    return chars


def _surrogates(high: str, low: str) -> bool:
    return "\ud800" <= high <= "\udbff" and "\udc00" <= low <= "\udfff"


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


def render_page(pdf: Any, index: int, dpi: float, unrotated: bool = False) -> Any:
    """The page as a PIL image (RGB) at `dpi`, annotations and form fields drawn as they show;
    `unrotated` undoes the page's /Rotate (the released copy keeps the source's /Rotate)."""
    with PDFIUM_LOCK:
        return _render(pdf, index, dpi, unrotated)


def _render(pdf: Any, index: int, dpi: float, unrotated: bool) -> Any:
    page = pdf[index]
    try:
        extra = (360 - page.get_rotation() % 360) % 360 if unrotated else 0
        bitmap = page.render(scale=dpi / 72.0, rotation=extra, may_draw_forms=True, draw_annots=True)
        image = bitmap.to_pil().convert("RGB")
        bitmap.close()
    finally:
        page.close()
    return image
