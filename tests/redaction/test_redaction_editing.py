"""The editor behind the redaction view: gestures to marks, suggestions accepted and rejected."""

from __future__ import annotations

import json

from app.redaction.document import PageDocument
from app.redaction.editing import MarkEditor
from app.redaction.grounds import Ground
from app.redaction.model import Rect
from app.redaction.run import redact_file
from app.redaction.specs import parse_mark_specs
from app.redaction.suggest import page_suggestions
from tests.redaction.leak_views import compact, pdfium_text
from tests.redaction.pdf_samples import text_pdf, to_bytes

ID = "522601199001011232"  # check character worked out with app.review.checks.idcard.check_char
DATA = to_bytes(text_pdf([[f"申请人：张三，身份证号码{ID}。", "张三家庭人均收入低于标准。"], ["张三已签字。"]]))


def test_selection_takes_whole_characters_and_round_trips_through_json() -> None:
    editor = MarkEditor()
    with PageDocument(DATA, "a.pdf") as doc:
        page = doc.page(0)
        start = page.text.index(ID)
        box = page.span_rects(start, start + len(ID))[0]
        # Dragged from the middle of the first digit to the middle of the last one.
        drag = Rect(box.x0 + 3, box.y0 + 2, box.x1 - 3, box.y1 - 2)
        assert editor.selection_text(page, drag) == ID
        index = editor.add_selection(page, drag, Ground.PRIVACY)
    assert index == 0 and editor.marks[0].text == ID and editor.marks[0].page == 1
    stored = json.loads(json.dumps([m.to_json() for m in editor.marks]))
    assert parse_mark_specs(stored) == editor.marks


def test_drawn_rectangle_records_the_hidden_text_and_ignores_clicks() -> None:
    editor = MarkEditor()
    with PageDocument(DATA, "a.pdf") as doc:
        page = doc.page(0)
        assert editor.add_rect(page, Rect(100, 100, 101, 101), Ground.PRIVACY) is None
        start = page.text.index("张三")
        box = page.span_rects(start, start + 2)[0]
        editor.add_rect(page, box.padded(0.5), Ground.PRIVACY)
    assert editor.marks[0].text == "张三" and editor.changed


def test_mark_everywhere_does_not_duplicate() -> None:
    editor = MarkEditor()
    with PageDocument(DATA, "a.pdf") as doc:
        pages = [doc.page(i) for i in range(doc.page_count)]
        assert editor.mark_everywhere(pages, "张三", Ground.PRIVACY) == 3
        assert editor.mark_everywhere(pages, "张三", Ground.PRIVACY) == 0
    assert sorted(m.page for m in editor.marks) == [1, 1, 2]


def test_accept_reject_and_regrounding_suggestions() -> None:
    editor = MarkEditor()
    with PageDocument(DATA, "a.pdf") as doc:
        editor.set_page_suggestions(page_suggestions(doc.page(0)))
    kinds = [s.kind for s in editor.suggestions]
    assert kinds == ["privacy-name", "privacy-id"] and editor.open_count() == 2
    editor.accept(1, Ground.LAW_PROHIBITED)
    assert editor.marks[-1].ground is Ground.LAW_PROHIBITED and editor.marks[-1].text == ID
    editor.reject(0)
    assert editor.open_count() == 0 and len(editor.marks) == 1
    editor.reject(1)  # changing one's mind takes the mark back out
    assert editor.marks == []
    # Suggestions already marked are not proposed again.
    editor.accept_all_open()
    with PageDocument(DATA, "a.pdf") as doc:
        editor.set_page_suggestions(page_suggestions(doc.page(0)))
        assert editor.accept_all_open() == 2
        editor.set_page_suggestions(page_suggestions(doc.page(0)))
    assert editor.suggestions == []


def test_edited_marks_produce_the_copy() -> None:
    editor = MarkEditor()
    with PageDocument(DATA, "a.pdf") as doc:
        editor.mark_everywhere([doc.page(i) for i in range(doc.page_count)], "张三", Ground.PRIVACY)
    editor.set_ground(0, Ground.TRADE_SECRET)
    result = redact_file(DATA, "a.pdf", editor.marks)
    assert [a.ground for a in result.applied] == [Ground.TRADE_SECRET, Ground.PRIVACY, Ground.PRIVACY]
    text = compact(pdfium_text(result.data))
    assert "张三" not in text and ID in text


def test_remove() -> None:
    editor = MarkEditor()
    with PageDocument(DATA, "a.pdf") as doc:
        editor.mark_everywhere([doc.page(0)], "张三", Ground.PRIVACY)
    first_place = editor.marks[0].rects
    editor.remove(0)
    assert len(editor.marks) == 1 and editor.marks[0].rects != first_place
