"""The leak test of issue 15: nothing under a mark can be read from a released copy, by any means.

Each produced file is read with pdfium and pdfminer and as raw, decompressed bytes (every object,
every stream, every attachment); none of the redacted strings may appear, while the text outside
the marks must still be there.
"""

from __future__ import annotations

import io

import docx
import pikepdf
import pytest

from app.redaction.document import PageDocument
from app.redaction.engine import redact_document
from app.redaction.grounds import Ground
from app.redaction.model import Mark, Rect
from app.redaction.run import MarkSpec, redact_file
from app.redaction.suggest import document_suggestions
from tests.redaction.leak_views import compact, docx_leaks, pdf_leaks, pdfium_text, pdfminer_text
from tests.redaction.pdf_samples import incremental_update, scanned_pdf, text_pdf, to_bytes, with_everything

ID = "522601199001011232"  # check character worked out with app.review.checks.idcard.check_char
PHONE = "13812345678"
CARD = "6222021001123456789"  # passes the Luhn check
LANDLINE = "0855-8221234"
LINES = [
    f"申请人：张三，身份证号码{ID}。",
    f"联系电话{PHONE}，固定电话{LANDLINE}。",
    f"收款账号{CARD}。",
    "住址：贵州省黔东南州凯里市北京东路12号。",
    "经审查，本件其余内容可以公开。",
]
SECRETS = [ID, PHONE, CARD, "8221234", "张三", "北京东路12号"]
KEPT = ["身份证号码", "联系电话", "固定电话", "收款账号", "经审查，本件其余内容可以公开。"]


def _redact_auto(data: bytes) -> bytes:
    with PageDocument(data, "材料.pdf") as doc:
        marks = document_suggestions(doc.page(i) for i in range(doc.page_count))
        return redact_document(doc, marks).data


def _assert_kept(data: bytes) -> None:
    for reader in (pdfium_text, pdfminer_text):
        text = compact(reader(data))
        for words in KEPT:
            assert words in text, (reader.__name__, words, text)


def test_text_pdf_source_really_contains_the_secrets() -> None:
    data = to_bytes(text_pdf([LINES]))
    assert pdf_leaks(data, SECRETS) == SECRETS  # the check can fail: the source leaks everything


def test_text_pdf_suggestions_leave_nothing_readable() -> None:
    out = _redact_auto(to_bytes(text_pdf([LINES, LINES])))
    assert pdf_leaks(out, SECRETS) == []
    _assert_kept(out)
    assert compact(pdfium_text(out)).count("第十五条") >= 12  # the labels on both pages' boxes


def test_metadata_annotations_forms_attachments_do_not_survive() -> None:
    pdf = text_pdf([LINES])
    with_everything(pdf, ID)
    source = to_bytes(pdf)
    assert ID in compact(pdfminer_text(source)) or pdf_leaks(source, [ID]) == [ID]
    out = _redact_auto(source)
    assert pdf_leaks(out, SECRETS) == []
    with pikepdf.open(io.BytesIO(out)) as result:
        assert "/AcroForm" not in result.Root
        assert "/Annots" not in result.pages[0].obj
        assert len(result.attachments) == 0
        assert "/Metadata" not in result.Root
        assert "/Title" not in result.docinfo and "/Author" not in result.docinfo
    _assert_kept(out)


def test_earlier_incremental_revision_does_not_survive() -> None:
    original = to_bytes(text_pdf([[f"旧版：联系人王五，电话{PHONE}。", *LINES[3:]]]))
    updated = incremental_update(original, LINES)
    assert updated.startswith(original) and updated.count(b"%%EOF") >= 2
    # Readers show the latest revision; the old one is still in the bytes.
    assert "旧版" not in compact(pdfium_text(updated)) and "王五".encode("utf-16-be").hex().upper().encode() in updated
    out = _redact_auto(updated)
    assert pdf_leaks(out, [*SECRETS, "王五", "旧版"]) == []
    _assert_kept(out)


def test_hand_drawn_rectangle_removes_the_characters_it_touches() -> None:
    data = to_bytes(text_pdf([LINES]))
    with PageDocument(data, "材料.pdf") as doc:
        page = doc.page(0)
        start = page.text.index(ID)
        rects = page.span_rects(start, start + len(ID))
        # A rectangle drawn by hand a little off: clips the first digit's right part only.
        first = page.chars[start].box
        assert first is not None
        drawn = Rect(first.x0 + first.width * 0.7, rects[0].y0 + 1, rects[0].x1 + 2, rects[0].y1 - 1)
        result = redact_document(doc, [Mark(0, (drawn,), Ground.PRIVACY)])
    assert pdf_leaks(result.data, [ID, ID[1:]]) == []
    assert result.applied[0].text == ID


def test_the_box_is_burnt_into_the_picture() -> None:
    data = to_bytes(text_pdf([LINES]))
    with PageDocument(data, "材料.pdf") as doc:
        page = doc.page(0)
        start = page.text.index(PHONE)
        box = page.span_rects(start, start + len(PHONE))[0]
        out = redact_document(doc, [Mark(0, (box,), Ground.PRIVACY, PHONE)]).data
    with PageDocument(out, "公开件.pdf") as copy:
        image = copy.render(0, 72)
    # Every pixel of the box is (near) black, except where the white label is written.
    x0, y0, x1, y1 = int(box.x0) + 1, int(box.y0) + 1, int(box.x1) - 1, int(box.y1) - 1
    dark = sum(1 for x in range(x0, x1) for y in range(y0, y1) if sum(image.getpixel((x, y))) < 150)
    assert dark / ((x1 - x0) * (y1 - y0)) > 0.6


def test_scanned_pdf_without_ocr_burns_a_drawn_rectangle() -> None:
    data = scanned_pdf(["申请人：张三", "其余内容可以公开"], dpi=100)
    with PageDocument(data, "扫描件.pdf") as doc:
        assert doc.needs_ocr(0)
        out = redact_document(doc, [Mark(0, (Rect(0, 0, 400, 60),), Ground.PRIVACY)]).data
    with PageDocument(out, "公开件.pdf") as copy:
        image = copy.render(0, 72)
    assert sum(image.getpixel((200, 30))) < 100 and sum(image.getpixel((590, 100))) > 700


def test_scanned_pdf_with_ocr_keeps_only_unmarked_text() -> None:
    pytest.importorskip("rapidocr_onnxruntime", reason="the ocr extra is part of the test install")
    data = scanned_pdf([f"申请人张三电话{PHONE}", "其余内容可以公开"], dpi=150)
    result = redact_file(data, "扫描件.pdf", [], auto=True, ocr=True)
    kinds = {a.text for a in result.applied}
    assert PHONE in kinds
    assert pdf_leaks(result.data, [PHONE]) == []
    text = compact(pdfium_text(result.data))
    assert "其余内容可以公开" in text and "申请人" in text


def _docx_source() -> bytes:
    d = docx.Document()
    d.core_properties.author = "张三"
    d.core_properties.title = f"关于张三{PHONE}的材料"
    p = d.add_paragraph("申请人：")
    p.add_run("张").bold = True
    p.add_run(f"三，身份证号码{ID[:9]}")
    p.add_run(f"{ID[9:]}，电话{PHONE}。")
    d.add_paragraph("经审查，本件其余内容可以公开。")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "收款账号"
    table.cell(0, 1).text = CARD
    d.sections[0].header.paragraphs[0].text = f"联系电话{PHONE}"
    buffer = io.BytesIO()
    d.save(buffer)
    return buffer.getvalue()


def test_docx_released_as_docx_leaves_nothing() -> None:
    source = _docx_source()
    assert docx_leaks(source, [ID, PHONE, CARD, "张三"]) != []
    result = redact_file(source, "材料.docx", [MarkSpec(Ground.PRIVACY, text="张三")], auto=True, output="docx")
    assert result.suffix == ".docx"
    assert docx_leaks(result.data, [ID, PHONE, CARD, "张三"]) == []
    out = docx.Document(io.BytesIO(result.data))
    body = [p.text for p in out.paragraphs]
    assert body[0] == "申请人：第十五条，身份证号码第十五条，电话第十五条。"
    assert body[1] == "经审查，本件其余内容可以公开。"
    assert out.tables[0].cell(0, 0).text == "收款账号" and out.tables[0].cell(0, 1).text == "第十五条"
    assert out.core_properties.author == "" and out.core_properties.title == ""


def test_docx_tracked_deletion_and_comment_do_not_survive() -> None:
    source = _docx_source()
    d = docx.Document(io.BytesIO(source))
    # A tracked deletion still holding the number, as Word keeps it until changes are accepted.
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    from lxml import etree

    para = d.paragraphs[1]._p
    deleted = etree.SubElement(para, f"{{{w}}}del", {f"{{{w}}}id": "9", f"{{{w}}}author": "x"})
    run = etree.SubElement(deleted, f"{{{w}}}r")
    etree.SubElement(run, f"{{{w}}}delText").text = f"王五{PHONE}"
    buffer = io.BytesIO()
    d.save(buffer)
    source = buffer.getvalue()
    assert docx_leaks(source, ["王五"]) == ["王五"]
    result = redact_file(source, "材料.docx", [], auto=True, output="docx")
    assert docx_leaks(result.data, [PHONE, "王五", ID]) == []


def test_docx_released_as_pdf_leaves_nothing() -> None:
    from app.redaction.docx_support import office_program

    if office_program() is None:
        pytest.skip("LibreOffice is installed by scripts/system-deps.sh; without it the PDF form is refused")
    result = redact_file(_docx_source(), "材料.docx", [MarkSpec(Ground.PRIVACY, text="张三")], auto=True)
    assert result.suffix == ".pdf"
    assert pdf_leaks(result.data, [ID, PHONE, CARD, "张三"]) == []
    text = compact(pdfium_text(result.data))
    assert "经审查，本件其余内容可以公开。" in text and "收款账号" in text


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_rotated_and_cropped_pages(rotation: int) -> None:
    pdf = text_pdf([LINES])
    pdf.pages[0].obj.Rotate = rotation
    pdf.pages[0].obj.CropBox = pikepdf.Array([10, 20, 580, 830])
    data = to_bytes(pdf)
    with PageDocument(data, "材料.pdf") as doc:
        page = doc.page(0)
        marks = document_suggestions([page])
        phone = next(m for m in marks if m.kind == "privacy-phone")
        assert len(phone.rects) == 1  # one box along the rotated line, not one per digit
        box = phone.rects[0]
        before = doc.render(0, 72).crop((int(box.x0), int(box.y0), int(box.x1), int(box.y1)))
        out = redact_document(doc, marks).data
    # The box lies over the digits as the page is shown: there is ink under it before.
    assert min(before.convert("L").getextrema()) < 100
    assert pdf_leaks(out, SECRETS) == []
    text = compact(pdfium_text(out))
    assert "经审查，本件其余内容可以公开。" in text
    with PageDocument(out, "公开件.pdf") as copy:
        assert (copy.page(0).width, copy.page(0).height) == ((810, 570) if rotation % 180 else (570, 810))


def test_image_source_becomes_a_pdf_page_of_its_own_size() -> None:
    from tests.redaction.pdf_samples import text_image

    image = text_image(["申请人：张三", "其余内容可以公开"], dpi=100)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(100, 100))
    # The name sits in the first line: 0.6 in from the left, 0.5 in from the top, 14 pt high.
    spec = MarkSpec(Ground.PRIVACY, page=1, rects=((40.0, 30.0, 300.0, 55.0),))
    result = redact_file(buffer.getvalue(), "扫描.png", [spec])
    with PageDocument(result.data, "公开件.pdf") as copy:
        page = copy.page(0)
        assert (round(page.width), round(page.height)) == (round(image.width * 0.72), round(image.height * 0.72))
        picture = copy.render(0, 72)
    assert sum(picture.getpixel((60, 42))) < 100  # inside the box (left of its white label)
    assert sum(picture.getpixel((500, 20))) > 700  # blank paper outside it stays white
