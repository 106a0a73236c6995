"""How a letter is laid out on paper: the plain layout or the 信函格式 of GB/T 9704-2012 §10.1.

The letter templates hold the text; the layout is applied when a letter is rendered, so one
template serves both and an office switches per letter kind without editing files.

信函格式 puts the 版头 (the office's letterhead) into the first page's own header: the
letterhead's top edge 30 mm from the top of the page, the office name in red 小标宋 centred
and a red double rule (thick over thin) 170 mm long under it; a red double rule (thin over
thick) 20 mm above the bottom edge; no page number on the first page. The 文号 moves from under
the title to the top right, one line under the rule, and the title follows two lines lower.
Because the header is taller than the 37 mm top margin, the first page's text starts below
the letterhead, and later pages keep the ordinary margins and page numbers.

An office that prints on paper with a pre-printed letterhead keeps the same geometry with
nothing printed in it (`preprinted`), so the text lands under its printed letterhead.

The letterhead itself is the body of `版头.docx` in the template folder (an office edits its own,
e.g. to use its own font or add an English name); `build_letterhead` makes the default.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Emu, Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from lxml import etree

from reports import docx_layout as L
from reports.docx_xml import set_child, set_snap_to_grid

__all__ = [
    "LETTERHEAD_FILE", "RED", "LetterLayout", "apply_layout", "build_letterhead", "place_attachment_note",
    "set_properties",
]

LETTERHEAD_FILE = "版头.docx"
RED = "FF0000"
_RULE_MM = 170.0
_HEAD_TOP_MM = 30.0  # letterhead's top edge from the top of the page
_FOOT_RULE_MM = 20.0  # bottom rule from the bottom of the page
_NAME_MAX_PT = 36.0
_AFTER_RULE_PT = 12.0  # gap between the rule and the 文号 line
_RULE_SPACE_PT = 11  # ≈ 4 mm between the office name and the rule
_RULE_SZ = 18  # eighths of a point: a 2.25 pt thick line with its thin companion
_R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_DOC_NO = "{{文号}}"
_NUMBERED = re.compile(r"^\d+[.．、]")
_ORG, _DATE = "{{机关名称}}", "{{落款日期}}"


@dataclass(frozen=True)
class LetterLayout:
    """Plain data a caller builds from the office's settings."""

    letterhead: bool = False  # 信函格式 (True) or the plain layout (False)
    preprinted: bool = False  # the paper already carries the 版头: keep its space, print nothing there
    letterhead_file: Path | None = None  # the office's 版头.docx; None: the built-in one


def build_letterhead() -> DocxDocument:
    """The default 版头: {{机关名称}} in red 小标宋, centred, over a red double rule 170 mm long."""
    doc = L.new_document()
    body = doc.element.body
    for p in body.findall(qn("w:p")):
        body.remove(p)
    _name_paragraph(doc, "{{机关名称}}", _NAME_MAX_PT, doc.sections[0])
    return doc


def name_size_pt(name: str) -> float:
    """The office name's size: 36 pt, smaller when a long name would not fit the 170 mm rule."""
    width = max(L.text_width_chars(name), 1.0)
    return float(min(_NAME_MAX_PT, int(Mm(_RULE_MM).pt / width)))


def apply_layout(doc: DocxDocument, layout: LetterLayout, context: Mapping[str, str],
                 letterhead: DocxDocument | None = None) -> None:
    """Lay out a letter whose placeholders are not yet filled (`context` gives the values that
    decide widths). `letterhead` is the 版头 document for 信函格式 (None: the built-in one)."""
    _centre_signature(doc, context)
    if not layout.letterhead:
        return
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    header = section.first_page_header
    header.is_linked_to_previous = False
    _clear(header._element)
    spacer = max(0.0, Mm(_HEAD_TOP_MM).pt - Emu(section.header_distance or Mm(15)).pt)
    _spacer(header.add_paragraph(), spacer)
    head = letterhead if letterhead is not None else build_letterhead()
    _copy_blocks(head, header)
    _fit_name(header._element, context.get("机关名称", ""))
    if layout.preprinted:
        _blank_out(header._element)
    _spacer(header.add_paragraph(), _AFTER_RULE_PT)
    footer = section.first_page_footer
    footer.is_linked_to_previous = False
    _clear(footer._element)
    rule = footer.add_paragraph()
    if not layout.preprinted:
        _bottom_rule(rule, section)
    _move_doc_no(doc)


def set_properties(doc: DocxDocument, author: str, title: str = "") -> None:
    """Document properties as Word shows them: written by the office, created now."""
    props = doc.core_properties
    now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)  # python-docx writes it as UTC
    props.author = author
    props.last_modified_by = author
    props.created = now
    props.modified = now
    props.revision = 1
    if title:
        props.title = title
    props.comments = ""


def _name_paragraph(doc: DocxDocument, text: str, size_pt: float, section: Section) -> Paragraph:
    paragraph = L.add_text(doc, text, font=L.FONT_TITLE, size_pt=size_pt, align="center", grid=False)
    fmt = paragraph.paragraph_format
    fmt.line_spacing = Pt(round(size_pt * 1.2))
    _span_rule(paragraph, section)
    paragraph.runs[0].font.color.rgb = RGBColor.from_string(RED)
    borders = set_child(paragraph._p.get_or_add_pPr(), "w:pBdr")
    set_child(borders, "w:bottom", {"w:val": "thickThinSmallGap", "w:sz": str(_RULE_SZ),
                                    "w:space": str(_RULE_SPACE_PT), "w:color": RED})
    return paragraph


def _span_rule(paragraph: Paragraph, section: Section) -> None:
    # The rule is 170 mm, centred on the page: wider than the 156 mm type area, so the
    # paragraph reaches into both margins.
    page = Emu(section.page_width or Mm(210)).mm
    side = (page - _RULE_MM) / 2
    fmt = paragraph.paragraph_format
    fmt.left_indent = Mm(side - Emu(section.left_margin or Mm(28)).mm)
    fmt.right_indent = Mm(side - Emu(section.right_margin or Mm(26)).mm)
    fmt.first_line_indent = Pt(0)


def _spacer(paragraph: Paragraph, height_pt: float) -> None:
    fmt = paragraph.paragraph_format
    fmt.line_spacing = Pt(max(height_pt, 1.0))
    fmt.first_line_indent = Pt(0)
    set_snap_to_grid(paragraph._p.get_or_add_pPr(), on=False)
    mark = set_child(paragraph._p.get_or_add_pPr(), "w:rPr")  # the paragraph mark
    set_child(mark, "w:sz", {"w:val": "2"})  # a 1 pt mark, so the exact height is the height


def _bottom_rule(paragraph: Paragraph, section: Section) -> None:
    # A frame placed on the page, so the rule sits 20 mm above the bottom edge whatever the
    # footer distance (which the other pages' page numbers depend on).
    page_w = Emu(section.page_width or Mm(210)).mm
    page_h = Emu(section.page_height or Mm(297)).mm
    ppr = paragraph._p.get_or_add_pPr()
    set_child(ppr, "w:framePr", {
        "w:w": str(int(Mm(_RULE_MM).pt * 20)), "w:h": "60", "w:hRule": "exact", "w:wrap": "around",
        "w:vAnchor": "page", "w:hAnchor": "page", "w:x": str(int(Mm((page_w - _RULE_MM) / 2).pt * 20)),
        "w:y": str(int(Mm(page_h - _FOOT_RULE_MM).pt * 20)),
    })
    borders = set_child(ppr, "w:pBdr")
    set_child(borders, "w:top", {"w:val": "thinThickSmallGap", "w:sz": str(_RULE_SZ), "w:space": "0",
                                 "w:color": RED})
    paragraph.paragraph_format.line_spacing = Pt(1)
    paragraph.paragraph_format.first_line_indent = Pt(0)
    set_snap_to_grid(ppr, on=False)


def _clear(story: etree._Element) -> None:
    for child in list(story):
        if child.tag in (qn("w:p"), qn("w:tbl"), qn("w:sdt")):
            story.remove(child)


def _copy_blocks(source: DocxDocument, header: object) -> None:
    """Copy the 版头 document's paragraphs and tables into the header, with its pictures."""
    target = header._element  # type: ignore[attr-defined]
    part = header.part  # type: ignore[attr-defined]
    for block in source.element.body:
        if block.tag not in (qn("w:p"), qn("w:tbl")):
            continue
        clone = copy.deepcopy(block)
        for el in clone.iter():
            for attr in (f"{{{_R_NS}}}embed", f"{{{_R_NS}}}id", f"{{{_R_NS}}}link"):
                rid = el.get(attr)
                if rid is None:
                    continue
                rel = source.part.rels.get(rid)
                if rel is None or rel.is_external or not rel.reltype.endswith("/image"):
                    del el.attrib[attr]
                    continue
                new_rid, _image = part.get_or_add_image(io.BytesIO(rel.target_part.blob))
                el.set(attr, new_rid)
        target.append(clone)


def _fit_name(story: etree._Element, name: str) -> None:
    """Shrink a run holding just {{机关名称}} so a long name still fits on the 170 mm rule."""
    limit = name_size_pt(name)
    for run in story.iter(qn("w:r")):
        if _texts(run).strip() != _ORG:
            continue
        rpr = run.find(qn("w:rPr"))
        size = rpr.find(qn("w:sz")) if rpr is not None else None
        if size is not None and int(size.get(qn("w:val"), "0")) > limit * 2:
            size.set(qn("w:val"), str(int(limit * 2)))


def _blank_out(story: etree._Element) -> None:
    """Keep the letterhead's height, print nothing: text becomes spaces, rules become spacing,
    pictures are dropped (the paper carries them)."""
    for t in story.iter(qn("w:t")):
        t.text = "　" * len(t.text or "")
    for drawing in list(story.iter(qn("w:drawing"), qn("w:pict"))):
        drawing.getparent().remove(drawing)
    for bdr in list(story.iter(qn("w:pBdr"))):
        extra = 0.0
        for edge in bdr:
            if edge.get(qn("w:val")) not in (None, "nil", "none"):
                extra += float(edge.get(qn("w:space"), "0")) + float(edge.get(qn("w:sz"), "0")) / 8
        ppr = bdr.getparent()
        ppr.remove(bdr)
        spacing = set_child(ppr, "w:spacing")
        after = int(spacing.get(qn("w:after"), "0")) + int(extra * 20)
        spacing.set(qn("w:after"), str(after))


def _texts(p: etree._Element) -> str:
    return "".join(t.text or "" for t in p.iter(qn("w:t")))


def _move_doc_no(doc: DocxDocument) -> None:
    """The 文号 line goes to the top right, one line under the rule; the title two lines below it."""
    body = doc.element.body
    found = next((p for p in body.findall(qn("w:p")) if _texts(p).strip() == _DOC_NO), None)
    if found is None:
        return
    first = body[0]
    if first is not found:
        first.addprevious(found)
    paragraph = Paragraph(found, doc._body)
    fmt = paragraph.paragraph_format
    fmt.alignment = L._ALIGN["right"]
    fmt.right_indent = Pt(0)
    fmt.first_line_indent = Pt(0)
    fmt.page_break_before = False
    blank = OxmlElement("w:p")
    found.addnext(blank)


def place_attachment_note(doc: DocxDocument, context: Mapping[str, str]) -> bool:
    """Put the 附件说明 where GB/T 9704 7.3.4 wants it: after the whole text, one blank line
    under it, two characters in; a second and further numbered names line up under the first.

    A line “附件：……” that came in with a value (a clerk's reply text) is moved there. Returns
    whether the letter has an 附件说明 at all."""
    body = doc.element.body
    paragraphs = body.findall(qn("w:p"))
    texts = [_texts(p).strip() for p in paragraphs]
    notes = [i for i, t in enumerate(texts) if t.startswith(("附件：", "附件:"))]
    if not notes:
        return False
    org, date = context.get("机关名称", ""), context.get("落款日期", "")
    sig = next((i for i in range(len(texts) - 1) if texts[i] == org and texts[i + 1] == date), None)
    first = notes[0]
    block = [first]
    while block[-1] + 1 < len(texts) and _NUMBERED.match(texts[block[-1] + 1]):
        block.append(block[-1] + 1)
    for index in block[1:]:
        fmt = Paragraph(paragraphs[index], doc._body).paragraph_format
        fmt.first_line_indent = Pt(0)
        fmt.left_indent = Pt(5 * L.BODY_PT)  # under the first name: 2 characters + “附件：”
    if sig is None or first > sig:
        return True
    start = sig
    while start > 0 and not texts[start - 1]:
        start -= 1
    if block[-1] == start - 1:
        return True  # already after the text
    anchor = paragraphs[start]
    blank = OxmlElement("w:p")
    anchor.addprevious(blank)
    for index in block:
        anchor.addprevious(paragraphs[index])
    for p in (blank, *(paragraphs[i] for i in block)):
        Paragraph(p, doc._body).paragraph_format.keep_with_next = True
    return True


def _centre_signature(doc: DocxDocument, context: Mapping[str, str]) -> None:
    """Centre the office name over the date (GB/T 9704 7.3.5.1) for the values this letter
    prints; a template whose signature is not the two placeholder lines is left as it is."""
    org, date = context.get("机关名称", ""), context.get("落款日期", "")
    paragraphs = doc.element.body.findall(qn("w:p"))
    for first, second in itertools.pairwise(paragraphs):
        if _texts(first).strip() == _ORG and _texts(second).strip() == _DATE:
            Paragraph(first, doc._body).paragraph_format.right_indent = Pt(
                L.signature_indent_chars(org, date) * L.BODY_PT)
