"""The plain data of redaction: rectangles, characters with their boxes, pages, marks.

Coordinates are PDF points (1/72 inch) with the origin at the page's top-left corner and y
growing downwards, as on screen; the PDF reader converts from PDF's bottom-left origin once.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

from app.redaction.grounds import Ground

MarkOrigin = Literal["manual", "text", "suggestion"]


@dataclass(frozen=True, slots=True)
class Rect:
    x0: float
    y0: float
    x1: float
    y1: float

    @staticmethod
    def of(x0: float, y0: float, x1: float, y1: float) -> Rect:
        return Rect(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def area(self) -> float:
        return max(0.0, self.width) * max(0.0, self.height)

    def overlap(self, other: Rect) -> float:
        w = min(self.x1, other.x1) - max(self.x0, other.x0)
        h = min(self.y1, other.y1) - max(self.y0, other.y0)
        return w * h if w > 0 and h > 0 else 0.0

    def contains_point(self, x: float, y: float) -> bool:
        return self.x0 <= x <= self.x1 and self.y0 <= y <= self.y1

    def union(self, other: Rect) -> Rect:
        return Rect(min(self.x0, other.x0), min(self.y0, other.y0), max(self.x1, other.x1), max(self.y1, other.y1))

    def padded(self, d: float) -> Rect:
        return Rect(self.x0 - d, self.y0 - d, self.x1 + d, self.y1 + d)


@dataclass(frozen=True, slots=True)
class Char:
    """One character of a page's text; `box` is None for characters a reader generated (line breaks)."""

    text: str
    box: Rect | None


TextSource = Literal["pdf", "ocr", "none"]


@dataclass(slots=True)
class Page:
    index: int  # 0-based
    width: float
    height: float
    chars: list[Char] = field(default_factory=list)
    text_source: TextSource = "none"
    # The source page's /Rotate: its characters run down (90), right to left (180) or up (270) as shown.
    rotation: int = 0

    @property
    def text(self) -> str:
        return "".join(c.text for c in self.chars)

    def span_rects(self, start: int, end: int) -> list[Rect]:
        """The boxes of text[start:end], one per line (characters of one line merged)."""
        rects: list[Rect] = []
        joinable = False
        for ch in self.chars[start:end]:
            if ch.box is None:
                joinable = False  # a line break the reader generated: the next character starts a box
                continue
            if joinable and rects and _joins(rects[-1], ch.box):
                rects[-1] = rects[-1].union(ch.box)
            else:
                rects.append(ch.box)
            joinable = True
        return rects


def _joins(last: Rect, box: Rect) -> bool:
    """Whether `box` continues the run `last` along a line: across (horizontal text) or down (a
    page rotated by 90 or 270 degrees), with no more than a character's size between them."""
    h, w = min(last.height, box.height), min(last.width, box.width)
    y_overlap = min(last.y1, box.y1) - max(last.y0, box.y0)
    x_overlap = min(last.x1, box.x1) - max(last.x0, box.x0)
    gap_x = max(box.x0 - last.x1, last.x0 - box.x1)
    gap_y = max(box.y0 - last.y1, last.y0 - box.y1)
    across = h > 0 and y_overlap > h / 2 and gap_x < box.height
    down = w > 0 and x_overlap > w / 2 and gap_y < box.width and abs(last.width - box.width) < box.width
    return across or down


def unrotate(rect: Rect, rotation: int, width: float, height: float) -> Rect:
    """A rectangle of a page as shown (`width` x `height`, turned by /Rotate `rotation`) in the
    page's own, unturned space (top-left origin): the inverse of pdf_source._Display."""
    if rotation == 90:
        return Rect.of(rect.y0, width - rect.x0, rect.y1, width - rect.x1)
    if rotation == 180:
        return Rect.of(width - rect.x0, height - rect.y0, width - rect.x1, height - rect.y1)
    if rotation == 270:
        return Rect.of(height - rect.y0, rect.x0, height - rect.y1, rect.x1)
    return rect


COVER_SHARE = 0.15


def covered(box: Rect, rects: list[Rect]) -> bool:
    """Whether a character is (partly) under a mark and so leaves the text layer.

    Its centre inside a mark, or 15 % of its box under one: a rectangle drawn by hand that clips a
    character's edge takes it out of the text rather than leave a searchable letter half-hidden.
    """
    cx, cy = (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2
    area = box.area
    return any(r.contains_point(cx, cy) or (area > 0 and r.overlap(box) >= COVER_SHARE * area) for r in rects)


@dataclass(frozen=True, slots=True)
class Mark:
    """One area to redact on one page (0-based), with its ground.

    `text` is what lies under the mark where the page has text (for the 区分处理说明, the command
    line's masked output and the leak check); `kind` names the detector that proposed it.
    """

    page: int
    rects: tuple[Rect, ...]
    ground: Ground
    text: str = ""
    origin: MarkOrigin = "manual"
    kind: str = ""

    def with_ground(self, ground: Ground) -> Mark:
        return replace(self, ground=ground)


@dataclass(frozen=True, slots=True)
class DocxMark:
    """A text span to redact in a .docx: the `index`-th paragraph (document order) and offsets in it."""

    paragraph: int
    start: int
    end: int
    ground: Ground
    text: str = ""
    origin: MarkOrigin = "text"
    kind: str = ""


def mask_text(text: str) -> str:
    """What a screen or a log may show of redacted text: the first and last character at most."""
    t = "".join(text.split())
    if len(t) <= 2:
        return "*" * len(t)
    keep = 1 if len(t) < 8 else 3
    return t[:keep] + "*" * (len(t) - 2 * keep) + t[-keep:]
