"""GB/T 9704 layout: page, fonts on w:eastAsia, headings, signature, page numbers, tables."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import docx
import pytest
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from reports import docx_layout as L


def _saved(doc: DocxDocument, tmp_path: Path) -> DocxDocument:
    path = tmp_path / "layout.docx"
    doc.save(str(path))
    return docx.Document(str(path))


def _east_asia(run_or_style_element: object) -> str | None:
    rpr = run_or_style_element.find(qn("w:rPr"))  # type: ignore[attr-defined]
    rfonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
    return rfonts.get(qn("w:eastAsia")) if rfonts is not None else None


@pytest.fixture
def sample(tmp_path: Path) -> DocxDocument:
    doc = L.new_document()
    L.add_title(doc, "政府信息公开申请答复书")
    L.add_doc_no(doc, "锦府办依复〔2024〕3号")
    L.add_blank(doc)
    L.add_addressee(doc, "张三：")
    L.add_body(doc, "本机关于2024年3月5日收到您提出的政府信息公开申请。")
    L.add_heading(doc, 1, "一、总体情况")
    L.add_heading(doc, 2, "（一）主动公开")
    L.add_heading(doc, 3, "1.规章")
    L.add_signature(doc, "锦屏县人民政府办公室", L.format_date(dt.date(2024, 3, 5)))
    L.add_note(doc, "（联系电话：0855-7222222）")
    return _saved(doc, tmp_path)


def test_a4_page_and_gbt9704_margins(sample: DocxDocument) -> None:
    section = sample.sections[0]
    tolerance = Mm(0.1)
    for actual, expected in [
        (section.page_width, Mm(210)), (section.page_height, Mm(297)),
        (section.top_margin, Mm(37)), (section.bottom_margin, Mm(35)),
        (section.left_margin, Mm(28)), (section.right_margin, Mm(26)),
    ]:
        assert actual is not None and abs(actual - expected) < tolerance


def test_body_style_is_16pt_fangsong_with_exact_28_95pt_lines(sample: DocxDocument) -> None:
    normal = sample.styles["Normal"]
    assert normal.font.size == Pt(16)
    assert _east_asia(normal.element) == "仿宋_GB2312"
    fmt = normal.paragraph_format
    assert fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert fmt.line_spacing == Pt(28.95)
    # 28 characters of 16 pt fit 156 mm only when condensed by 0.25 pt each.
    spacing = normal.element.find(qn("w:rPr")).find(qn("w:spacing"))
    assert spacing.get(qn("w:val")) == "-5"
    assert Mm(156).pt >= 28 * (16 - 0.25)


def test_defaults_drop_theme_fonts_and_speak_chinese(sample: DocxDocument) -> None:
    rpr = sample.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    rfonts = rpr.find(qn("w:rFonts"))
    assert rfonts.get(qn("w:eastAsiaTheme")) is None and rfonts.get(qn("w:asciiTheme")) is None
    assert rfonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert rpr.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"


def test_every_run_names_its_east_asian_and_latin_fonts(sample: DocxDocument) -> None:
    runs = [r for p in sample.paragraphs for r in p.runs]
    assert runs
    for run in runs:
        rfonts = run._r.find(qn("w:rPr")).find(qn("w:rFonts"))
        assert rfonts.get(qn("w:eastAsia")), run.text
        assert rfonts.get(qn("w:hint")) == "eastAsia"
        assert rfonts.get(qn("w:ascii")) == rfonts.get(qn("w:hAnsi"))


def test_title_doc_no_addressee_and_body(sample: DocxDocument) -> None:
    title, doc_no, _, addressee, body = sample.paragraphs[:5]
    assert title.text == "政府信息公开申请答复书"
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert title.runs[0].font.size == Pt(22)
    assert _east_asia(title.runs[0]._r) == "方正小标宋简体"
    assert title.runs[0].font.name == "Times New Roman"
    assert doc_no.text == "锦府办依复〔2024〕3号" and doc_no.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert addressee.alignment == WD_ALIGN_PARAGRAPH.LEFT and addressee.paragraph_format.first_line_indent is None
    assert body.paragraph_format.first_line_indent == Pt(32)
    assert _east_asia(body.runs[0]._r) == "仿宋_GB2312"


def test_heading_fonts_follow_the_three_levels(sample: DocxDocument) -> None:
    headings = {p.text: p for p in sample.paragraphs[5:8]}
    assert _east_asia(headings["一、总体情况"].runs[0]._r) == "黑体"
    assert _east_asia(headings["（一）主动公开"].runs[0]._r) == "楷体_GB2312"
    assert _east_asia(headings["1.规章"].runs[0]._r) == "仿宋_GB2312"
    outline = headings["一、总体情况"]._p.find(qn("w:pPr")).find(qn("w:outlineLvl"))
    assert outline.get(qn("w:val")) == "0"
    with pytest.raises(ValueError):
        L.add_heading(L.new_document(), 4, "x")


def test_signature_is_right_aligned_with_arabic_date(sample: DocxDocument) -> None:
    org, date, note = sample.paragraphs[8:11]
    assert org.text == "锦屏县人民政府办公室"
    assert date.text == "2024年3月5日"
    assert org.alignment == date.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert date.paragraph_format.right_indent == Pt(64)  # four characters
    # Name centred over the date (GB/T 9704 7.3.5.1): the date “2024年3月5日” is 3 characters
    # and six half-width digits = 6 wide, the name 10; 4 + (6 − 10) / 2 = 2 characters = 32 pt.
    assert org.paragraph_format.right_indent == Pt(32)
    assert note.paragraph_format.first_line_indent == Pt(32)


def test_format_date_has_no_leading_zeros() -> None:
    assert L.format_date(dt.date(2024, 3, 5)) == "2024年3月5日"
    assert L.format_date(dt.date(2025, 12, 31)) == "2025年12月31日"


def test_page_numbers_odd_right_even_left_with_page_field(sample: DocxDocument) -> None:
    assert sample.settings.odd_and_even_pages_header_footer is True
    section = sample.sections[0]
    for footer, alignment in [(section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
                              (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)]:
        paragraph = footer.paragraphs[0]
        assert paragraph.alignment == alignment
        assert paragraph.text.startswith("— ") and paragraph.text.endswith(" —")
        instr = [el.text for el in paragraph._p.iter(qn("w:instrText"))]
        assert instr == [" PAGE "]
        for run in paragraph._p.iter(qn("w:r")):
            rfonts = run.find(qn("w:rPr")).find(qn("w:rFonts"))
            assert rfonts.get(qn("w:eastAsia")) == rfonts.get(qn("w:ascii")) == "宋体"
            assert run.find(qn("w:rPr")).find(qn("w:sz")).get(qn("w:val")) == "28"  # 14 pt


def test_font_table_names_fallbacks(tmp_path: Path) -> None:
    path = tmp_path / "fonts.docx"
    L.new_document().save(str(path))
    with zipfile.ZipFile(path) as archive:
        table = archive.read("word/fontTable.xml").decode("utf-8")
    assert 'w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>' in table
    assert 'w:name="方正小标宋简体"><w:altName w:val="宋体"/>' in table


def test_table_has_printing_borders_bold_header_and_centred_numbers(tmp_path: Path) -> None:
    doc = L.new_document()
    L.add_table(doc, [["项目", "本年制发件数"], ["规章", 0], ["行政规范性文件", "12"]], widths_mm=[100, 56])
    table = _saved(doc, tmp_path).tables[0]
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    edges = {child.tag.split("}")[1]: child.get(qn("w:val")) for child in borders}
    assert edges == dict.fromkeys(["top", "left", "bottom", "right", "insideH", "insideV"], "single")
    header = table.rows[0]
    assert header._tr.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
    assert all(cell.paragraphs[0].runs[0].bold for cell in header.cells)
    assert table.cell(1, 0).paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert table.cell(1, 1).paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert table.cell(2, 1).paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    run = table.cell(1, 0).paragraphs[0].runs[0]
    assert run.font.size == Pt(10.5) and _east_asia(run._r) == "仿宋_GB2312"
    assert abs(table.columns[0].width - Mm(100)) < Mm(0.1)
    # Cell text is off Word's document grid so 10.5 pt text is not stretched onto it.
    snap = table.cell(1, 0).paragraphs[0]._p.find(qn("w:pPr")).find(qn("w:snapToGrid"))
    assert snap.get(qn("w:val")) == "0"


def test_property_children_are_in_schema_order(tmp_path: Path) -> None:
    doc = L.new_document()
    L.add_heading(doc, 1, "一、标题")
    paragraph = _saved(doc, tmp_path).paragraphs[0]
    tags = [child.tag.split("}")[1] for child in paragraph._p.find(qn("w:pPr"))]
    order = ["snapToGrid", "spacing", "ind", "jc", "outlineLvl", "rPr"]
    present = [t for t in order if t in tags]
    assert [t for t in tags if t in order] == present
