"""Find and replace `{{名称}}` placeholders in a Word document, wherever Word put them.

Word splits text into runs at every edit, spell-check mark or formatting change, so a
placeholder typed in one go is often stored as "{{", "申请", "人}}". The engine therefore
works on the `w:t` text elements of each paragraph joined together: a placeholder spanning
several of them is replaced inside the first one (keeping that run's formatting) and the
rest of its text is removed from the others. Tabs, breaks and fields between runs are
untouched. Values containing "\\n" become several paragraphs with the same formatting.

Full-width braces （｛｛名称｝｝） count too: a Chinese input method types those, and the
office would otherwise see its placeholder printed verbatim.
"""

from __future__ import annotations

import copy
import re
from bisect import bisect_right
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from itertools import accumulate

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.oxml.parser import oxml_parser
from lxml import etree

__all__ = ["PLACEHOLDER_RE", "TemplateScan", "fill", "quoted", "scan"]

PLACEHOLDER_RE = re.compile(r"[{｛]{2}\s*([^{}｛｝]*?)\s*[}｝]{2}")
_REQUEST_VERBS = ("申请公开", "申请获取", "要求公开", "请求公开")
_STRAY_RE = re.compile(r"[{｛]{2}|[}｝]{2}")
_P, _T = qn("w:p"), qn("w:t")
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# Unique ids Word stamps on paragraphs; a copy must not repeat them.
_ID_ATTRS = (
    "{http://schemas.microsoft.com/office/word/2010/wordml}paraId",
    "{http://schemas.microsoft.com/office/word/2010/wordml}textId",
)


@dataclass
class TemplateScan:
    names: list[str] = field(default_factory=list)  # in document order, with repeats
    stray: list[str] = field(default_factory=list)  # text around unmatched {{ or }}


def scan(doc: DocxDocument) -> TemplateScan:
    """Every placeholder name in body, tables, text boxes, headers and footers."""
    result = TemplateScan()
    for p in _paragraphs(doc):
        full = "".join(t.text or "" for t in _own_texts(p))
        for match in PLACEHOLDER_RE.finditer(full):
            result.names.append(match.group(1))
        rest = PLACEHOLDER_RE.sub("", full)
        stray = _STRAY_RE.search(rest)
        if stray:
            start = max(stray.start() - 8, 0)
            result.stray.append(rest[start:stray.end() + 8])
    return result


def fill(doc: DocxDocument, values: Mapping[str, str]) -> None:
    """Replace every placeholder by its value; `values` must hold every name used."""
    for p in _paragraphs(doc):
        if _replace(p, values):
            _split_lines(p)


def _paragraphs(doc: DocxDocument) -> Iterator[etree._Element]:
    roots = [doc.element.body]
    roots += [rel.target_part.element for rel in doc.part.rels.values()
              if rel.reltype in (RT.HEADER, RT.FOOTER) and not rel.is_external]
    for root in roots:
        # A list, because replacing may split paragraphs (new siblings) while we walk.
        yield from list(root.iter(_P))


def _own_texts(p: etree._Element) -> list[etree._Element]:
    """The paragraph's w:t elements, without those of paragraphs nested in text boxes."""
    return [t for t in p.iter(_T) if _enclosing_paragraph(t) is p]


def _enclosing_paragraph(el: etree._Element) -> etree._Element | None:
    parent = el.getparent()
    while parent is not None and parent.tag != _P:
        parent = parent.getparent()
    return parent


def _replace(p: etree._Element, values: Mapping[str, str]) -> bool:
    elements = _own_texts(p)
    texts = [t.text or "" for t in elements]
    matches = list(PLACEHOLDER_RE.finditer("".join(texts)))
    if not matches:
        return False
    starts = list(accumulate((len(s) for s in texts[:-1]), initial=0))
    # Right to left: every edit happens after the spans still to be processed, so their
    # offsets into the original texts stay valid.
    joined = "".join(texts)
    for match in reversed(matches):
        value = values[match.group(1)]
        begin, end = match.span()
        if joined[begin - 1:begin] == "“" and joined[end:end + 1] == "”":
            value = quoted(value, joined[:begin - 1])
        first = bisect_right(starts, begin) - 1  # the last element starting at or before
        last = bisect_right(starts, end - 1) - 1
        head = texts[first][: begin - starts[first]]
        tail = texts[last][end - starts[last]:]
        if first == last:
            texts[first] = head + value + tail
        else:
            texts[first] = head + value
            for index in range(first + 1, last):
                texts[index] = ""
            texts[last] = tail
    for element, text in zip(elements, texts, strict=True):
        if element.text != text:
            element.text = text
            element.set(_XML_SPACE, "preserve")
    return True


def quoted(value: str, before: str) -> str:
    """A value the template puts inside “…”: quotes within it become ‘…’ (GB/T 15834), its own
    closing full stop goes (the template's sentence ends after the quote), and a request that
    repeats the verb (“申请获取“申请公开……”) loses it."""
    text = value.strip()
    if before.endswith(_REQUEST_VERBS):
        for verb in _REQUEST_VERBS:
            if text.startswith(verb):
                text = text[len(verb):].lstrip("：:，, ")
                break
    text = text.rstrip("。．.")
    text = text.replace("“", "‘").replace("”", "’")
    if '"' in text:  # straight quotes typed on an English keyboard: open, close, open, …
        parts = text.split('"')
        text = "".join(part + ("‘" if i % 2 == 0 else "’") for i, part in enumerate(parts[:-1])) + parts[-1]
    return text


def _split_lines(p: etree._Element) -> None:
    current: etree._Element | None = p
    while current is not None:
        current = next(
            (_split_at(current, t, t.text.index("\n")) for t in _own_texts(current) if t.text and "\n" in t.text),
            None,
        )


def _split_at(p: etree._Element, t: etree._Element, offset: int) -> etree._Element:
    """Cut paragraph `p` at character `offset` of `t` (a newline, which is dropped) and
    return the new paragraph holding everything after it. The cut climbs from `t` up to
    `p`, copying each ancestor's properties (run rPr, paragraph pPr), so both halves keep
    the formatting, including runs nested in hyperlinks or tracked insertions."""
    text = t.text or ""
    t.text = text[:offset]
    t.set(_XML_SPACE, "preserve")
    right_child = _new_element(t.tag, dict(t.attrib), t.nsmap)
    right_child.text = text[offset + 1:]
    right_child.set(_XML_SPACE, "preserve")
    child, node = t, t.getparent()
    while True:
        right = _shell(node, upto=child)
        right.append(right_child)
        for sibling in list(child.itersiblings()):
            right.append(sibling)  # moves it
        if node is p:
            _move_section_break(p)
            p.addnext(right)
            return right
        child, right_child, node = node, right, node.getparent()


def _shell(node: etree._Element, upto: etree._Element) -> etree._Element:
    """An empty copy of `node` with copies of its property children (…Pr) before `upto`."""
    shell = _new_element(node.tag, {k: v for k, v in node.attrib.items() if k not in _ID_ATTRS}, node.nsmap)
    for child in node.iterchildren():
        if child is upto:
            break
        if isinstance(child.tag, str) and child.tag.endswith("Pr"):
            shell.append(copy.deepcopy(child))
    return shell


def _new_element(tag: str, attrib: dict[str, str], nsmap: Mapping[str | None, str]) -> etree._Element:
    # Through python-docx's parser, so a new w:p is a CT_P that python-docx can still use.
    return oxml_parser.makeelement(tag, attrib=attrib, nsmap=nsmap)


def _move_section_break(left: etree._Element) -> None:
    # A paragraph whose pPr holds w:sectPr ends a section. The new right half got a copy
    # with its pPr; the left half must lose it or the letter gains a section break.
    ppr = left.find(qn("w:pPr"))
    sect = ppr.find(qn("w:sectPr")) if ppr is not None else None
    if ppr is not None and sect is not None:
        ppr.remove(sect)
