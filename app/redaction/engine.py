"""Producing the released copy (公开件) of a PDF or image, and checking it leaks nothing.

`redact_document` turns a PageDocument and its marks into PDF bytes (see pdf_writer for why every
page is rebuilt) and then reads the result back: if any text under a mark can still be extracted
while it appears nowhere outside the marks, the copy is refused rather than released.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from app.errors import UserError, ValidationError
from app.redaction.document import PageDocument
from app.redaction.model import Char, Mark, Page, Rect, covered, unrotate
from app.redaction.pdf_writer import OutPage, burn_boxes, write_pdf
from app.redaction.suggest import text_under

OUTPUT_DPI = 150.0  # legible print of 五号 text, and a 100-page copy in well under the 30 s budget


class Cancelled(UserError):
    """The clerk cancelled a long run; nothing was written."""


@dataclass(frozen=True, slots=True)
class AppliedMark:
    page: int  # 0-based
    ground_value: str
    text: str  # what the mark hides ("" on a page without text)


@dataclass(frozen=True, slots=True)
class RedactionResult:
    data: bytes
    applied: tuple[AppliedMark, ...]
    page_count: int


def _check_marks(doc: PageDocument, marks: list[Mark]) -> None:
    for mark in marks:
        if not 0 <= mark.page < doc.page_count:
            raise ValidationError(f"遮盖标记指向第{mark.page + 1}页，但该文件只有{doc.page_count}页。")


def redact_document(
    doc: PageDocument,
    marks: list[Mark],
    *,
    ocr: bool = False,
    dpi: float = OUTPUT_DPI,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> RedactionResult:
    """The released copy of `doc` with `marks` applied; `ocr` reads pages without text first."""
    _check_marks(doc, marks)
    by_page: dict[int, list[Mark]] = {}
    for mark in marks:
        by_page.setdefault(mark.page, []).append(mark)
    out_pages: list[OutPage] = []
    applied: list[AppliedMark] = []
    pages: list[Page] = []
    total = doc.page_count
    for index in range(total):
        if cancelled is not None and cancelled():
            raise Cancelled("已取消生成公开件，未写入任何文件。")
        page = doc.recognise(index) if ocr and doc.needs_ocr(index) else doc.page(index)
        pages.append(page)
        page_marks = by_page.get(index, [])
        rects = [r for m in page_marks for r in m.rects]
        kept = [c for c in page.chars if c.box is None or not covered(c.box, rects)]
        boxes = [(r, m.ground.article) for m in page_marks for r in m.rects]
        out_pages.append(_out_page(doc, page, dpi, rects, boxes, kept))
        for m in page_marks:
            applied.append(AppliedMark(index, m.ground.value, m.text or text_under(page, m.rects)))
        if progress is not None:
            progress(index + 1, total)
    data = write_pdf(out_pages)
    verify_pdf(data, [a.text for a in applied], [c.text for p in out_pages for c in p.chars])
    return RedactionResult(data, tuple(applied), total)


def _out_page(doc: PageDocument, page: Page, dpi: float, rects: list[Rect], boxes: list[tuple[Rect, str]],
              kept: list[Char]) -> OutPage:
    """The released page. A turned source page (/Rotate) is rebuilt unturned and given the same
    /Rotate, so readers extract its text in reading order; marks are turned back to match."""
    turn = page.rotation
    if turn not in (90, 180, 270):
        image = doc.render(page.index, dpi)
        burn_boxes(image, rects, dpi / 72.0)
        return OutPage(page.width, page.height, image, boxes, kept)
    w, h = page.width, page.height
    back = [unrotate(r, turn, w, h) for r in rects]
    image = doc.render(page.index, dpi, unrotated=True)
    burn_boxes(image, back, dpi / 72.0)
    chars = [Char(c.text, unrotate(c.box, turn, w, h) if c.box else None) for c in kept]
    own_w, own_h = (h, w) if turn in (90, 270) else (w, h)
    return OutPage(own_w, own_h, image, [(unrotate(r, turn, w, h), t) for r, t in boxes], chars, turn)


def _compact(text: str) -> str:
    return "".join(text.split())


def extract_pdf_text(data: bytes) -> str:
    """All text pdfium reads from a PDF, pages joined."""
    import pypdfium2 as pdfium

    from app.redaction.pdf_source import PDFIUM_LOCK

    with PDFIUM_LOCK:
        return _extract(pdfium.PdfDocument(data))


def _extract(pdf: Any) -> str:
    try:
        parts = []
        for page in pdf:
            textpage = page.get_textpage()
            parts.append(textpage.get_text_range())
            textpage.close()
            page.close()
    finally:
        pdf.close()
    return "\n".join(parts)


def verify_pdf(data: bytes, hidden: list[str], kept_chars: list[str]) -> None:
    """Refuse the copy if a hidden text can be read from it although it is not also visible text.

    A hidden text that also occurs outside the marks (a name marked once but printed again
    unmarked) cannot be told apart, so only texts absent from the kept text are checked.
    """
    kept = _compact("".join(kept_chars))
    secrets = {s for s in (_compact(h) for h in hidden) if len(s) >= 2 and s not in kept}
    if not secrets:
        return
    found = _compact(extract_pdf_text(data))
    leaked = sorted(s for s in secrets if s in found)
    if leaked:
        raise ValidationError("生成的公开件中仍能读出被遮盖的文字，已停止生成。请将该文件报告给技术支持人员。")
