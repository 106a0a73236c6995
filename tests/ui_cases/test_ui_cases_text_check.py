"""The entry check for printed text (app/text_check) in the case forms after intake: handling
events (办理过程) and the reply text refuse an emoji with the field named, keep the dialog and
the clerk's text, and save once it is gone."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.cases.enums import CaseStatus
from app.cases.models import RequestCase
from app.cases.outcomes import ReplyType
from tests.ui_cases._support import field_text, set_field, show_detail, started_case
from ui.cases.case_detail import CaseDetail

pytestmark = pytest.mark.gui
REFUSED = "中有打印时无法显示的字符"


def _case(db, case_id: int) -> RequestCase:  # type: ignore[no-untyped-def]
    with db.session_factory() as s:
        case = s.get(RequestCase, case_id)
        assert case is not None
        s.expunge(case)
        return case


def _detail(qtbot, ctx, db, clerk, add_case) -> tuple[CaseDetail, int]:  # type: ignore[no-untyped-def]
    case_id = started_case(db, clerk, add_case)
    return show_detail(qtbot, ctx, case_id), case_id


def test_correction_items_with_an_emoji_are_refused_and_kept(qtbot, db, ctx, clerk, add_case, boxes) -> None:
    detail, case_id = _detail(qtbot, ctx, db, clerk, add_case)
    panel = detail.handling
    qtbot.mouseClick(panel.correction_button, Qt.MouseButton.LeftButton)
    dlg = panel.dialog
    assert dlg is not None
    set_field(dlg, "items", "1. 请明确所需文件的名称👉")
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    assert dlg.isVisible() and any("补正事项" + REFUSED in t and "U+1F449" in t for t in boxes.texts())
    assert field_text(dlg, "items") == "1. 请明确所需文件的名称👉"  # nothing the clerk typed is lost
    assert _case(db, case_id).correction_notice_on is None
    boxes.close()
    set_field(dlg, "items", "1. 请明确所需文件的名称")
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    assert not dlg.isVisible()
    assert _case(db, case_id).status == CaseStatus.AWAITING_CORRECTION.value


def test_consultation_party_with_a_symbol_is_refused(qtbot, db, ctx, clerk, add_case, boxes) -> None:
    detail, _case_id = _detail(qtbot, ctx, db, clerk, add_case)
    panel = detail.handling
    qtbot.mouseClick(panel.consult_button, Qt.MouseButton.LeftButton)
    dlg = panel.dialog
    assert dlg is not None
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
    detail, case_id = _detail(qtbot, ctx, db, clerk, add_case)
    panel = detail.reply
    panel.reply_type.setCurrentIndex(panel.reply_type.findData(ReplyType.NOT_EXIST))
    body = panel.body.toPlainText()
    assert body and "[" not in body  # the template needs no filling in
    panel.body.setPlainText(body + "😀")
    qtbot.mouseClick(panel.save_draft_button, Qt.MouseButton.LeftButton)
    assert any("答复书正文" + REFUSED in t and "U+1F600" in t for t in boxes.texts())
    assert _case(db, case_id).reply_type == "" and panel.body.toPlainText().endswith("😀")
    boxes.close()
    panel.body.setPlainText(body)
    qtbot.mouseClick(panel.save_draft_button, Qt.MouseButton.LeftButton)
    assert _case(db, case_id).reply_type == ReplyType.NOT_EXIST.value
