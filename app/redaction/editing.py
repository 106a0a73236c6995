"""What the redaction view edits, without Qt: the marks, the suggestions and the clerk's answers.

The view shows pages and forwards gestures here; everything that decides what a gesture marks
(which characters a dragged selection takes, where every occurrence is) lives in this module, so
it is tested without widgets and the stored marks are the same whatever the screen did.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Literal

from app.redaction.grounds import Ground
from app.redaction.model import DocxMark, Mark, Page, Rect
from app.redaction.specs import MarkSpec
from app.redaction.suggest import KIND_LABELS, occurrences, text_under

Answer = Literal["open", "accepted", "rejected"]
MIN_DRAWN_POINTS = 3.0  # a click or a tiny drag is not a rectangle


@dataclass(frozen=True, slots=True)
class Suggestion:
    spec: MarkSpec
    kind: str
    answer: Answer = "open"

    @property
    def label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)


def spec_of(mark: Mark) -> MarkSpec:
    rects = tuple((r.x0, r.y0, r.x1, r.y1) for r in mark.rects)
    return MarkSpec(mark.ground, mark.page + 1, rects, mark.text)


def docx_spec_of(mark: DocxMark) -> MarkSpec:
    return MarkSpec(mark.ground, None, (), mark.text, mark.paragraph, mark.start, mark.end)


def _place(spec: MarkSpec) -> tuple[object, ...]:
    """Where a mark is: two marks at the same place are one."""
    return (spec.page, spec.rects, spec.paragraph, spec.start, spec.end)


def selected_span(page: Page, drag: Rect) -> tuple[int, int] | None:
    """The characters a text selection dragged over `drag` takes: from the first touched to the last."""
    touched = [i for i, c in enumerate(page.chars) if c.box is not None and c.box.overlap(drag) > 0]
    if not touched:
        return None
    return touched[0], touched[-1] + 1


class MarkEditor:
    """Marks of one document (stored form) plus the suggestions being reviewed."""

    def __init__(self, marks: Iterable[MarkSpec] = ()) -> None:
        self.marks: list[MarkSpec] = list(marks)
        self.suggestions: list[Suggestion] = []
        self.changed = False

    # -- marks ---------------------------------------------------------------------------------
    def add(self, spec: MarkSpec) -> int:
        self.marks.append(spec)
        self.changed = True
        return len(self.marks) - 1

    def add_rect(self, page: Page, drawn: Rect, ground: Ground) -> int | None:
        """A rectangle drawn by hand; it records the text it hides where the page has text."""
        if drawn.width < MIN_DRAWN_POINTS or drawn.height < MIN_DRAWN_POINTS:
            return None
        text = text_under(page, [drawn])
        return self.add(MarkSpec(ground, page.index + 1, ((drawn.x0, drawn.y0, drawn.x1, drawn.y1),), text))

    def add_selection(self, page: Page, drag: Rect, ground: Ground) -> int | None:
        """Text selected by dragging over it: the whole characters, line by line."""
        span = selected_span(page, drag)
        if span is None:
            return None
        rects = page.span_rects(*span)
        if not rects:
            return None
        mark = Mark(page.index, tuple(rects), ground, page.text[span[0] : span[1]], "text")
        return self.add(spec_of(mark))

    def selection_text(self, page: Page, drag: Rect) -> str:
        span = selected_span(page, drag)
        return page.text[span[0] : span[1]] if span else ""

    def mark_everywhere(self, pages: Iterable[Page], text: str, ground: Ground) -> int:
        """Mark every occurrence of `text` on `pages` that is not already marked; returns how many."""
        return self.add_new(spec_of(m) for page in pages for m in occurrences(page, text, ground))

    def add_new(self, specs: Iterable[MarkSpec]) -> int:
        """Add the marks not already there; returns how many were added."""
        have = {_place(m) for m in self.marks}
        added = 0
        for spec in specs:
            if _place(spec) not in have:
                self.add(spec)
                have.add(_place(spec))
                added += 1
        return added

    def remove(self, index: int) -> None:
        del self.marks[index]
        self.changed = True

    def set_ground(self, index: int, ground: Ground) -> None:
        self.marks[index] = replace(self.marks[index], ground=ground)
        self.changed = True

    def on_page(self, page_index: int) -> list[tuple[int, MarkSpec]]:
        """(index, mark) of the marks drawn on a 0-based page."""
        return [(i, m) for i, m in enumerate(self.marks) if m.page == page_index + 1 and m.rects]

    # -- suggestions ---------------------------------------------------------------------------
    def set_suggestions(self, found: Iterable[tuple[MarkSpec, str]]) -> None:
        """New suggestions as (mark, detector kind); those already marked (same place) are left out."""
        have = {_place(m) for m in self.marks}
        self.suggestions = [Suggestion(spec, kind) for spec, kind in found if _place(spec) not in have]

    def set_page_suggestions(self, marks: Iterable[Mark]) -> None:
        self.set_suggestions((spec_of(m), m.kind) for m in marks)

    def set_docx_suggestions(self, marks: Iterable[DocxMark]) -> None:
        self.set_suggestions((docx_spec_of(m), m.kind) for m in marks)

    def accept(self, index: int, ground: Ground | None = None) -> None:
        s = self.suggestions[index]
        if s.answer == "accepted":
            return
        spec = s.spec if ground is None else replace(s.spec, ground=ground)
        self.add(spec)
        self.suggestions[index] = Suggestion(spec, s.kind, "accepted")

    def reject(self, index: int) -> None:
        s = self.suggestions[index]
        if s.answer == "accepted":  # taking back an accepted one removes its mark too
            self.marks = [m for m in self.marks if _place(m) != _place(s.spec)]
            self.changed = True
        self.suggestions[index] = Suggestion(s.spec, s.kind, "rejected")

    def accept_all_open(self) -> int:
        count = 0
        for i, s in enumerate(self.suggestions):
            if s.answer == "open":
                self.accept(i)
                count += 1
        return count

    def open_count(self) -> int:
        return sum(1 for s in self.suggestions if s.answer == "open")

    def hidden_text_on(self, page: Page) -> str:
        """What the page's marks hide (for the list's 内容 column when a mark recorded none)."""
        rects = [Rect(*r) for _, m in self.on_page(page.index) for r in m.rects]
        return text_under(page, rects)
