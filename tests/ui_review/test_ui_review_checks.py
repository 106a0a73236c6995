"""Automated checks in the editor: findings appear after a pause in typing, are highlighted in the
text, can be accepted with a reason; a .txt/.docx body can be imported."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.bootstrap import Database
from app.review.models import AcceptedFinding
from tests.ui_review.conftest import Boxes, type_text
from ui.context import AppContext
from ui.review.checks_panel import CHECK_DELAY_MS, ChecksPanel
from ui.review.post_editor import PostEditor
from ui.review.tab import ReviewTab

pytestmark = pytest.mark.gui
ID_NUMBER = "11010519491231002X"  # valid check digit, real birth date
WAIT_MS = 10_000


def kinds(panel: ChecksPanel) -> list[str]:
    return [r.finding.kind for r in panel.model.rows]


def test_typed_id_number_is_found_and_highlighted(qtbot: QtBot, ctx: AppContext) -> None:
    editor = PostEditor(ctx)
    qtbot.addWidget(editor)
    editor.show()
    panel = editor.checks
    qtbot.waitUntil(lambda: panel.ready, timeout=WAIT_MS)  # the matcher was warmed off the GUI thread
    type_text(qtbot, editor.body, "联系人张三，身份证号")
    qtbot.keyClicks(editor.body, ID_NUMBER)
    assert panel.timer.isActive()  # nothing runs while typing; the 400 ms pause starts it
    assert panel.timer.interval() == CHECK_DELAY_MS
    qtbot.waitUntil(lambda: "privacy-id" in kinds(panel), timeout=WAIT_MS)

    row = next(r for r in panel.model.rows if r.finding.kind == "privacy-id")
    start = editor.body.toPlainText().index(ID_NUMBER)
    assert (row.finding.start, row.finding.end) == (start, start + len(ID_NUMBER))
    shown = panel.model.data(panel.model.index(panel.model.rows.index(row), 1))
    assert ID_NUMBER not in shown and "*" in shown  # masked in the list
    assert panel.model.data(panel.model.index(panel.model.rows.index(row), 0)) == "身份证号"
    assert (start, start + len(ID_NUMBER), "#ffc9c9") in panel.highlighted_ranges()
    assert "发现 1 处" in panel.heading.text()

    # Deleting the number clears the finding and the highlight after the next pause.
    editor.body.setPlainText("联系人张三。")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 0, timeout=WAIT_MS)
    assert panel.highlighted_ranges() == []
    assert "未发现问题" in panel.heading.text()


def test_finding_accepted_with_a_reason(qtbot: QtBot, db: Database, ctx: AppContext,
                                        add_post: Callable[..., int]) -> None:
    post_id = add_post(body="请拨打13812345678咨询。")
    editor = PostEditor(ctx, post_id)
    qtbot.addWidget(editor)
    editor.show()
    panel = editor.checks
    qtbot.waitUntil(lambda: "privacy-phone" in kinds(panel), timeout=WAIT_MS)
    panel.table.selectRow(0)
    assert editor.body.textCursor().selectedText() == "13812345678"  # the list points into the text
    qtbot.mouseClick(panel.accept_button, Qt.MouseButton.LeftButton)
    with db.session_factory() as s:
        assert s.scalars(select(AcceptedFinding)).all() == []  # a reason is required
    type_text(qtbot, panel.reason, "政务服务热线，已公开")
    qtbot.mouseClick(panel.accept_button, Qt.MouseButton.LeftButton)
    with db.session_factory() as s:
        accepted = s.scalars(select(AcceptedFinding)).one()
        assert (accepted.kind, accepted.matched) == ("privacy-phone", "13812345678")
        assert accepted.reason == "政务服务热线，已公开"
    assert panel.model.data(panel.model.index(0, 2)) == "已确认无问题"
    assert panel.highlighted_ranges()[0][2] == "#d9efd9"
    assert "待核查 0 处" in panel.heading.text()


def test_body_imported_from_docx_and_txt(qtbot: QtBot, ctx: AppContext, tmp_path: Path) -> None:
    editor = PostEditor(ctx)
    qtbot.addWidget(editor)
    txt = tmp_path / "稿件.txt"
    txt.write_bytes("记事本保存的正文。".encode("gb18030"))
    editor.import_file(txt)
    qtbot.waitUntil(lambda: editor.body.toPlainText() == "记事本保存的正文。", timeout=WAIT_MS)
    document = docx.Document()
    document.add_paragraph("第一段。")
    document.add_paragraph("第二段，机密★10年。")
    path = tmp_path / "稿件.docx"
    document.save(str(path))
    editor.import_file(path)
    qtbot.waitUntil(lambda: "第二段" in editor.body.toPlainText(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "secret" in kinds(editor.checks), timeout=WAIT_MS)


def test_unsaved_editor_asks_before_closing(qtbot: QtBot, ctx: AppContext, boxes: Boxes) -> None:
    tab = ReviewTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    editor = tab.new_post()
    type_text(qtbot, editor.title_edit, "未保存的稿件")
    assert editor.dirty and not tab.can_close()
    assert editor.isVisible() and boxes.texts() == ["稿件有未保存的修改，是否保存？"]
    box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible())
    discard = next(b for b in box.buttons() if b.text() == "不保存")
    qtbot.mouseClick(discard, Qt.MouseButton.LeftButton)
    assert not editor.isVisible() and tab.can_close()


def test_source_section_says_when_a_document_comes_from_the_wrong_level(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    from tests.ui_review.conftest import reprint_form
    from ui.review.source_section import SourceSection

    section = SourceSection(ctx)
    qtbot.addWidget(section)
    section.site.setText("贵州省人民政府门户网站")
    section.url.setText("https://www.guizhou.gov.cn/zwgk/1.html")
    assert section.verdict.text().startswith("✔")
    section.doc_level.setCurrentIndex(section.doc_level.findData("central"))
    assert section.verdict.text().startswith("✘") and "中央文件须从" in section.verdict.text()
    assert section.apply(reprint_form()).reprint_doc_level == "central"
