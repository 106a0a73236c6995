"""One entry point for a whole file: suggestions and/or given marks in, the released copy out.

Used by the command line and by the case service, so both produce the same copy from the same
marks. Marks given from outside (a marks file, the database) are `MarkSpec`s: an area on a page,
or a text to mark wherever it occurs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from app.errors import ValidationError
from app.redaction.document import PageDocument
from app.redaction.docx_redact import read_paragraphs, redact_docx
from app.redaction.docx_support import docx_occurrences, docx_suggestions, docx_to_pdf
from app.redaction.engine import redact_document
from app.redaction.grounds import Ground
from app.redaction.model import DocxMark, Mark, Rect
from app.redaction.specs import MarkSpec, source_kind
from app.redaction.suggest import document_suggestions, occurrences
from app.review.checks import WordLists

OutputFormat = Literal["pdf", "docx"]


@dataclass(frozen=True, slots=True)
class Applied:
    page: int | None  # 1-based; None for a Word copy (no pages until printed)
    ground: Ground
    text: str


@dataclass(frozen=True, slots=True)
class FileResult:
    data: bytes
    suffix: str  # ".pdf" or ".docx"
    applied: tuple[Applied, ...]


def page_marks(doc: PageDocument, specs: list[MarkSpec]) -> list[Mark]:
    marks: list[Mark] = []
    for spec in specs:
        if spec.page is not None and not 1 <= spec.page <= doc.page_count:
            raise ValidationError(f"遮盖标记指向第{spec.page}页，但该文件只有{doc.page_count}页。")
        if spec.rects and spec.page is not None:
            rects = tuple(Rect(*r) for r in spec.rects)
            marks.append(Mark(spec.page - 1, rects, spec.ground, spec.text, "manual"))
        elif spec.text:
            pages = [spec.page - 1] if spec.page is not None else range(doc.page_count)
            for index in pages:
                marks += occurrences(doc.page(index), spec.text, spec.ground)
    return marks


def docx_marks(paragraphs: list[Any], specs: list[MarkSpec]) -> list[DocxMark]:
    marks: list[DocxMark] = []
    for spec in specs:
        if spec.paragraph is not None and spec.start is not None and spec.end is not None:
            text = paragraphs[spec.paragraph].text[spec.start : spec.end] if spec.paragraph < len(paragraphs) else ""
            marks.append(DocxMark(spec.paragraph, spec.start, spec.end, spec.ground, text, "text"))
        elif spec.rects:
            raise ValidationError("Word 文件只能按文字遮盖，不能按页面矩形遮盖；请改为写明要遮盖的文字。")
        elif spec.text:
            marks += docx_occurrences(paragraphs, spec.text, spec.ground)
    return marks


def redact_file(
    data: bytes,
    filename: str,
    specs: list[MarkSpec],
    *,
    auto: bool = False,
    ocr: bool = False,
    output: OutputFormat = "pdf",
    lists: WordLists | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> FileResult:
    """The released copy of one file. A .docx gives .docx or .pdf as `output` says; the rest give .pdf."""
    if source_kind(filename) == "docx":
        paragraphs = read_paragraphs(data, filename)
        dmarks = docx_marks(paragraphs, specs) + (docx_suggestions(paragraphs, lists) if auto else [])
        if not dmarks:
            return FileResult(b"", "", ())
        redacted = redact_docx(data, dmarks, filename)
        applied = tuple(Applied(None, m.ground, m.text) for m in dmarks)
        if output == "docx":
            return FileResult(redacted, ".docx", applied)
        kept = "".join(p.text for p in read_paragraphs(redacted))
        return FileResult(docx_to_pdf(redacted, [m.text for m in dmarks], kept), ".pdf", applied)
    with PageDocument(data, filename) as doc:
        if ocr:
            for index in range(doc.page_count):
                if doc.needs_ocr(index):
                    doc.recognise(index)
        marks = page_marks(doc, specs)
        if auto:
            marks += document_suggestions(doc.page(i) for i in range(doc.page_count))
        if not marks:
            return FileResult(b"", "", ())
        result = redact_document(doc, marks, progress=progress, cancelled=cancelled)
    applied = tuple(Applied(a.page + 1, Ground(a.ground_value), a.text) for a in result.applied)
    return FileResult(result.data, ".pdf", applied)
