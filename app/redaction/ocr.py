"""Offline OCR of scanned pages with rapidocr-onnxruntime (Apache-2.0), an optional extra.

The wheel carries its Chinese detection and recognition models, so nothing is downloaded at run
time. The engine is loaded once per process on first use (it takes a few seconds) and returns,
per text line, each character with its own box, which is what a mark and the text layer need.
"""

from __future__ import annotations

import functools
import threading
from typing import Any

from app.errors import ValidationError
from app.redaction.model import Char, Rect

_LOCK = threading.Lock()


def ocr_available() -> bool:
    try:
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


@functools.cache
def _engine() -> Any:
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError:
        raise ValidationError(
            "本机未安装文字识别（OCR）组件，扫描件无法自动识别文字。"
            "请安装含 OCR 的版本，或直接在页面上框选需要遮盖的区域。"
        ) from None
    return RapidOCR()


def recognise(image: Any, scale: float) -> list[Char]:
    """Characters of a PIL image, boxes divided by `scale` (pixels per point), lines separated by "\\n"."""
    import numpy as np

    with _LOCK:  # one onnxruntime session; calls from two threads would only queue inside it
        # No angle classifier: office scans are upright, and it doubles the time of a page.
        result, _ = _engine()(np.asarray(image.convert("RGB")), return_word_box=True, use_cls=False)
    chars: list[Char] = []
    for line in sorted(result or [], key=lambda r: (_top(r[0]), _left(r[0]))):
        text: str = line[1]
        boxes = line[3] if len(line) > 3 else None
        letters = line[4] if len(line) > 4 else None
        if boxes and letters and "".join(letters) == text.replace(" ", "") and len(boxes) == len(letters):
            for letter, quad in zip(letters, boxes, strict=True):
                chars.append(Char(letter, _rect(quad, scale)))
        else:
            # No per-character boxes: share the line's width among its characters.
            chars.extend(_split_line(text.replace(" ", ""), _rect(line[0], scale)))
        chars.append(Char("\n", None))
    return chars


def _top(quad: Any) -> float:
    return float(min(p[1] for p in quad))


def _left(quad: Any) -> float:
    return float(min(p[0] for p in quad))


def _rect(quad: Any, scale: float) -> Rect:
    xs = [float(p[0]) for p in quad]
    ys = [float(p[1]) for p in quad]
    return Rect(min(xs) / scale, min(ys) / scale, max(xs) / scale, max(ys) / scale)


def _split_line(text: str, box: Rect) -> list[Char]:
    if not text:
        return []
    # Latin letters and digits are about half as wide as Chinese characters.
    weights = [0.5 if ch.isascii() else 1.0 for ch in text]
    unit = box.width / sum(weights)
    x = box.x0
    chars = []
    for ch, w in zip(text, weights, strict=True):
        chars.append(Char(ch, Rect(x, box.y0, x + w * unit, box.y1)))
        x += w * unit
    return chars
