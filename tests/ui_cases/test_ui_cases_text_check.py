"""The entry check for printed text (app/text_check) in the case forms after intake: handling
events (办理过程) and the reply text refuse an emoji with the field named, keep the dialog and
the clerk's text, and save once it is gone."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.cases.enums import CaseStatus
from app.cases.outcomes import ReplyType
from tests.ui_cases._dialogs import dialog_from, shown_started_case
from tests.ui_cases._support import field_text, set_field, stored_case

pytestmark = pytest.mark.gui
REFUSED = "中有打印时无法显示的字符"


def test_correction_items_with_an_emoji_are_refused_and_kept(qtbot, db, ctx, clerk, add_case, boxes) -> None:
    case_id, detail = shown_started_case(qtbot, db, ctx, clerk, add_case)
    panel = detail.handling
    dlg = dialog_from(qtbot, panel, panel.correction_button)
    set_field(dlg, "items", "1. 请明确所需文件的名称👉")
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    assert dlg.isVisible() and any("补正事项" + REFUSED in t and "U+1F449" in t for t in boxes.texts())
    assert field_text(dlg, "items") == "1. 请明确所需文件的名称👉"  # nothing the clerk typed is lost
    assert stored_case(db, case_id).correction_notice_on is None
    boxes.close()
    set_field(dlg, "items", "1. 请明确所需文件的名称")
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    assert not dlg.isVisible()
    assert stored_case(db, case_id).status == CaseStatus.AWAITING_CORRECTION.value


def test_consultation_party_with_a_symbol_is_refused(qtbot, db, ctx, clerk, add_case, boxes) -> None:
    _case_id, detail = shown_started_case(qtbot, db, ctx, clerk, add_case)
    panel = detail.handling
    dlg = dialog_from(qtbot, panel, panel.consult_button)
    set_field(dlg, "party", "县民政局✅")
    set_field(dlg, "matter", "是否同意公开")
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    assert dlg.isVisible() and any("征求意见对象" + REFUSED in t for t in boxes.texts())
    assert panel.consultations.rowCount() == 0
    boxes.close()
    set_field(dlg, "party", "县民政局")
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    assert not dlg.isVisible() and panel.consultations.rowCount() == 1


def test_reply_text_with_an_emoji_is_refused(qtbot, db, ctx, clerk, add_case, boxes) -> None:
    case_id, detail = shown_started_case(qtbot, db, ctx, clerk, add_case)
    panel = detail.reply
    panel.reply_type.setCurrentIndex(panel.reply_type.findData(ReplyType.NOT_EXIST))
    body = panel.body.toPlainText()
    assert body and "[" not in body  # the template needs no filling in
    panel.body.setPlainText(body + "😀")
    qtbot.mouseClick(panel.save_draft_button, Qt.MouseButton.LeftButton)
    assert any("答复书正文" + REFUSED in t and "U+1F600" in t for t in boxes.texts())
    assert stored_case(db, case_id).reply_type == "" and panel.body.toPlainText().endswith("😀")
    boxes.close()
    panel.body.setPlainText(body)
    qtbot.mouseClick(panel.save_draft_button, Qt.MouseButton.LeftButton)
    assert stored_case(db, case_id).reply_type == ReplyType.NOT_EXIST.value
