"""Font names used by official documents, and the fallbacks Word/WPS should use for them.

The GB2312-era fonts (仿宋_GB2312, 楷体_GB2312) and 方正小标宋简体 are what GB/T 9704 names,
but current Windows ships only 仿宋/楷体/黑体/宋体. The font table (word/fontTable.xml)
records each font's Chinese charset (GB2312 = 0x86), family and an `w:altName`, which Word
and WPS use to pick a substitute when the named font is missing: a machine without
仿宋_GB2312 then prints in 仿宋, not in whatever Word would guess.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import nsdecls, qn
from lxml import etree

__all__ = [
    "FALLBACKS", "FONT_BODY", "FONT_HEI", "FONT_KAI", "FONT_LATIN", "FONT_SONG", "FONT_TITLE",
    "install_font_fallbacks",
]

FONT_BODY = "仿宋_GB2312"
FONT_TITLE = "方正小标宋简体"
FONT_HEI = "黑体"
FONT_KAI = "楷体_GB2312"
FONT_SONG = "宋体"
FONT_LATIN = "Times New Roman"

# name → (altName, panose1, family, pitch)
FALLBACKS: dict[str, tuple[str, str, str, str]] = {
    FONT_BODY: ("仿宋", "02010609030101010101", "modern", "fixed"),
    FONT_KAI: ("楷体", "02010609030101010101", "modern", "fixed"),
    FONT_TITLE: ("宋体", "02000000000000000000", "auto", "variable"),
    FONT_HEI: ("SimHei", "02010609060101010101", "modern", "fixed"),
    FONT_SONG: ("SimSun", "02010600030101010101", "auto", "variable"),
}


def install_font_fallbacks(doc: DocxDocument) -> None:
    """Add (or complete) the font-table entries for the Chinese fonts above."""
    part = next((rel.target_part for rel in doc.part.rels.values()
                 if rel.reltype == RT.FONT_TABLE), None)
    if part is None:  # a document without a font table still renders; nothing to record
        return
    root = etree.fromstring(part.blob)
    existing = {font.get(qn("w:name")) for font in root.findall(qn("w:font"))}
    for name, (alt, panose, family, pitch) in FALLBACKS.items():
        if name in existing:
            continue
        font = etree.fromstring(
            f'<w:font {nsdecls("w")} w:name="{name}"><w:altName w:val="{alt}"/>'
            f'<w:panose1 w:val="{panose}"/><w:charset w:val="86"/><w:family w:val="{family}"/>'
            f'<w:pitch w:val="{pitch}"/></w:font>'
        )
        root.append(font)
    # The font table is a plain (non-XML) part in python-docx, so its bytes are replaced.
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
