"""One entry point for a whole file: suggestions and/or given marks in, the released copy out.

Used by the command line and by the case service, so both produce the same copy from the same
marks. Marks given from outside (a marks file, the database) are `MarkSpec`s: an area on a page,
or a text to mark wherever it occurs.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from app.errors import ValidationError
from app.redaction.docx_redact import read_paragraphs, redact_docx
from app.redaction.docx_support import docx_occurrences, docx_suggestions, docx_to_pdf
from app.redaction.document import PageDocument, source_kind
from app.redaction.engine import redact_document
from app.redaction.grounds import Ground, parse_ground
from app.redaction.model import DocxMark, Mark, Rect
from app.redaction.suggest import document_suggestions, occurrences
from app.review.checks import WordLists

OutputFormat = Literal["pdf", "docx"]


@dataclass(frozen=True, slots=True)
class MarkSpec:
    """A mark as stored or typed: `rect` on `page` (1-based), or `text` (on `page`, or everywhere)."""

    ground: Ground
    page: int | None = None
    rect: tuple[float, float, float, float] | None = None
    text: str = ""
    # A docx span: paragraph index and offsets (what the GUI stores for a .docx).
    paragraph: int | None = None
    start: int | None = None
    end: int | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"ground": self.ground.value}
        for key in ("page", "rect", "text", "paragraph", "start", "end"):
            value = getattr(self, key)
            if value not in (None, ""):
                out[key] = list(value) if key == "rect" else value
        return out


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


def parse_mark_specs(raw: Any) -> list[MarkSpec]:
    """Marks from JSON: a list, or {"marks": [...]}; each with "ground" and "page"+"rect" or "text"."""
    items = raw.get("marks") if isinstance(raw, dict) else raw
    if not isinstance(items, list):
        raise ValidationError("遮盖标记文件格式不正确：应为标记列表，或含 \"marks\" 列表的对象。")
    specs = []
    for n, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise ValidationError(f"第{n}个遮盖标记格式不正确：应为对象。")
        ground = parse_ground(str(item.get("ground", "")))
        page = item.get("page")
        rect = item.get("rect")
        text = str(item.get("text", "") or "")
        if page is not None and (not isinstance(page, int) or page < 1):
            raise ValidationError(f"第{n}个遮盖标记的页码“{page}”不正确：页码从 1 开始。")
        if rect is not None:
            if page is None or not (isinstance(rect, list) and len(rect) == 4
                                    and all(isinstance(v, int | float) for v in rect)):
                raise ValidationError(f"第{n}个遮盖标记应写明页码和矩形 [x0, y0, x1, y1]（单位：磅，左上角为原点）。")
            r = Rect.of(*[float(v) for v in rect])
            specs.append(MarkSpec(ground, page, (r.x0, r.y0, r.x1, r.y1)))
        elif item.get("paragraph") is not None:
            specs.append(MarkSpec(ground, None, None, text, int(item["paragraph"]), int(item["start"]),
                                  int(item["end"])))
        elif text.strip():
            specs.append(MarkSpec(ground, page, None, text))
        else:
            raise ValidationError(f"第{n}个遮盖标记既无矩形也无文字，请补充。")
    return specs


def load_mark_specs(text: str) -> list[MarkSpec]:
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as err:
        raise ValidationError(f"遮盖标记文件不是有效的 JSON：第{err.lineno}行第{err.colno}列。") from None
    return parse_mark_specs(raw)


def page_marks(doc: PageDocument, specs: list[MarkSpec]) -> list[Mark]:
    marks: list[Mark] = []
    for spec in specs:
        if spec.page is not None and not 1 <= spec.page <= doc.page_count:
            raise ValidationError(f"遮盖标记指向第{spec.page}页，但该文件只有{doc.page_count}页。")
        if spec.rect is not None and spec.page is not None:
            marks.append(Mark(spec.page - 1, (Rect(*spec.rect),), spec.ground, spec.text, "manual"))
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
        elif spec.rect is not None:
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
