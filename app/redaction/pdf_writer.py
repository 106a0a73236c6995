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

UCS-2 cannot carry characters outside the BMP (rare name characters such as 𠮷, CJK Extension B),
so those are written with a second font, /F2: Identity-H (code = CID, so pdfminer's reading of
/ToUnicode by CID is right too) whose /ToUnicode map gives each code its character as a UTF-16
surrogate pair. The map lists only characters of the text layer, i.e. outside the marks; the
glyphs never show (the text layer is invisible), so no font is embedded.
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
FIRST_WIDE_CID = 1000


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


class _WideFont:
    """/F2: characters beyond the BMP, one two-byte code each, numbered in order of first use
    across the document; the /ToUnicode stream is filled in once every page is written."""

    def __init__(self, pdf: pikepdf.Pdf) -> None:
        self.codes: dict[str, int] = {}
        self._to_unicode = pikepdf.Stream(pdf, b"")
        cid_font = Dictionary(
            Type=Name.Font, Subtype=Name.CIDFontType0, BaseFont=Name("/STSong-Light"),
            CIDSystemInfo=Dictionary(Registry=pikepdf.String("Adobe"), Ordering=pikepdf.String("GB1"), Supplement=2),
            FontDescriptor=pdf.make_indirect(Dictionary(
                Type=Name.FontDescriptor, FontName=Name("/STSong-Light"), Flags=6,
                FontBBox=Array([-25, -254, 1000, 880]), ItalicAngle=0, Ascent=880, Descent=-120,
                CapHeight=880, StemV=93,
            )),
            DW=1000,
        )
        self.font = pdf.make_indirect(Dictionary(
            Type=Name.Font, Subtype=Name.Type0, BaseFont=Name("/STSong-Light"), Encoding=Name("/Identity-H"),
            DescendantFonts=Array([pdf.make_indirect(cid_font)]), ToUnicode=pdf.make_indirect(self._to_unicode),
        ))

    def code(self, char: str) -> str:
        # The codes are Adobe-GB1 CIDs of ordinary hanzi (GB 2312's are 814-7716): pdfium drops a
        # one-character text object whose CID has no glyph (.notdef, space, or an Identity font).
        number = self.codes.setdefault(char, FIRST_WIDE_CID + len(self.codes))
        if number > 0xFFFF:
            raise ValueError("too many distinct characters outside the BMP for one two-byte font")
        return f"{number:04X}"

    def finish(self) -> None:
        lines = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
                 "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
                 "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
                 "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange"]
        entries = [f"<{n:04X}> <{c.encode('utf-16-be').hex().upper()}>" for c, n in self.codes.items()]
        for start in range(0, len(entries), 100):  # at most 100 entries per block (PDF 32000, 9.10.3)
            block = entries[start : start + 100]
            lines += [f"{len(block)} beginbfchar", *block, "endbfchar"]
        lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
        self._to_unicode.write("\n".join(lines).encode("ascii"))


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


def _wide(text: str) -> bool:
    """One character beyond the BMP, which /F2 writes."""
    return len(text) == 1 and ord(text) > 0xFFFF


def _n(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") or "0"


def _runs(chars: list[Char]) -> list[list[tuple[str, Rect]]]:
    """Characters that can be written as one text object: same line, left to right, unbroken."""
    runs: list[list[tuple[str, Rect]]] = []
    current: list[tuple[str, Rect]] = []
    for ch in chars:
        writable = _wide(ch.text) or _hex(ch.text) is not None
        if ch.box is None or not writable or ch.text.isspace():
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
        current.append((ch.text, ch.box))
    if current:
        runs.append(current)
    return runs


def _text_layer(page: OutPage, wide: _WideFont) -> list[str]:
    """Invisible text, one text object per line run with each character placed over its box.

    A run is one TJ array (glyph, then the shift to the next character's box), not one object per
    character: readers order separate objects by position, which reverses text on pages turned
    upside down, while the inside of one object keeps its order. A run holding a character beyond
    the BMP is written whole in /F2: pdfium drops such a character when a font change cuts it
    into a text object of its own.
    """
    ops = ["BT", "3 Tr"]
    for run in _runs(page.chars):
        first = run[0][1]
        size = max(1.0, sorted(b.height for _, b in run)[len(run) // 2] * 0.85)
        baseline = page.height - first.y1 + 0.12 * first.height
        in_f2 = any(_wide(text) for text, _ in run)
        parts = []
        for i, (text, box) in enumerate(run):
            parts.append(f"<{wide.code(text) if in_f2 else _hex(text)}>")
            if i + 1 < len(run):
                # Each glyph advances one em (DW 1000); shift by the rest of the way to the next box.
                shift = run[i + 1][1].x0 - box.x0 - size
                parts.append(_n(-shift * 1000.0 / size))
        font = "F2" if in_f2 else "F1"
        ops.append(f"/{font} {_n(size)} Tf 1 0 0 1 {_n(first.x0)} {_n(baseline)} Tm [{' '.join(parts)}] TJ")
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
    wide = _WideFont(pdf)
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
        ops += _text_layer(page, wide)
        fonts = Dictionary(F1=font)
        if any(_wide(c.text) for c in page.chars if c.box):  # /F2 only where it is used
            fonts.F2 = wide.font
        resources = Dictionary(XObject=Dictionary(Im0=image), Font=fonts)
        pdf_page = Dictionary(
            Type=Name.Page, MediaBox=Array([0, 0, page.width, page.height]), Resources=resources,
            Contents=pdf.make_stream("\n".join(ops).encode("ascii")),
        )
        if page.rotation:
            pdf_page.Rotate = page.rotation
        pdf.pages.append(pikepdf.Page(pdf_page))
    wide.finish()
    pdf.docinfo[Name.Producer] = pikepdf.String("政务公开工作台（遮盖处理）")
    out = io.BytesIO()
    pdf.save(out, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()
