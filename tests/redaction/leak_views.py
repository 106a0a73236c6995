"""Every way a reader can get text out of a produced file, for the leak tests."""

from __future__ import annotations

import contextlib
import io
import zipfile

import pikepdf
from lxml import etree


def pdfium_text(data: bytes) -> str:
    from app.redaction.engine import extract_pdf_text

    return extract_pdf_text(data)


def pdfminer_text(data: bytes) -> str:
    from pdfminer.high_level import extract_text

    return str(extract_text(io.BytesIO(data)))


def raw_pdf_bytes(data: bytes) -> bytes:
    """The file's bytes plus every object unparsed and every stream decompressed (where pikepdf can)."""
    parts = [data]
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for obj in pdf.objects:
            with contextlib.suppress(Exception):  # a null or free object has no representation
                parts.append(obj.unparse())
            if isinstance(obj, pikepdf.Stream):
                try:
                    parts.append(obj.read_bytes())
                except pikepdf.PdfError:
                    parts.append(obj.read_raw_bytes())
        for name in pdf.attachments:
            parts.append(pdf.attachments[name].get_file().read_bytes())
    return b"\n".join(parts)


def encodings_of(secret: str) -> list[bytes]:
    """The forms a string takes inside PDF or Office bytes: UTF-8, UTF-16 (both orders, also as hex), GB18030."""
    forms = [secret.encode("utf-8"), secret.encode("utf-16-be"), secret.encode("utf-16-le"),
             secret.encode("gb18030")]
    forms += [f.hex().encode() for f in forms[1:3]] + [f.hex().upper().encode() for f in forms[1:3]]
    return forms


def compact(text: str) -> str:
    return "".join(text.split())


def pdf_leaks(data: bytes, secrets: list[str]) -> list[str]:
    """Which secrets any extraction finds (text via pdfium and pdfminer, or bytes in any encoding)."""
    texts = compact(pdfium_text(data)) + "\n" + compact(pdfminer_text(data))
    raw = raw_pdf_bytes(data)
    found = []
    for s in secrets:
        if s in texts or any(form in raw for form in encodings_of(s)):
            found.append(s)
    return found


def docx_texts(data: bytes) -> tuple[str, bytes]:
    """All XML text and attribute values of every part, and all parts' bytes."""
    texts: list[str] = []
    raw: list[bytes] = []
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for name in zf.namelist():
            content = zf.read(name)
            raw.append(content)
            if name.endswith((".xml", ".rels")):
                root = etree.fromstring(content)
                for el in root.iter():
                    texts.extend(v for v in el.attrib.values())
                    texts.append(el.text or "")
                    texts.append(el.tail or "")
    return "".join(texts), b"\n".join(raw)


def docx_leaks(data: bytes, secrets: list[str]) -> list[str]:
    text, raw = docx_texts(data)
    # A run boundary can split a string in the XML: compare the concatenated texts too.
    return [s for s in secrets if s in text or any(f in raw for f in encodings_of(s))]
