"""Suggested marks: the publishing checks' detectors (app.review.checks) plus detectors.py.

A suggestion is a Mark with origin "suggestion", the detector's kind, and the kind's default
ground; the clerk accepts, rejects or re-grounds each one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from app.redaction import detectors
from app.redaction.grounds import Ground
from app.redaction.model import Mark, Page, Rect, covered
from app.review.checks import WordLists, run_checks

# Which findings of the publishing checks are things to hide (not wording errors or bad links).
DEFAULT_GROUNDS: dict[str, Ground] = {
    "privacy-id": Ground.PRIVACY,
    "privacy-phone": Ground.PRIVACY,
    "privacy-bankcard": Ground.PRIVACY,
    "privacy-landline": Ground.PRIVACY,
    "privacy-name": Ground.PRIVACY,
    "privacy-address": Ground.PRIVACY,
    "secret": Ground.STATE_SECRET,
    "sensitive-word": Ground.THREE_SAFETY,
}
KIND_LABELS: dict[str, str] = {
    "privacy-id": "身份证号码",
    "privacy-phone": "手机号码",
    "privacy-bankcard": "银行卡号",
    "privacy-landline": "固定电话",
    "privacy-name": "姓名",
    "privacy-address": "住址",
    "secret": "密级标注",
    "sensitive-word": "词库敏感词",
}
_NUMBER_KINDS = frozenset({"privacy-id", "privacy-phone", "privacy-bankcard", "privacy-landline"})

Span = tuple[int, int, str]


def find_spans(text: str, lists: WordLists | None = None) -> list[Span]:
    """(start, end, kind) of everything to suggest in `text`, merged where spans of a kind overlap."""
    spans: list[Span] = [
        (f.start, f.end, f.kind) for f in run_checks(text, lists) if f.kind in DEFAULT_GROUNDS
    ]
    spans += detectors.find_landlines(text)
    numbers = [(s, e) for s, e, k in spans if k in _NUMBER_KINDS]
    spans += detectors.find_names(text, numbers)
    spans += detectors.find_addresses(text)
    return _merge(spans)


def _merge(spans: Iterable[Span]) -> list[Span]:
    """Overlapping spans become one, named after the first (a phone inside an address stays one box)."""
    merged: list[Span] = []
    for start, end, kind in sorted(spans):
        if merged and start < merged[-1][1]:
            s, e, k = merged[-1]
            merged[-1] = (s, max(e, end), k)
        else:
            merged.append((start, end, kind))
    return merged


def page_suggestions(page: Page, lists: WordLists | None = None) -> list[Mark]:
    text = page.text
    marks = []
    for start, end, kind in find_spans(text, lists):
        rects = page.span_rects(start, end)
        if rects:
            marks.append(
                Mark(page.index, tuple(rects), DEFAULT_GROUNDS[kind], text[start:end], "suggestion", kind)
            )
    return marks


def document_suggestions(
    pages: Iterable[Page], lists: WordLists | None = None, progress: Callable[[int], None] | None = None
) -> list[Mark]:
    marks: list[Mark] = []
    for n, page in enumerate(pages, start=1):
        marks += page_suggestions(page, lists)
        if progress is not None:
            progress(n)
    return marks


def occurrences(page: Page, needle: str, ground: Ground) -> list[Mark]:
    """"Mark every occurrence": each place `needle` appears on the page, ignoring spaces and line breaks."""
    wanted = "".join(needle.split())
    if not wanted:
        return []
    text = page.text
    # Map positions of the text without whitespace back to the page's characters.
    keep = [i for i, ch in enumerate(text) if not ch.isspace()]
    compact = "".join(text[i] for i in keep)
    marks = []
    for m in re.finditer(re.escape(wanted), compact):
        start, end = keep[m.start()], keep[m.end() - 1] + 1
        rects = page.span_rects(start, end)
        if rects:
            marks.append(Mark(page.index, tuple(rects), ground, text[start:end], "text", "occurrence"))
    return marks


def text_under(page: Page, rects: Iterable[Rect]) -> str:
    """The page text a set of rectangles covers (what a drawn rectangle hides), in reading order."""
    areas = list(rects)
    return "".join(c.text for c in page.chars if c.box is not None and covered(c.box, areas))
