"""The slow parts of the redaction view, as work for run_task (off the GUI thread, with progress and
cancel): reading every page to mark a text everywhere, suggestions, generating the released copy."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from app.review.checks.wordlists import WordLists
from ui.context import AppContext
from ui.workers import Progress

if TYPE_CHECKING:
    from app.redaction.document import PageDocument


def read_pages(doc: PageDocument, label: str) -> Callable[[Progress], list[Any]]:
    """Every page of `doc` read (for 标记所有相同文字); `label` is the progress text."""

    def work(progress: Progress) -> list[Any]:
        pages = []
        for i in range(doc.page_count):
            progress.check()
            progress.report(i, doc.page_count, label)
            pages.append(doc.page(i))
        return pages

    return work


def docx_suggestions_of(data: bytes, lists: WordLists, busy: str) -> Callable[[Progress], list[Any]]:
    """Suggestions for a Word document's paragraphs; `busy` is the progress text."""
    from app.redaction.docx_redact import read_paragraphs
    from app.redaction.docx_support import docx_suggestions

    def work(progress: Progress) -> list[Any]:
        progress.report(0, 0, busy)
        return docx_suggestions(read_paragraphs(data), lists)

    return work


def page_suggestions_of(doc: PageDocument, lists: WordLists, ocr: bool, label: str
                        ) -> Callable[[Progress], tuple[list[Any], list[Any]]]:
    """Suggestions for every page, and the pages read (recognised first when `ocr` and a scan);
    `label` is the progress text with {n} and {t}."""
    from app.redaction.suggest import page_suggestions

    def work(progress: Progress) -> tuple[list[Any], list[Any]]:
        marks, pages = [], []
        for i in range(doc.page_count):
            progress.check()
            progress.report(i, doc.page_count, label.format(n=i + 1, t=doc.page_count))
            page = doc.recognise(i) if ocr and doc.needs_ocr(i) else doc.page(i)
            pages.append(page)
            marks += page_suggestions(page, lists)
        return marks, pages

    return work


def released_copy_of(ctx: AppContext, source_id: int, ocr: bool, label: str) -> Callable[[Progress], int]:
    """The released copy of the source document generated and stored; its id. `label` as above."""
    from app.redaction.service import generate_released_copy

    def work(progress: Progress) -> int:
        with ctx.unit_of_work() as s:
            copy = generate_released_copy(
                s, ctx.actor, source_id, ocr=ocr,
                progress=lambda d, t: progress.report(d, t, label.format(n=d, t=t)),
                cancelled=lambda: progress.cancelled,
            )
            return copy.id

    return work
