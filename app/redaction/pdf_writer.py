"""Writing a released copy (公开件) as a new PDF with pikepdf (MPL-2.0).

Each page is rebuilt from nothing: a picture of the page with the marks burnt into its pixels,
the grounds' short labels as white text on the boxes, and an invisible text layer holding only
the characters outside the marks. Nothing of the source file is copied — no content stream,
font, metadata, annotation, form field, attachment, earlier revision or thumbnail — so nothing
under a mark can survive in the output, whatever the source contained.

The text uses STSong-Light with the UniGB-UCS2-H encoding, a font every PDF reader must know
without embedding (PDF 32000, Adobe-GB1). Readers turn its codes into characters through the
Adobe-GB1 tables they carry; a /ToUnicode map is left out on purpose, because pdfminer applies
such a map to CIDs rather than codes and would then read garbage.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name

from app.redaction.model import Char, Rect

JPEG_QUALITY = 80
GREY_TOLERANCE = 12  # a scan's JPEG noise leaves grey pixels a little off between channels


@dataclass(slots=True)
class OutPage:
    width: float  # points
    height: float
    image: Any  # PIL RGB image of the whole page, marks already burnt in
    boxes: list[tuple[Rect, str]] = field(default_factory=list)  # (box, label) for the white labels
    chars: list[Char] = field(default_factory=list)  # the text layer (outside the marks only)
    rotation: int = 0  # the source page's /Rotate, kept: everything above is in the unturned page's space


def burn_boxes(image: Any, rects: Iterable[Rect], scale: float) -> None:
    """Paint the rectangles solid black into the image's pixels (scale = pixels per point)."""
    from PIL import ImageDraw

    draw = ImageDraw.Draw(image)
    for r in rects:
        # Rounded outwards: a partly covered pixel at the edge is painted too.
        box = (math.floor(r.x0 * scale) - 1, math.floor(r.y0 * scale) - 1,
               math.ceil(r.x1 * scale) + 1, math.ceil(r.y1 * scale) + 1)
        draw.rectangle(box, fill=(0, 0, 0))


def _font(pdf: pikepdf.Pdf) -> pikepdf.Object:
    descriptor = Dictionary(
        Type=Name.FontDescriptor, FontName=Name("/STSong-Light"), Flags=6,
        FontBBox=Array([-25, -254, 1000, 880]), ItalicAngle=0, Ascent=880, Descent=-120,
        CapHeight=880, StemV=93,
    )
    cid_font = Dictionary(
        Type=Name.Font, Subtype=Name.CIDFontType0, BaseFont=Name("/STSong-Light"),
        CIDSystemInfo=Dictionary(Registry=pikepdf.String("Adobe"), Ordering=pikepdf.String("GB1"), Supplement=2),
        FontDescriptor=pdf.make_indirect(descriptor), DW=1000,
    )
    font = Dictionary(
        Type=Name.Font, Subtype=Name.Type0, BaseFont=Name("/STSong-Light"), Encoding=Name("/UniGB-UCS2-H"),
        DescendantFonts=Array([pdf.make_indirect(cid_font)]),
    )
    return pdf.make_indirect(font)


def _is_gray(image: Any) -> bool:
    """Black-and-white pages (most office documents) are stored as grey: a third of the size."""
    from PIL import ImageChops

    r, g, b = image.convert("RGB").split()
    for x, y in ((r, g), (g, b)):
        low_high: Any = ImageChops.difference(x, y).getextrema()  # (min, max) for a one-band image
        if low_high[1] > GREY_TOLERANCE:
            return False
    return True


def _hex(text: str) -> str | None:
    """The UCS-2 code of a character, or None for what the encoding cannot carry (controls, non-BMP)."""
    if len(text) != 1 or ord(text) > 0xFFFF or ord(text) < 0x20 or 0xD800 <= ord(text) <= 0xDFFF:
        return None
    return f"{ord(text):04X}"


def _n(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") or "0"


def _runs(chars: list[Char]) -> list[list[tuple[str, Rect]]]:
    """Characters that can be written as one text object: same line, left to right, unbroken."""
    runs: list[list[tuple[str, Rect]]] = []
    current: list[tuple[str, Rect]] = []
    for ch in chars:
        code = _hex(ch.text)
        if ch.box is None or code is None or ch.text.isspace():
            if ch.box is None and current:  # a generated line break ends the run
                runs.append(current)
                current = []
            continue
        if current:
            last = current[-1][1]
            overlap = min(last.y1, ch.box.y1) - max(last.y0, ch.box.y0)
            if ch.box.x0 < last.x0 or overlap <= min(last.height, ch.box.height) / 2:
                runs.append(current)
                current = []
        current.append((code, ch.box))
    if current:
        runs.append(current)
    return runs


def _text_layer(page: OutPage) -> list[str]:
    """Invisible text, one text object per line run with each character placed over its box.

    A run is one TJ array (glyph, then the shift to the next character's box), not one object per
    character: readers order separate objects by position, which reverses text on pages turned
    upside down, while the inside of one object keeps its order.
    """
    ops = ["BT", "3 Tr"]
    for run in _runs(page.chars):
        first = run[0][1]
        size = max(1.0, sorted(b.height for _, b in run)[len(run) // 2] * 0.85)
        baseline = page.height - first.y1 + 0.12 * first.height
        parts = []
        for i, (code, box) in enumerate(run):
            parts.append(f"<{code}>")
            if i + 1 < len(run):
                # Each glyph advances one em (DW 1000); shift by the rest of the way to the next box.
                shift = run[i + 1][1].x0 - box.x0 - size
                parts.append(_n(-shift * 1000.0 / size))
        ops.append(f"/F1 {_n(size)} Tf 1 0 0 1 {_n(first.x0)} {_n(baseline)} Tm [{' '.join(parts)}] TJ")
    ops.append("ET")
    return ops


def _labels(page: OutPage) -> list[str]:
    """White labels on the boxes, written along the page's own lines (so on a turned page they turn
    with the text they replace)."""
    ops: list[str] = []
    for box, label in page.boxes:
        codes = [_hex(c) for c in label]
        if not label or None in codes:
            continue
        size = min(10.5, box.height * 0.75, box.width * 0.92 / len(label))
        if size < 3:  # too small to read: the box alone shows the redaction
            continue
        x = (box.x0 + box.x1) / 2 - size * len(label) / 2
        y = page.height - (box.y0 + box.y1) / 2 - size * 0.35
        text = "".join(c or "" for c in codes)
        ops.append(f"BT 0 Tr 1 g /F1 {_n(size)} Tf 100 Tz 1 0 0 1 {_n(x)} {_n(y)} Tm <{text}> Tj ET")
    return ops


def write_pdf(pages: list[OutPage]) -> bytes:
    """The released copy as PDF bytes (no title: a document's title may itself name a person)."""
    pdf = pikepdf.new()
    font = _font(pdf)
    for page in pages:
        buffer = io.BytesIO()
        picture = page.image.convert("L") if _is_gray(page.image) else page.image
        picture.save(buffer, format="JPEG", quality=JPEG_QUALITY, optimize=True)
        image = pikepdf.Stream(pdf, b"")
        image.write(buffer.getvalue(), filter=Name.DCTDecode)
        image.Type, image.Subtype = Name.XObject, Name.Image
        image.Width, image.Height = page.image.width, page.image.height
        image.ColorSpace = Name.DeviceGray if picture.mode == "L" else Name.DeviceRGB
        image.BitsPerComponent = 8
        ops = ["q", f"{_n(page.width)} 0 0 {_n(page.height)} 0 0 cm", "/Im0 Do", "Q"]
        ops += _labels(page)
        ops += _text_layer(page)
        resources = Dictionary(XObject=Dictionary(Im0=image), Font=Dictionary(F1=font))
        pdf_page = Dictionary(
            Type=Name.Page, MediaBox=Array([0, 0, page.width, page.height]), Resources=resources,
            Contents=pdf.make_stream("\n".join(ops).encode("ascii")),
        )
        if page.rotation:
            pdf_page.Rotate = page.rotation
        pdf.pages.append(pikepdf.Page(pdf_page))
    pdf.docinfo[Name.Producer] = pikepdf.String("政务公开工作台（遮盖处理）")
    out = io.BytesIO()
    pdf.save(out, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()
