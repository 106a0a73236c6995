"""区分处理 in the GUI: add a document, mark it, answer suggestions, generate, answer 部分公开."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import docx
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QTextCursor

from app.cases.archive import document_content
from app.cases.enums import CaseStatus
from app.cases.handling import start_handling
from app.cases.models import CaseDocument, RequestCase
from app.cases.outcomes import ReplyType
from app.redaction.grounds import Ground
from app.redaction.model import Rect
from tests.redaction.leak_views import compact, docx_leaks, pdf_leaks, pdfium_text
from tests.redaction.pdf_samples import text_pdf, to_bytes
from ui.cases.redaction_view import RedactionDialog
from ui.cases.tab import CasesTab

pytestmark = pytest.mark.gui

ID = "522601199001011232"  # check character worked out with app.review.checks.idcard.check_char
PHONE = "13812345678"
LINES = [f"申请人：张三，身份证号码{ID}。", f"联系电话{PHONE}。", "讨论稿：拟调整补助标准。", "其余内容可以公开。"]


def _open_case(qtbot, db, ctx, clerk, add_case) -> CasesTab:  # type: ignore[no-untyped-def]
    case_id = add_case()
    with db.session_factory.begin() as s:
        start_handling(s, clerk, case_id, today=date.today())
    tab = CasesTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1300, 860)
    tab.show()
    tab.detail.show_case(case_id)
    return tab


def _drag(qtbot, dlg: RedactionDialog, rect: Rect) -> None:  # type: ignore[no-untyped-def]
    canvas = dlg.canvas
    start = canvas.mapFromScene(QPointF(rect.x0, rect.y0))
    end = canvas.mapFromScene(QPointF(rect.x1, rect.y1))
    viewport = canvas.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=QPoint(start))
    qtbot.mouseMove(viewport, QPoint(end))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=QPoint(end))


def _wait_task(qtbot, dlg: RedactionDialog) -> None:  # type: ignore[no-untyped-def]
    assert dlg.task is not None
    qtbot.waitUntil(lambda: dlg.task is not None and dlg.task.is_finished, timeout=60_000)


def test_mark_suggest_generate_and_answer_partial(qtbot, db, ctx, clerk, add_case, boxes, org_filled, opened,  # type: ignore[no-untyped-def]
                                                  tmp_path: Path) -> None:
    tab = _open_case(qtbot, db, ctx, clerk, add_case)
    detail = tab.detail
    case_id = detail.case_id
    assert case_id is not None

    # 部分公开 without a released copy or a reason is refused, in Chinese.
    reply = detail.reply
    reply.reply_type.setCurrentIndex(reply.reply_type.findData(ReplyType.PARTIAL))
    qtbot.mouseClick(reply.save_draft_button, Qt.MouseButton.LeftButton)
    assert any("生成至少一份公开件" in t for t in boxes.texts()), boxes.texts()
    boxes.close()

    source = tmp_path / "低保审批表.pdf"
    source.write_bytes(to_bytes(text_pdf([LINES, ["张三已签字。"]])))
    panel = detail.redaction
    assert panel.add_file(source)
    detail.reload()
    assert panel.items.rowCount() == 1 and panel.items.row_at(0).filename == "低保审批表.pdf"  # type: ignore[union-attr]

    dlg = panel.open_selected()
    assert isinstance(dlg, RedactionDialog)
    qtbot.waitUntil(lambda: dlg.canvas.has_picture, timeout=20_000)
    qtbot.waitUntil(lambda: dlg.loader is not None and dlg.loader.cached_page(0) is not None, timeout=20_000)
    qtbot.waitUntil(lambda: not dlg.thumbs.item(1).icon().isNull(), timeout=20_000)  # thumbnails in the background
    page = dlg.loader.cached_page(0)  # type: ignore[union-attr]
    assert page is not None

    # A rectangle drawn over the third line, with the ground chosen for it.
    dlg.rect_mode.setChecked(True)
    dlg.ground_box.setCurrentIndex(dlg.ground_box.findData(Ground.PROCESS.value))
    start = page.text.index("讨论稿")
    line = page.span_rects(start, start + len("讨论稿：拟调整补助标准。"))[0]
    _drag(qtbot, dlg, line.padded(1))
    assert len(dlg.editor.marks) == 1 and dlg.editor.marks[0].ground is Ground.PROCESS
    assert "拟调整补助标准" in dlg.editor.marks[0].text

    # Suggestions: reject the name, accept the rest.
    dlg.ground_box.setCurrentIndex(dlg.ground_box.findData(Ground.PRIVACY.value))
    qtbot.mouseClick(dlg.side.suggest_button, Qt.MouseButton.LeftButton)
    _wait_task(qtbot, dlg)
    kinds = [s.kind for s in dlg.editor.suggestions]
    assert kinds == ["privacy-name", "privacy-id", "privacy-phone"], kinds
    dlg.side.suggestion_table.selectRow(0)
    qtbot.mouseClick(dlg.side.reject_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dlg.side.accept_all_button, Qt.MouseButton.LeftButton)
    assert [s.answer for s in dlg.editor.suggestions] == ["rejected", "accepted", "accepted"]
    assert dlg.side.marks.rowCount() == 3

    # Select the name as text, then mark it on every page.
    dlg.text_mode.setChecked(True)
    name_at = page.text.index("张三")
    box = page.span_rects(name_at, name_at + 2)[0]
    _drag(qtbot, dlg, Rect(box.x0 + 2, box.y0 + 2, box.x1 - 2, box.y1 - 2))
    assert dlg.editor.marks[-1].text == "张三" and dlg.everywhere_button.isEnabled()
    qtbot.mouseClick(dlg.everywhere_button, Qt.MouseButton.LeftButton)
    _wait_task(qtbot, dlg)
    assert sorted(m.page for m in dlg.editor.marks if m.text == "张三") == [1, 2]

    # Paging and zoom.
    qtbot.mouseClick(dlg.next_button, Qt.MouseButton.LeftButton)
    assert dlg.current == 1 and "第 2 / 2 页" in dlg.page_label.text()
    qtbot.mouseClick(dlg.zoom_in_button, Qt.MouseButton.LeftButton)
    assert dlg.zoom_label.text() == "150%"
    qtbot.waitUntil(lambda: dlg.canvas.has_picture, timeout=20_000)

    qtbot.mouseClick(dlg.generate_button, Qt.MouseButton.LeftButton)
    _wait_task(qtbot, dlg)
    assert dlg.task is not None and dlg.task.error is None, boxes.texts()
    boxes.close()
    with db.session_factory() as s:
        copies = s.query(CaseDocument).filter_by(case_id=case_id, category="released_copy").all()
        assert [c.filename for c in copies] == ["低保审批表（公开件）.pdf"]
        data = document_content(s, copies[0].id)
    assert pdf_leaks(data, [ID, PHONE, "张三", "拟调整补助标准"]) == []
    assert "其余内容可以公开" in compact(pdfium_text(data))
    dlg.close()

    detail.reload()
    assert "已生成公开件" in panel.items.data(panel.items.index(0, 3))
    grounds = {panel.statement.row_at(i).ground for i in range(panel.statement.rowCount())}  # type: ignore[union-attr]
    assert grounds == {Ground.PRIVACY, Ground.PROCESS}

    # The 部分公开 reply is written from the statement and can now be saved.
    reply.reply_type.setCurrentIndex(reply.reply_type.findData(ReplyType.DISCLOSABLE))
    reply.reply_type.setCurrentIndex(reply.reply_type.findData(ReplyType.PARTIAL))
    body = reply.body.toPlainText()
    assert "《低保审批表（公开件）.pdf》" in body and "第十五条" in body and "第十六条第二款" in body
    qtbot.mouseClick(reply.save_draft_button, Qt.MouseButton.LeftButton)
    with db.session_factory() as s:
        case = s.get(RequestCase, case_id)
        assert case is not None and case.status == CaseStatus.AWAITING_APPROVAL.value, boxes.texts()
        assert "第十五条" in case.reply_body
    # The reply letter (答复书) carries the grounds and articles, and names the released copy.
    assert detail.documents.make_letter("reply") is not None, boxes.texts()
    letter = docx.Document(str(opened[-1]))
    text = "".join(p.text for p in letter.paragraphs)
    assert "第十五条的规定不予公开" in text and "第十六条第二款" in text and "低保审批表（公开件）.pdf" in text


def test_word_document_marked_by_selection_and_released_as_word(qtbot, db, ctx, clerk, add_case, boxes,  # type: ignore[no-untyped-def]
                                                                tmp_path: Path) -> None:
    tab = _open_case(qtbot, db, ctx, clerk, add_case)
    d = docx.Document()
    d.add_paragraph(f"申请人：张三，电话{PHONE}。")
    d.add_paragraph("讨论稿：拟调整补助标准。其余内容可以公开。")
    source = tmp_path / "情况说明.docx"
    d.save(source)
    panel = tab.detail.redaction
    assert panel.add_file(source)
    tab.detail.reload()
    dlg = panel.open_selected()
    assert isinstance(dlg, RedactionDialog) and dlg.is_docx
    text = dlg.text_view
    block = text.document().findBlockByNumber(1)
    cursor = QTextCursor(block)
    cursor.setPosition(block.position() + 4)
    cursor.setPosition(block.position() + 11, QTextCursor.MoveMode.KeepAnchor)
    text.setTextCursor(cursor)
    dlg.ground_box.setCurrentIndex(dlg.ground_box.findData(Ground.PROCESS.value))
    assert text.mark_selection(dlg.ground) == "拟调整补助标准"
    qtbot.mouseClick(dlg.side.suggest_button, Qt.MouseButton.LeftButton)
    _wait_task(qtbot, dlg)
    qtbot.mouseClick(dlg.side.accept_all_button, Qt.MouseButton.LeftButton)
    assert {m.text for m in dlg.editor.marks} == {"拟调整补助标准", "张三", PHONE}
    dlg.format_box.setCurrentIndex(dlg.format_box.findData("docx"))
    qtbot.mouseClick(dlg.generate_button, Qt.MouseButton.LeftButton)
    _wait_task(qtbot, dlg)
    assert dlg.task is not None and dlg.task.error is None, boxes.texts()
    boxes.close()
    with db.session_factory() as s:
        copy = s.query(CaseDocument).filter_by(category="released_copy").one()
        assert copy.filename == "情况说明（公开件）.docx"
        data = document_content(s, copy.id)
    assert docx_leaks(data, ["拟调整补助标准", "张三", PHONE]) == []
    paragraphs = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    assert paragraphs == ["申请人：第十五条，电话第十五条。", "讨论稿：第十六条。其余内容可以公开。"]
    dlg.close()
