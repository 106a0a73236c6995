"""Offline OCR of scanned pages with rapidocr-onnxruntime (Apache-2.0), an optional extra.

The wheel carries its Chinese detection and recognition models, so nothing is downloaded at run
time. The engine is loaded once per process on first use (it takes a few seconds; the redaction
view starts it in the background with `warm_up`) and returns, per text line, each character with
its own box, which is what a mark and the text layer need.

Speed (issue 15: ≤ 3 s for a scanned A4 page), measured on the bench page with the same text read:
- text detection runs with the longest side at 960 pixels (PaddleOCR's own default; rapidocr 1.4
  ignores `det_limit_side_len` with `det_limit_type=max` and detects a 150 dpi A4 page at full
  size). Boxes are scaled back and the lines are still cut from the full picture for
  recognition, so recognition sees every pixel; detection CPU time drops by about 60 %;
- onnxruntime runs two threads that sleep when idle instead of spinning: spinning threads burnt
  about 40 % more CPU than the work itself, which on a shared or busy PC slows everything (8.7 → 4.9 s of
  CPU per bench page with both changes). Recognition (about 3.7 s of CPU) is what is left;
- no angle classifier (office scans are upright).
Pages are read one at a time: with two threads per page a second page in parallel would only
compete for the same cores.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import threading
from typing import Any

from app.errors import ValidationError
from app.redaction.model import Char, Rect

_LOCK = threading.Lock()
DET_MAX_SIDE = 960
THREADS = 2
_warming: threading.Thread | None = None


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
        from rapidocr_onnxruntime.ch_ppocr_det.utils import DetPreProcess
        from rapidocr_onnxruntime.utils.infer_engine import OrtInferSession
    except ImportError:
        raise ValidationError(
            "本机未安装文字识别（OCR）组件，扫描件无法自动识别文字。"
            "请安装含 OCR 的版本，或直接在页面上框选需要遮盖的区域。"
        ) from None
    import onnxruntime

    # Official onnxruntime builds send usage events to Windows' telemetry (ETW) unless told not to;
    # nothing about a county's documents should leave the PC, not even how often OCR runs.
    onnxruntime.disable_telemetry_events()
    # rapidocr 1.4 offers no way to pass onnxruntime session options: its own builder is wrapped
    # while the engine is made (callers hold _LOCK, so nothing else builds sessions meanwhile).
    own_options = OrtInferSession.__dict__["_init_sess_opts"]

    def options(config: dict[str, Any]) -> Any:
        opts = own_options.__func__(config)
        opts.intra_op_num_threads = THREADS
        opts.inter_op_num_threads = 1
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
        return opts

    OrtInferSession._init_sess_opts = staticmethod(options)
    try:
        engine = RapidOCR()
    finally:
        OrtInferSession._init_sess_opts = own_options
    det = engine.text_det
    det.get_preprocess = lambda _longest: DetPreProcess(DET_MAX_SIDE, "max", det.mean, det.std)
    return engine


def warm_up() -> threading.Thread | None:
    """Load the engine on a background thread, so the first page read does not wait for it;
    None when OCR is not installed or the engine is already loaded. Cheap on the calling (GUI)
    thread: even the package is imported on the background thread."""
    global _warming
    if _engine.cache_info().currsize or (_warming is not None and _warming.is_alive()):
        return None
    if importlib.util.find_spec("rapidocr_onnxruntime") is None:
        return None

    def load() -> None:
        # A failure is not cached: the first real use raises it again and the clerk is told.
        with _LOCK, contextlib.suppress(Exception):
            _engine()

    _warming = threading.Thread(target=load, name="ocr-warm-up", daemon=True)
    _warming.start()
    return _warming


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
