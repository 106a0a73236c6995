"""Marks as stored or typed (a marks file, the database), and what kind of file a source is.

Light on purpose (no PDF or image library): the case service and the command-line parser import
it at start-up; the heavy work is in app.redaction.run, imported when a copy is made.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any, Literal

from app.errors import ValidationError
from app.redaction.grounds import Ground, parse_ground
from app.redaction.model import Rect

SourceKind = Literal["pdf", "image", "docx"]
RectTuple = tuple[float, float, float, float]
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp")


def source_kind(filename: str) -> SourceKind:
    suffix = PurePath(filename).suffix.lower()
    if suffix == ".pdf":
        return "pdf"
    if suffix in IMAGE_SUFFIXES:
        return "image"
    if suffix == ".docx":
        return "docx"
    raise ValidationError(
        f"“{filename}”的格式不能做遮盖处理：请使用 PDF、图片（PNG/JPG/TIFF）或 Word（.docx）文件。"
        "旧版 .doc/.wps 文件请先在 Word 或 WPS 中另存为 .docx。"
    )


@dataclass(frozen=True, slots=True)
class MarkSpec:
    """A mark as stored or typed: `rects` on `page` (1-based), or `text` (on `page`, or everywhere).

    A span over two lines is one mark with two rectangles; `text`, when given with rectangles, is
    what they hide (the editor records it; otherwise it is read from the page).
    """

    ground: Ground
    page: int | None = None
    rects: tuple[RectTuple, ...] = ()
    text: str = ""
    # A docx span: paragraph index and offsets (what the GUI stores for a .docx).
    paragraph: int | None = None
    start: int | None = None
    end: int | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"ground": self.ground.value}
        if self.page is not None:
            out["page"] = self.page
        if len(self.rects) == 1:
            out["rect"] = list(self.rects[0])
        elif self.rects:
            out["rects"] = [list(r) for r in self.rects]
        for key in ("text", "paragraph", "start", "end"):
            value = getattr(self, key)
            if value not in (None, ""):
                out[key] = value
        return out


def _rect(value: Any) -> RectTuple | None:
    if not (isinstance(value, list) and len(value) == 4 and all(isinstance(v, int | float) for v in value)):
        return None
    r = Rect.of(*[float(v) for v in value])
    return (r.x0, r.y0, r.x1, r.y1)


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
        raw_rects = [item["rect"]] if item.get("rect") is not None else item.get("rects")
        text = str(item.get("text", "") or "")
        if page is not None and (not isinstance(page, int) or page < 1):
            raise ValidationError(f"第{n}个遮盖标记的页码“{page}”不正确：页码从 1 开始。")
        if raw_rects is not None:
            rects = [_rect(r) for r in raw_rects] if isinstance(raw_rects, list) else [None]
            if page is None or not rects or any(r is None for r in rects):
                raise ValidationError(f"第{n}个遮盖标记应写明页码和矩形 [x0, y0, x1, y1]（单位：磅，左上角为原点）。")
            specs.append(MarkSpec(ground, page, tuple(r for r in rects if r is not None), text))
        elif item.get("paragraph") is not None:
            try:
                where = int(item["paragraph"]), int(item["start"]), int(item["end"])
            except (KeyError, TypeError, ValueError):
                raise ValidationError(f"第{n}个遮盖标记应写明段落序号及起止位置。") from None
            specs.append(MarkSpec(ground, None, (), text, *where))
        elif text.strip():
            specs.append(MarkSpec(ground, page, (), text))
        else:
            raise ValidationError(f"第{n}个遮盖标记既无矩形也无文字，请补充。")
    return specs


def load_mark_specs(text: str) -> list[MarkSpec]:
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as err:
        raise ValidationError(f"遮盖标记文件不是有效的 JSON：第{err.lineno}行第{err.colno}列。") from None
    return parse_mark_specs(raw)


