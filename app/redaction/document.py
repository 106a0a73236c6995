"""A document to be released, opened for redaction: a PDF (text or scanned) or an image.

.docx files are handled apart (app.redaction.docx_redact): their marks are text spans, not areas.
One instance belongs to one thread at a time (pdfium is not thread-safe).
"""

from __future__ import annotations

import io
from typing import Any

from app.errors import ValidationError
from app.redaction import ocr, pdf_source
from app.redaction.model import Page
from app.redaction.specs import source_kind

ASSUMED_SCAN_DPI = 200.0  # an image without a resolution is taken to be a 200 dpi scan
OCR_DPI = 150.0  # 五号 text is 22 pixels high: read as well as at 200 dpi, in about half the time


class PageDocument:
    """Pages of a PDF or an image file, read lazily and cached."""

    def __init__(self, data: bytes, filename: str) -> None:
        self.filename = filename
        self.kind = source_kind(filename)
        if self.kind == "docx":
            raise ValidationError("Word 文件按文字遮盖，请使用 Word 遮盖功能。")
        self._pdf: Any = None
        self._frames: list[Any] = []
        self._pages: dict[int, Page] = {}
        self._closed = False
        if self.kind == "pdf":
            self._pdf = pdf_source.open_pdf(data, filename)
        else:
            self._frames = _image_frames(data, filename)

    def _require_open(self) -> None:
        if self._closed:
            raise ValidationError("该文件已关闭，请重新打开遮盖窗口。")

    def close(self) -> None:
        self._closed = True
        if self._pdf is not None:
            pdf_source.close_pdf(self._pdf)
            self._pdf = None

    def __enter__(self) -> PageDocument:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def page_count(self) -> int:
        return len(self._pdf) if self._pdf is not None else len(self._frames)

    def page(self, index: int) -> Page:
        """The page with its own text layer (none for images and scans until `recognise` runs)."""
        self._require_open()
        if index not in self._pages:
            if self._pdf is not None:
                self._pages[index] = pdf_source.read_page(self._pdf, index)
            else:
                image, dpi = self._frames[index]
                self._pages[index] = Page(index, image.width * 72 / dpi, image.height * 72 / dpi)
        return self._pages[index]

    def page_size(self, index: int) -> tuple[float, float]:
        """Width and height in points, without reading the page's text."""
        if index in self._pages:
            return self._pages[index].width, self._pages[index].height
        if self._pdf is not None:
            return pdf_source.page_size(self._pdf, index)
        image, dpi = self._frames[index]
        return image.width * 72 / dpi, image.height * 72 / dpi

    def render(self, index: int, dpi: float, unrotated: bool = False) -> Any:
        """The page as a PIL RGB image at `dpi` (as shown, or with its /Rotate undone)."""
        self._require_open()
        if self._pdf is not None:
            return pdf_source.render_page(self._pdf, index, dpi, unrotated)
        image, own_dpi = self._frames[index]
        if abs(own_dpi - dpi) < 0.5:
            return image.copy()
        size = (max(1, round(image.width * dpi / own_dpi)), max(1, round(image.height * dpi / own_dpi)))
        return image.resize(size)

    def needs_ocr(self, index: int) -> bool:
        return self.page(index).text_source == "none"

    def recognise(self, index: int) -> Page:
        """Read a page without a text layer with OCR; the result replaces the cached page."""
        page = self.page(index)
        if page.text_source != "none":
            return page
        image = self.render(index, OCR_DPI)
        chars = ocr.recognise(image, OCR_DPI / 72.0)
        page = Page(index, page.width, page.height, chars, "ocr" if chars else "none")  # OCR reads upright
        self._pages[index] = page
        return page


def _image_frames(data: bytes, filename: str) -> list[tuple[Any, float]]:
    from PIL import Image, ImageSequence, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
        frames = []
        for frame in ImageSequence.Iterator(image):  # a multi-page TIFF is one page per frame
            dpi = frame.info.get("dpi", (ASSUMED_SCAN_DPI, ASSUMED_SCAN_DPI))[0] or ASSUMED_SCAN_DPI
            frames.append((frame.convert("RGB"), float(dpi)))
    except (UnidentifiedImageError, OSError) as err:
        raise ValidationError(f"“{filename}”不是可识别的图片文件，或已损坏：{err}") from None
    if not frames:
        raise ValidationError(f"“{filename}”中没有图像。")
    return frames
