"""Redacting a Word (.docx) document: marked text becomes a black box with the ground's label.

Works on the package's XML with lxml (python-docx's dependency) rather than python-docx's object
model, because text hides in places that model does not reach: headers, footers, footnotes, text
boxes, tracked deletions, comments, document properties, custom XML, document variables. Besides
replacing the marked spans, every copy
- accepts tracked changes (deleted text is dropped, inserted text kept) and empties the comments,
- clears the author, title and other properties and drops the thumbnail picture,
- and is finally scanned part by part: a marked text that is still present anywhere (in XML text,
  attributes, or the bytes of an embedded object) while it appears nowhere outside the marks is
  replaced in XML, and in a binary part refuses the copy.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass

from lxml import etree

from app.errors import ValidationError
from app.redaction.model import DocxMark

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"
_TEXT_PARTS = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$")
_PART_ORDER = ("document", "header", "footer", "footnotes", "endnotes")
_XML_NAME = re.compile(r"\.(xml|rels)$")
_DROPPED = re.compile(r"^docProps/thumbnail\.[a-z]+$")
_PROPS_TEXT = ("title", "subject", "creator", "keywords", "description", "lastModifiedBy", "category")
MASK = "■"
_EMPTIED = frozenset({"docProps/custom.xml", "word/comments.xml", "word/commentsExtended.xml",
                      "word/commentsExtensible.xml", "word/commentsIds.xml"})


@dataclass(frozen=True, slots=True)
class DocxParagraph:
    index: int
    part: str
    text: str


def _part_key(name: str) -> tuple[int, int, str]:
    stem = name.rsplit("/", 1)[1].removesuffix(".xml")
    base = stem.rstrip("0123456789")
    number = int(stem[len(base):] or 0)
    return (_PART_ORDER.index(base), number, name)


def _open(data: bytes, filename: str) -> zipfile.ZipFile:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        zf.getinfo("word/document.xml")
    except (zipfile.BadZipFile, KeyError):
        raise ValidationError(f"“{filename}”不是有效的 Word（.docx）文件，或已损坏。") from None
    return zf


def _text_part_names(zf: zipfile.ZipFile) -> list[str]:
    return sorted((n for n in zf.namelist() if _TEXT_PARTS.match(n)), key=_part_key)


def _parse(raw: bytes) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    return etree.fromstring(raw, parser)


def _own_texts(p: etree._Element) -> list[etree._Element]:
    """The w:t elements whose nearest paragraph is `p` (a text box inside a run has its own paragraphs)."""
    return [t for t in p.iter(f"{_W}t") if next(t.iterancestors(f"{_W}p"), None) is p]


def _paragraphs(root: etree._Element) -> list[etree._Element]:
    return list(root.iter(f"{_W}p"))


def read_paragraphs(data: bytes, filename: str = "") -> list[DocxParagraph]:
    """Every paragraph's text in document order (body, headers, footers, notes), tracked deletions left out."""
    zf = _open(data, filename)
    out: list[DocxParagraph] = []
    for name in _text_part_names(zf):
        root = _parse(zf.read(name))
        _accept_changes(root)
        for p in _paragraphs(root):
            out.append(DocxParagraph(len(out), name, "".join(t.text or "" for t in _own_texts(p))))
    return out


def _accept_changes(root: etree._Element) -> None:
    for tag in ("del", "moveFrom"):
        for el in list(root.iter(f"{_W}{tag}")):
            el.getparent().remove(el)
    for tag in ("ins", "moveTo"):
        for el in list(root.iter(f"{_W}{tag}")):
            parent = el.getparent()
            position = parent.index(el)
            for child in reversed(list(el)):
                parent.insert(position, child)
            parent.remove(el)
    for tag in ("commentRangeStart", "commentRangeEnd", "commentReference"):
        for el in list(root.iter(f"{_W}{tag}")):
            el.getparent().remove(el)


def _set_text(t: etree._Element, text: str) -> None:
    t.text = text
    if text != text.strip():
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def _box_run(run: etree._Element, label: str) -> etree._Element:
    """A copy of `run`'s formatting showing `label` in white on black (the PDF box's look)."""
    new = etree.Element(f"{_W}r")
    rpr = run.find(f"{_W}rPr")
    rpr = copy.deepcopy(rpr) if rpr is not None else etree.Element(f"{_W}rPr")
    for tag in ("shd", "color", "highlight", "vanish"):
        for el in rpr.findall(f"{_W}{tag}"):
            rpr.remove(el)
    etree.SubElement(rpr, f"{_W}color").set(f"{_W}val", "FFFFFF")
    shd = etree.SubElement(rpr, f"{_W}shd")
    shd.set(f"{_W}val", "clear"), shd.set(f"{_W}color", "auto"), shd.set(f"{_W}fill", "000000")
    new.append(rpr)
    _set_text(etree.SubElement(new, f"{_W}t"), label)
    return new


def _split_after(run: etree._Element, t: etree._Element, after_text: str) -> etree._Element | None:
    """Move what follows `t` in `run` (and `after_text`) into a new run placed after `run`."""
    rest = list(t.itersiblings())
    if not rest and not after_text:
        return None
    new = etree.Element(f"{_W}r")
    rpr = run.find(f"{_W}rPr")
    if rpr is not None:
        new.append(copy.deepcopy(rpr))
    if after_text:
        _set_text(etree.SubElement(new, f"{_W}t"), after_text)
    for el in rest:
        new.append(el)
    return new


def _redact_span(p: etree._Element, start: int, end: int, label: str) -> None:
    pos = 0
    labelled = False
    for t in _own_texts(p):
        text = t.text or ""
        a, b = max(start, pos), min(end, pos + len(text))
        if a < b:
            run = t.getparent()
            before, after = text[: a - pos], text[b - pos :]
            _set_text(t, before)
            tail = _split_after(run, t, after)
            parent = run.getparent()
            at = parent.index(run) + 1
            if not labelled:
                parent.insert(at, _box_run(run, label))
                at += 1
                labelled = True
            if tail is not None:
                parent.insert(at, tail)
        pos += len(text)


def redact_docx(data: bytes, marks: Iterable[DocxMark], filename: str = "") -> bytes:
    """The released copy of a .docx with `marks` (paragraph indices of `read_paragraphs`) applied."""
    zf = _open(data, filename)
    marks = merge_docx_marks(marks)
    by_paragraph: dict[int, list[DocxMark]] = {}
    for m in marks:
        by_paragraph.setdefault(m.paragraph, []).append(m)
    parts: dict[str, bytes] = {}
    kept_text: list[str] = []
    index = 0
    for name in _text_part_names(zf):
        root = _parse(zf.read(name))
        _accept_changes(root)
        for p in _paragraphs(root):
            text = "".join(t.text or "" for t in _own_texts(p))
            spans = sorted(by_paragraph.get(index, []), key=lambda m: m.start, reverse=True)
            covered = [False] * len(text)
            for m in spans:
                if not 0 <= m.start < m.end <= len(text):
                    raise ValidationError(f"遮盖标记超出第{index + 1}段的文字范围，请重新标记。")
                _redact_span(p, m.start, m.end, m.ground.article)
                for i in range(m.start, m.end):
                    covered[i] = True
            kept_text.append("".join(ch for ch, c in zip(text, covered, strict=True) if not c))
            index += 1
        parts[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    hidden = [m.text for m in marks]
    return _rebuild(zf, parts, _secrets(hidden, "".join(kept_text)))


def merge_docx_marks(marks: Iterable[DocxMark]) -> list[DocxMark]:
    """Overlapping spans of one paragraph become one (the first one's ground), so offsets stay valid."""
    merged: list[DocxMark] = []
    for m in sorted(marks, key=lambda m: (m.paragraph, m.start, -m.end)):
        last = merged[-1] if merged else None
        if last is not None and last.paragraph == m.paragraph and m.start < last.end:
            if m.end > last.end:
                text = last.text + m.text[last.end - m.start :]
                merged[-1] = DocxMark(last.paragraph, last.start, m.end, last.ground, text, last.origin, last.kind)
        else:
            merged.append(m)
    return merged


def _compact(text: str) -> str:
    return "".join(text.split())


def _secrets(hidden: list[str], kept: str) -> list[str]:
    compact_kept = _compact(kept)
    return sorted({s for s in (h.strip() for h in hidden) if len(_compact(s)) >= 2 and _compact(s) not in compact_kept},
                  key=len, reverse=True)


def _scrub_xml(root: etree._Element, secrets: list[str]) -> None:
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        for attr, value in el.attrib.items():
            el.set(attr, _mask_all(value, secrets))
        if el.text:
            el.text = _mask_all(el.text, secrets)
        if el.tail:
            el.tail = _mask_all(el.tail, secrets)


def _mask_all(text: str, secrets: list[str]) -> str:
    for s in secrets:
        if s in text:
            text = text.replace(s, MASK * 2)
    return text


def _clear_props(name: str, root: etree._Element) -> None:
    if name == "docProps/core.xml":
        for el in root:
            if isinstance(el.tag, str) and etree.QName(el).localname in _PROPS_TEXT:
                el.text = ""
    elif name in _EMPTIED:
        for el in list(root):
            root.remove(el)
    elif name == "_rels/.rels":
        for el in list(root):
            if "thumbnail" in el.get("Type", ""):
                root.remove(el)


def _binary_leaks(raw: bytes, secrets: list[str]) -> bool:
    for s in secrets:
        for encoding in ("utf-8", "utf-16-le", "gb18030"):
            if s.encode(encoding, errors="ignore") in raw:
                return True
    return False


def _rebuild(zf: zipfile.ZipFile, parts: dict[str, bytes], secrets: list[str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as new:
        for info in zf.infolist():
            name = info.filename
            if _DROPPED.match(name):
                continue
            raw = parts.get(name) or zf.read(name)
            if _XML_NAME.search(name):
                root = _parse(raw)
                _clear_props(name, root)
                _scrub_xml(root, secrets)
                raw = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            elif _binary_leaks(raw, secrets):
                raise ValidationError(
                    f"该 Word 文件的嵌入对象（{name}）中含有被遮盖的文字，无法安全地生成公开件。"
                    "请删除或另行处理该嵌入对象后重试。"
                )
            new.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), raw,
                         compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
