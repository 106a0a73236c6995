"""信函格式, signature, quotes, 附件说明 and document properties of rendered letters, read back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from app.errors import UserError
from reports import docx_layout as L
from reports.letters import KINDS, ensure_templates, render_letter
from reports.letters.layout import LetterLayout, name_size_pt
from reports.letters.placeholders import quoted
from tests.reports._support import SAMPLE

HEAD = LetterLayout(letterhead=True)


def _render(kind: str, tmp_path: Path, layout: LetterLayout | None = None, folder: Path | None = None,
            **changes: str) -> DocxDocument:
    out = tmp_path / f"{kind}.docx"
    render_letter(kind, {**SAMPLE, **changes}, out, folder, layout)
    return docx.Document(str(out))


def _text(el: object) -> str:
    return "".join(t.text or "" for t in el.iter(qn("w:t")))  # type: ignore[attr-defined]


def _has_page_field(story: object) -> bool:
    return any("PAGE" in (i.text or "") for i in story.iter(qn("w:instrText")))  # type: ignore[attr-defined]


def _height_pt(story: object) -> float:
    """Exact line heights plus spacing after of a header's paragraphs, in points."""
    total = 0.0
    for p in story.iter(qn("w:p")):  # type: ignore[attr-defined]
        spacing = p.find(qn("w:pPr")).find(qn("w:spacing"))
        total += int(spacing.get(qn("w:line"))) / 20 + int(spacing.get(qn("w:after"), "0")) / 20
        for bdr in p.iter(qn("w:bottom")):
            total += int(bdr.get(qn("w:space"))) + int(bdr.get(qn("w:sz"))) / 8
    return total


def test_letterhead_first_page_has_red_name_double_rules_and_no_page_number(tmp_path: Path) -> None:
    doc = _render("reply", tmp_path, HEAD)
    section = doc.sections[0]
    assert section.different_first_page_header_footer
    header = section.first_page_header._element
    name = next(p for p in header.iter(qn("w:p")) if _text(p) == "锦屏县人民政府办公室")
    run = name.find(qn("w:r"))
    assert run.find(qn("w:rPr")).find(qn("w:rFonts")).get(qn("w:eastAsia")) == "方正小标宋简体"
    assert run.find(qn("w:rPr")).find(qn("w:color")).get(qn("w:val")) == "FF0000"
    assert name.find(qn("w:pPr")).find(qn("w:jc")).get(qn("w:val")) == "center"
    rule = name.find(qn("w:pPr")).find(qn("w:pBdr")).find(qn("w:bottom"))
    assert (rule.get(qn("w:val")), rule.get(qn("w:color"))) == ("thickThinSmallGap", "FF0000")  # thick over thin
    # 170 mm: the paragraph reaches 8 mm into the 28 mm left margin and 6 mm into the 26 mm right one.
    ind = name.find(qn("w:pPr")).find(qn("w:ind"))
    assert abs(int(ind.get(qn("w:left"))) - round(Mm(-8).pt * 20)) <= 1
    assert abs(int(ind.get(qn("w:right"))) - round(Mm(-6).pt * 20)) <= 1
    # The letterhead's top edge 30 mm from the top: 15 mm header distance + a 15 mm spacer.
    first = header.find(qn("w:p"))
    assert section.header_distance is not None and abs(section.header_distance - Mm(15)) < Mm(0.1)
    assert abs(int(first.find(qn("w:pPr")).find(qn("w:spacing")).get(qn("w:line"))) / 20 - Mm(15).pt) < 1
    footer = section.first_page_footer._element
    assert not _has_page_field(footer)
    frame = footer.find(qn("w:p")).find(qn("w:pPr")).find(qn("w:framePr"))
    assert frame.get(qn("w:vAnchor")) == "page"
    assert abs(int(frame.get(qn("w:y"))) - Mm(277).pt * 20) <= 1  # 20 mm above the bottom edge of A4
    bottom = footer.find(qn("w:p")).find(qn("w:pPr")).find(qn("w:pBdr")).find(qn("w:top"))
    assert (bottom.get(qn("w:val")), bottom.get(qn("w:color"))) == ("thinThickSmallGap", "FF0000")
    # Later pages keep their page numbers.
    assert _has_page_field(section.footer._element) and _has_page_field(section.even_page_footer._element)


def test_letterhead_puts_the_doc_no_top_right_and_the_title_two_lines_below(tmp_path: Path) -> None:
    paragraphs = _render("reply", tmp_path, HEAD).paragraphs
    assert paragraphs[0].text == "锦府办依复〔2024〕3号"
    assert paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert not paragraphs[0].paragraph_format.right_indent
    assert paragraphs[1].text == ""
    assert paragraphs[2].text == "政府信息公开申请答复书"


def test_plain_layout_keeps_the_doc_no_under_the_title_and_page_one_numbered(tmp_path: Path) -> None:
    doc = _render("reply", tmp_path)
    assert [p.text for p in doc.paragraphs[:2]] == ["政府信息公开申请答复书", "锦府办依复〔2024〕3号"]
    assert not doc.sections[0].different_first_page_header_footer
    assert "锦屏县人民政府办公室" not in "".join(_text(p) for p in doc.sections[0].header._element.iter(qn("w:p")))


def test_preprinted_paper_keeps_the_letterhead_space_but_prints_nothing(tmp_path: Path) -> None:
    printed = _render("correction", tmp_path, HEAD).sections[0]
    (tmp_path / "p").mkdir()
    blank = _render("correction", tmp_path / "p", LetterLayout(letterhead=True, preprinted=True)).sections[0]
    head = blank.first_page_header._element
    assert _text(head).strip("　") == ""
    assert head.find(f".//{qn('w:pBdr')}") is None
    assert blank.first_page_footer._element.find(f".//{qn('w:pBdr')}") is None
    assert abs(_height_pt(head) - _height_pt(printed.first_page_header._element)) < 0.5
    assert not _has_page_field(blank.first_page_footer._element)


def test_long_office_name_shrinks_to_fit_the_rule(tmp_path: Path) -> None:
    name = "锦屏县人民政府办公室锦屏县人民政府办公室"  # 20 characters: 482 pt / 20 = 24 pt
    assert name_size_pt(name) == 24
    header = _render("reply", tmp_path, HEAD, 机关名称=name).sections[0].first_page_header._element
    run = next(r for r in header.iter(qn("w:r")) if _text(r) == name)
    assert run.find(qn("w:rPr")).find(qn("w:sz")).get(qn("w:val")) == "48"


def test_office_letterhead_file_is_used_and_checked(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    ensure_templates(folder)
    head = L.new_document()
    L.add_text(head, "{{机关名称}}专用函", align="center")
    head.save(str(folder / "版头.docx"))
    header = _render("extension", tmp_path, HEAD, folder).sections[0].first_page_header._element
    assert "锦屏县人民政府办公室专用函" in _text(header)
    L.add_text(head, "{{答复正文}}")
    head.save(str(folder / "版头.docx"))
    with pytest.raises(UserError, match=r"版头文件“版头\.docx”中有不能使用的占位符"):
        _render("extension", tmp_path, HEAD, folder)


@pytest.mark.parametrize("kind", KINDS)
def test_signature_centres_the_name_over_the_date_with_no_seal_text(kind: str, tmp_path: Path) -> None:
    paragraphs = _render(kind, tmp_path, HEAD).paragraphs
    index = next(i for i, p in enumerate(paragraphs) if p.text == "锦屏县人民政府办公室")
    org, date = paragraphs[index], paragraphs[index + 1]
    assert date.text == "2024年3月12日" and date.paragraph_format.right_indent == Pt(64)
    # Date: 年月日 3 + “2024”“3”“12” seven half-width digits = 6.5 characters; name 10.
    # Centred: 4 + (6.5 − 10) / 2 = 2.25 characters = 36 pt from the right margin.
    assert org.paragraph_format.right_indent == Pt(36)
    assert all("（印章）" not in p.text for p in paragraphs)
    # Room for the seal: two blank lines above the name; the name and the date stay with the 附注
    # (page breaks as printed: tests/cases/test_cases_letter_pages.py).
    assert [p.text for p in paragraphs[index - 2:index]] == ["", ""]
    assert org.paragraph_format.keep_with_next and date.paragraph_format.keep_with_next
    assert paragraphs[index + 2].text.startswith("（联系电话")


def test_quotes_nest_and_the_request_verb_is_not_repeated(tmp_path: Path) -> None:
    texts = [p.text for p in _render("reply", tmp_path, 申请内容="申请公开“城区道路”改造工程的中标结果。").paragraphs]
    assert any("申请获取“‘城区道路’改造工程的中标结果”。经研究" in t for t in texts), texts
    assert quoted('请提供"一号文件"的全文', "申请获取") == "请提供‘一号文件’的全文"
    assert quoted("申请获取：预算表。", "申请获取") == "预算表"
    # Not inside quotes (the receipt's form cell): the applicant's words stay as written.
    doc = _render("receipt", tmp_path, 申请内容="申请公开“城区道路”改造工程的中标结果。")
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    assert "申请公开“城区道路”改造工程的中标结果。" in cells


@pytest.mark.parametrize("kind", KINDS)
def test_attachments_mentioned_only_with_an_attachment_note(kind: str, tmp_path: Path) -> None:
    paragraphs = _render(kind, tmp_path).paragraphs
    text = "\n".join(p.text for p in paragraphs)
    notes = [p for p in paragraphs if p.text.startswith("附件：")]
    if "所附" in text or "见附件" in text:
        assert notes, kind
        note = notes[0]
        assert note.paragraph_format.first_line_indent == Pt(32)  # two characters in (GB/T 9704 7.3.4)
        name = note.text.removeprefix("附件：")
        label = next(p for p in paragraphs if p.text == "附件")
        assert label.paragraph_format.page_break_before and label.runs[0]._r.find(qn("w:rPr")).find(
            qn("w:rFonts")).get(qn("w:eastAsia")) == "黑体"
        assert name in text.split("附件\n", 1)[1]  # the attachment page carries the named title
    else:
        assert not notes, kind


def test_properties_name_the_office_and_the_time_of_rendering(tmp_path: Path) -> None:
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    props = _render("reply", tmp_path).core_properties
    assert props.author == props.last_modified_by == "锦屏县人民政府办公室"
    assert props.title == "答复书"
    created = props.created
    assert created is not None
    created = created if created.tzinfo else created.replace(tzinfo=dt.UTC)
    assert before - dt.timedelta(seconds=1) <= created <= dt.datetime.now(dt.UTC)


def test_attachment_line_in_a_value_moves_after_the_text(tmp_path: Path) -> None:
    body = "现将该信息提供给您（见附件）。\n附件：1.2023年财政预算表\n2.2023年财政决算表"
    paragraphs = [p for p in _render("reply", tmp_path, 答复正文=body).paragraphs]
    texts = [p.text for p in paragraphs]
    sig = texts.index("锦屏县人民政府办公室")
    # Text, remedy paragraph, blank line, 附件说明 (two lines), two blank lines for the seal, name.
    assert texts[sig - 6:sig] == ["如对本答复不服，可以申请行政复议。", "", "附件：1.2023年财政预算表",
                                  "2.2023年财政决算表", "", ""]
    assert paragraphs[sig - 4].paragraph_format.first_line_indent == Pt(32)
    assert paragraphs[sig - 3].paragraph_format.left_indent == Pt(80)  # under “1.”: 2 + 3 characters


def test_attachment_mentioned_without_a_note_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="没有附件说明"):
        _render("reply", tmp_path, 答复正文="现将该信息提供给您（见附件）。")
    assert not (tmp_path / "reply.docx").exists()
