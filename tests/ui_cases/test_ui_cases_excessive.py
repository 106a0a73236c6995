"""办理过程 → 第三十五条 in the GUI (issue 11): each step from its button, refusals shown beside the
disabled buttons and in the reply-type list, the later deadline through the approver's sign-off, and
both letters generated, opened and read back.

Dates are relative to today: the case is received 20 days ago (about 14 working days), so its
20-working-day due date lies ahead and a decision today is in time.
"""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from docx import Document
from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItemModel

from app.cases.excessive import ask_for_reasons, record_reasons
from app.cases.outcomes import ReplyType
from app.cases.queries import get_case
from tests.ui_cases._dialogs import clerk_refused_then_leader_approves, dialog_from
from tests.ui_cases._support import click_ok as _ok
from tests.ui_cases._support import set_field as _set
from tests.ui_cases._support import show_detail as _detail
from tests.ui_cases._support import started_case, stored_case
from ui.cases.case_detail import CaseDetail
from ui.cases.deadline_text import deadline_explanation
from ui.context import AppContext
from ui.signoff_dialog import SignOffDialog

pytestmark = pytest.mark.gui

TODAY = date.today()
RECEIVED = TODAY - timedelta(days=20)
FACTS = "申请人本年度已提出政府信息公开申请86件"


def _started(db, clerk, add_case) -> int:
    return started_case(db, clerk, add_case, today=TODAY, submitted_on=RECEIVED)


def _excessive_reply(detail: CaseDetail) -> tuple[bool, str]:
    combo = detail.reply.reply_type
    model = combo.model()
    assert isinstance(model, QStandardItemModel)
    item = model.item(combo.findData(ReplyType.EXCESSIVE))
    return item.isEnabled(), item.toolTip()


def _text(path) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(p.text for p in Document(io.BytesIO(path.read_bytes())).paragraphs)


def test_ask_for_reasons_and_print_the_notice(qtbot, db, ctx, clerk, add_case, org_filled, opened, boxes) -> None:
    case_id = _started(db, clerk, add_case)
    detail = _detail(qtbot, ctx, case_id)
    panel = detail.handling.excessive
    assert not panel.decide_button.isEnabled() and "没有要求申请人说明理由" in panel.decide_button.toolTip()
    assert not panel.ask_letter_button.isEnabled()
    dlg = dialog_from(qtbot, panel, panel.ask_button)
    _ok(qtbot, dlg)  # no facts: refused, the dialog stays open
    assert dlg.isVisible() and stored_case(db, case_id).excessive_asked_on is None
    boxes.close()
    _set(dlg, "facts", FACTS)
    _ok(qtbot, dlg)
    assert not dlg.isVisible(), boxes.texts()
    case = stored_case(db, case_id)
    assert case.excessive_asked_on == TODAY and case.excessive_ask_doc_no
    assert "要求说明理由" in panel.state.text() and case.excessive_ask_doc_no in panel.state.text()
    assert not panel.ask_button.isEnabled() and "不能重复要求" in panel.ask_button.toolTip()
    qtbot.mouseClick(panel.ask_letter_button, Qt.MouseButton.LeftButton)
    assert opened and "说明理由通知书" in opened[-1].name, boxes.texts()
    text = _text(opened[-1])
    assert FACTS in text and case.excessive_ask_doc_no in text and "第三十五条" in text


def test_decline_offers_the_excessive_reply(qtbot, db, ctx, clerk, add_case, boxes) -> None:
    case_id = _started(db, clerk, add_case)
    detail = _detail(qtbot, ctx, case_id)
    ok, why = _excessive_reply(detail)
    assert not ok and "没有要求申请人说明理由" in why
    with db.session_factory.begin() as s:
        ask_for_reasons(s, clerk, case_id, RECEIVED + timedelta(days=1), FACTS, TODAY - timedelta(days=3),
                        today=TODAY)
    detail.reload()
    ok, why = _excessive_reply(detail)
    assert not ok and "尚未作出" in why
    panel = detail.handling.excessive
    dlg = dialog_from(qtbot, panel, panel.decide_button)
    _set(dlg, "decision", "decline")
    assert dlg.fields["later_due"].isHidden()
    _set(dlg, "reason", "申请人在期限内未说明理由")
    _ok(qtbot, dlg)
    assert not dlg.isVisible(), boxes.texts()
    assert stored_case(db, case_id).excessive_decision == "decline"
    assert "理由不合理，不予处理" in panel.state.text()
    assert not panel.decide_button.isEnabled() and "不能再改" in panel.decide_button.toolTip()
    assert _excessive_reply(detail) == (True, "")


def test_later_deadline_is_signed_by_the_approver(
    qtbot, db, ctx, clerk, leaders, add_case, org_filled, opened, boxes
) -> None:
    case_id = _started(db, clerk, add_case)
    with db.session_factory.begin() as s:
        ask_for_reasons(s, clerk, case_id, RECEIVED + timedelta(days=1), FACTS, TODAY - timedelta(days=3),
                        today=TODAY)
    due_before = stored_case(db, case_id).due_on
    assert due_before is not None and due_before >= TODAY
    detail = _detail(qtbot, ctx, case_id)
    panel = detail.handling.excessive
    qtbot.mouseClick(panel.reasons_button, Qt.MouseButton.LeftButton)
    _set(panel.dialog, "summary", "系课题研究需要")  # type: ignore[arg-type]
    _ok(qtbot, panel.dialog)
    assert "系课题研究需要" in panel.state.text(), boxes.texts()
    form = dialog_from(qtbot, panel, panel.decide_button)
    _set(form, "decision", "later")
    assert not form.fields["later_due"].isHidden()
    later = form.date("later_due")
    assert later > due_before
    _ok(qtbot, form)  # no reason: refused before any sign-off opens
    assert form.child is None and form.isVisible() and "无法在规定期限内答复的理由" in " ".join(boxes.texts())
    boxes.close()
    _set(form, "reason", "所申请文件达86件，需逐件检索、审查")
    _ok(qtbot, form)
    sign = form.child
    assert isinstance(sign, SignOffDialog) and sign.isVisible() and form.isVisible()
    clerk_refused_then_leader_approves(qtbot, sign)  # the clerk may not approve his own later deadline
    assert not sign.isVisible() and not form.isVisible(), boxes.texts()
    case = stored_case(db, case_id)
    assert (case.due_on, case.excessive_due_on) == (later, later)
    assert "陈军同意" in panel.state.text() and case.excessive_notice_doc_no in panel.state.text()
    assert f"答复期限改为 {later.isoformat()}" in panel.state.text()
    assert "依第三十五条确定的合理期限" in detail.due.text()
    with db.session_factory() as s:  # 查看期限计算 names the fixed date instead of counting working days
        explained, _left = deadline_explanation(s, get_case(s, case_id), TODAY)
    assert f"依条例第三十五条确定延迟答复的合理期限：{later.year}年{later.month}月{later.day}日" in explained
    assert "后第" not in explained
    qtbot.mouseClick(panel.later_letter_button, Qt.MouseButton.LeftButton)
    assert opened and "延迟答复告知书" in opened[-1].name, boxes.texts()
    text = _text(opened[-1])
    assert f"确定延迟答复的合理期限为{later.year}年{later.month}月{later.day}日" in text


def test_a_leader_sees_why_he_cannot_record_the_steps(qtbot, db, clerk, leaders, add_case) -> None:
    case_id = _started(db, clerk, add_case)
    with db.session_factory.begin() as s:
        ask_for_reasons(s, clerk, case_id, RECEIVED + timedelta(days=1), FACTS, TODAY - timedelta(days=3),
                        today=TODAY)
        record_reasons(s, clerk, case_id, TODAY - timedelta(days=4), "研究", today=TODAY)
    leader_ctx = AppContext(db=db, actor=leaders[0])
    panel = _detail(qtbot, leader_ctx, case_id).handling.excessive
    for button in (panel.ask_button, panel.reasons_button, panel.decide_button):
        assert not button.isEnabled() and button.toolTip()
