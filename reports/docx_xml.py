"""Low-level WordprocessingML helpers that python-docx has no API for.

Word rejects a document ("unreadable content") when property children are out of schema
order, so every insertion goes through `set_child`, which places the element before its
schema successors using python-docx's own `_tag_seq` tables.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.run import Run
from lxml import etree

__all__ = [
    "TAG_SEQ", "add_field", "set_child", "set_east_asian_font", "set_rpr_fonts", "set_snap_to_grid",
]

# Schema order (ECMA-376 Part 1) of the property children this package writes, keyed by the
# parent's Clark name. Copied from python-docx's private tables, which it deletes after use.
_PPR = ("pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr "
        "shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN "
        "bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc "
        "textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange")
_RPR = ("rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof "
        "snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText "
        "vertAlign rtl cs em lang eastAsianLayout specVanish oMath")
_TBLPR = ("tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc "
          "tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription tblPrChange")
_TCPR = ("cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText vAlign "
         "hideMark headers cellIns cellDel cellMerge tcPrChange")
_TRPR = ("cnfStyle divId gridBefore gridAfter wBefore wAfter cantSplit trHeight tblHeader tblCellSpacing jc "
         "hidden ins del trPrChange")
_SECTPR = ("footnotePr endnotePr type pgSz pgMar paperSrc pgBorders lnNumType pgNumType cols formProt vAlign "
           "noEndnote titlePg textDirection bidi rtlGutter docGrid printerSettings sectPrChange")
TAG_SEQ: Mapping[str, Sequence[str]] = {
    qn(f"w:{parent}"): tuple(f"w:{name}" for name in names.split())
    for parent, names in (("pPr", _PPR), ("rPr", _RPR), ("tblPr", _TBLPR), ("tcPr", _TCPR),
                          ("trPr", _TRPR), ("sectPr", _SECTPR))
}
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def set_child(parent: etree._Element, tag: str, attrs: Mapping[str, str] | None = None) -> etree._Element:
    """Get or create `parent`'s child `tag` in schema order and set its attributes."""
    child = parent.find(qn(tag))
    if child is None:
        child = OxmlElement(tag)
        seq = TAG_SEQ.get(parent.tag, ())
        successors = {qn(t) for t in seq[seq.index(tag) + 1:]} if tag in seq else set()
        following = next((c for c in parent.iterchildren() if c.tag in successors), None)
        if following is None:
            parent.append(child)
        else:
            following.addprevious(child)
    for key, value in (attrs or {}).items():
        child.set(qn(key), value)
    return child


def set_rpr_fonts(rpr: etree._Element, east_asia: str, latin: str) -> None:
    """Name the fonts explicitly on an `w:rPr`: Latin text in `latin`, Chinese in `east_asia`.

    Theme attributes are removed because they win over explicit names, and `w:hint` makes
    Word pick the East-Asian font for characters both scripts share (“ ” ‘ ’ — …), which
    otherwise print in Times New Roman and look half-width in Chinese text.
    """
    rfonts = set_child(rpr, "w:rFonts")
    for attr in _THEME_ATTRS:
        rfonts.attrib.pop(qn(attr), None)
    rfonts.set(qn("w:ascii"), latin)
    rfonts.set(qn("w:hAnsi"), latin)
    rfonts.set(qn("w:cs"), latin)
    rfonts.set(qn("w:eastAsia"), east_asia)
    rfonts.set(qn("w:hint"), "eastAsia")


def set_east_asian_font(run: Run, east_asia: str, latin: str) -> None:
    set_rpr_fonts(run._r.get_or_add_rPr(), east_asia, latin)


def set_snap_to_grid(ppr: etree._Element, on: bool) -> None:
    """Opt a paragraph (title, table cell, footer) out of Word's document grid.

    Templates made by offices often switch on Word's line-and-character grid, which is
    sized for 16 pt body text; text of another size would be stretched onto it.
    """
    set_child(ppr, "w:snapToGrid", {"w:val": "1" if on else "0"})


def add_field(run_parent: etree._Element, instruction: str, placeholder: str, rpr: etree._Element) -> None:
    """Append a complex field (`PAGE`, `NUMPAGES`…) as begin/instr/separate/result/end runs,
    each carrying a copy of `rpr` so the computed number has the surrounding font."""

    def run_with(child: etree._Element) -> None:
        r = OxmlElement("w:r")
        r.append(copy.deepcopy(rpr))
        r.append(child)
        run_parent.append(r)

    begin = OxmlElement("w:fldChar", {qn("w:fldCharType"): "begin"})
    run_with(begin)
    instr = OxmlElement("w:instrText", {qn("xml:space"): "preserve"})
    instr.text = f" {instruction} "
    run_with(instr)
    run_with(OxmlElement("w:fldChar", {qn("w:fldCharType"): "separate"}))
    text = OxmlElement("w:t")
    text.text = placeholder
    run_with(text)
    run_with(OxmlElement("w:fldChar", {qn("w:fldCharType"): "end"}))
