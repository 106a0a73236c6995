"""Test PDFs built in Python: text pages, scans, incremental updates, annotations, metadata.

Chinese runs use the non-embedded STSong-Light font (every reader knows it), Latin runs Courier;
both are standard fonts, so pdfium and pdfminer read the text back without any font file.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, String

A4 = (595.0, 842.0)
SIZE = 12.0


def _fonts(pdf: pikepdf.Pdf) -> Dictionary:
    cid = Dictionary(
        Type=Name.Font, Subtype=Name.CIDFontType0, BaseFont=Name("/STSong-Light"),
        CIDSystemInfo=Dictionary(Registry=String("Adobe"), Ordering=String("GB1"), Supplement=2),
        FontDescriptor=pdf.make_indirect(Dictionary(
            Type=Name.FontDescriptor, FontName=Name("/STSong-Light"), Flags=6, FontBBox=Array([-25, -254, 1000, 880]),
            ItalicAngle=0, Ascent=880, Descent=-120, CapHeight=880, StemV=93,
        )),
        DW=1000,
    )
    song = Dictionary(
        Type=Name.Font, Subtype=Name.Type0, BaseFont=Name("/STSong-Light"), Encoding=Name("/UniGB-UCS2-H"),
        DescendantFonts=Array([pdf.make_indirect(cid)]),
    )
    courier = Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Courier, Encoding=Name.WinAnsiEncoding)
    return Dictionary(F1=pdf.make_indirect(song), F2=pdf.make_indirect(courier))


def line_ops(text: str, x: float, y: float, size: float = SIZE) -> list[str]:
    """Content operators that draw `text` from (x, y) (PDF coordinates), Chinese and Latin runs apart."""
    ops: list[str] = []
    run = ""
    for ch in [*text, None]:
        if run and (ch is None or ch.isascii() != run[0].isascii()):
            if run[0].isascii():
                escaped = run.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
                ops.append(f"BT /F2 {size} Tf 1 0 0 1 {x:.2f} {y:.2f} Tm ({escaped}) Tj ET")
                x += 0.6 * size * len(run)
            else:
                code = "".join(f"{ord(c):04X}" for c in run)
                ops.append(f"BT /F1 {size} Tf 1 0 0 1 {x:.2f} {y:.2f} Tm <{code}> Tj ET")
                x += size * len(run)
            run = ""
        if ch is not None:
            run += ch
    return ops


def page_ops(lines: Sequence[str], top: float = 780.0) -> bytes:
    ops: list[str] = []
    for n, line in enumerate(lines):
        ops += line_ops(line, 72.0, top - n * 24.0)
    return "\n".join(ops).encode("ascii")


def text_pdf(pages: Sequence[Sequence[str]]) -> pikepdf.Pdf:
    pdf = pikepdf.new()
    fonts = _fonts(pdf)
    for lines in pages:
        page = Dictionary(
            Type=Name.Page, MediaBox=Array([0, 0, *A4]), Resources=Dictionary(Font=fonts),
            Contents=pdf.make_stream(page_ops(lines)),
        )
        pdf.pages.append(pikepdf.Page(page))
    return pdf


def to_bytes(pdf: pikepdf.Pdf) -> bytes:
    out = io.BytesIO()
    # Uncompressed, so a test can see the source's text in its raw bytes.
    pdf.save(out, compress_streams=False)
    return out.getvalue()


def with_everything(pdf: pikepdf.Pdf, secret: str) -> None:
    """Put `secret` where a careless redaction leaves it: metadata, XMP, annotations, a form, an attachment."""
    pdf.docinfo[Name.Title] = String(f"关于{secret}的材料")
    pdf.docinfo[Name.Author] = String(secret)
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["dc:description"] = f"含 {secret}"
    page = pdf.pages[0]
    note = Dictionary(
        Type=Name.Annot, Subtype=Name.Text, Rect=Array([400, 700, 420, 720]), Contents=String(f"批注：{secret}"),
    )
    free = Dictionary(
        Type=Name.Annot, Subtype=Name.FreeText, Rect=Array([300, 100, 550, 130]), Contents=String(secret),
        DA=String("/Helv 10 Tf 0 g"),
    )
    field = Dictionary(
        Type=Name.Annot, Subtype=Name.Widget, FT=Name.Tx, T=String("idno"), V=String(secret),
        Rect=Array([72, 60, 300, 80]), P=page.obj,
    )
    field_ref = pdf.make_indirect(field)
    page.obj.Annots = Array([pdf.make_indirect(note), pdf.make_indirect(free), field_ref])
    pdf.Root.AcroForm = Dictionary(Fields=Array([field_ref]), NeedAppearances=True)
    pdf.attachments["secret.txt"] = pikepdf.AttachedFileSpec(pdf, secret.encode("utf-8"), description=secret)
    pdf.Root.Outlines = pdf.make_indirect(Dictionary(Type=Name.Outlines, Count=0))


def incremental_update(original: bytes, new_lines: Sequence[str]) -> bytes:
    """`original` plus an incremental update that replaces page 1's content (the old revision stays in the bytes)."""
    pdf = pikepdf.open(io.BytesIO(original))
    pdf.pages[0].obj.Contents = pdf.make_stream(page_ops(new_lines))
    out = io.BytesIO()
    # qpdf has no incremental writer: append the new objects and xref by hand, as an editor would.
    pdf.save(out)
    rewritten = out.getvalue()
    separator = b"\n%% incremental update\n"
    return original + separator + _as_update(rewritten, len(original) + len(separator))


def _as_update(rewritten: bytes, offset: int) -> bytes:
    """A whole-file rewrite re-expressed as an update section appended after `offset` bytes.

    Readers resolve objects from the last xref, so appending a complete body + xref whose
    offsets count from the start of the combined file is a valid (if large) incremental update.
    """
    import re

    body_start = rewritten.index(b"\n", rewritten.index(b"%PDF")) + 1
    body = rewritten[body_start:]
    shift = offset - body_start

    def fix_xref(m: re.Match[bytes]) -> bytes:
        return b"%010d %s" % (int(m.group(1)) + shift if m.group(2) == b"00000 n" else int(m.group(1)), m.group(2))

    xref_at = body.rindex(b"\nxref\n") + 1
    head, tail = body[:xref_at], body[xref_at:]
    tail = re.sub(rb"(\d{10}) (00000 n)", fix_xref, tail)
    tail = re.sub(rb"startxref\s+(\d+)", lambda m: b"startxref\n%d" % (int(m.group(1)) + shift), tail)
    return head + tail


def scanned_pdf(lines: Sequence[str], dpi: int = 200) -> bytes:
    """A page that is only a picture of text (no text layer), as a scanner makes it."""
    image = text_image(lines, dpi)
    pdf = pikepdf.new()
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=90)
    stream = pikepdf.Stream(pdf, b"")
    stream.write(buffer.getvalue(), filter=Name.DCTDecode)
    stream.Type, stream.Subtype = Name.XObject, Name.Image
    stream.Width, stream.Height, stream.ColorSpace, stream.BitsPerComponent = (
        image.width, image.height, Name.DeviceRGB, 8,
    )
    w, h = image.width * 72 / dpi, image.height * 72 / dpi
    content = f"q {w:.2f} 0 0 {h:.2f} 0 0 cm /Im0 Do Q".encode("ascii")
    page = Dictionary(
        Type=Name.Page, MediaBox=Array([0, 0, w, h]), Resources=Dictionary(XObject=Dictionary(Im0=stream)),
        Contents=pdf.make_stream(content),
    )
    pdf.pages.append(pikepdf.Page(page))
    return to_bytes(pdf)


def text_image(lines: Sequence[str], dpi: int = 200) -> Any:
    """A white A5-landscape-ish picture with `lines` in a CJK font, like a scanned letter."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(cjk_font_path(), int(dpi * 14 / 72))
    image = Image.new("RGB", (int(8.27 * dpi), int(0.9 * dpi + len(lines) * dpi * 0.4)), "white")
    draw = ImageDraw.Draw(image)
    for n, line in enumerate(lines):
        draw.text((int(0.6 * dpi), int(0.5 * dpi + n * dpi * 0.4)), line, font=font, fill="black")
    image.info["dpi"] = (dpi, dpi)
    return image


def cjk_font_path() -> str:
    import glob

    for pattern in ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
                    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
                    "/usr/share/fonts/**/*CJK*Regular*", "C:/Windows/Fonts/simsun.ttc"):
        found = glob.glob(pattern, recursive=True)
        if found:
            return found[0]
    raise RuntimeError("no CJK font: scripts/system-deps.sh installs fonts-noto-cjk")
