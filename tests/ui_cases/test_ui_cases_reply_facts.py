"""The reply panel only offers reply types whose facts are on file, names the earlier case of a
重复申请, refuses a draft with fill-in markers and asks before voiding approvals (issue 11)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItemModel

from app.cases.enums import DeliveryMethod
from app.cases.outcomes import ReplyType
from app.cases.reply import (
    STEP_LEADER,
    record_delivery,
    save_reply_draft,
    send_reply,
)
from tests.cases._support import approve_as_seen, review_as_seen
from tests.ui_cases._support import show_detail, started_case, stored_case

pytestmark = pytest.mark.gui


def _enabled(panel, reply_type: ReplyType) -> tuple[bool, str]:
    model = panel.reply_type.model()
    assert isinstance(model, QStandardItemModel)
    item = model.item(panel.reply_type.findData(reply_type))
    return item.isEnabled(), item.toolTip()


def test_types_without_their_facts_are_greyed_out_with_the_reason(qtbot, db, ctx, clerk, add_case) -> None:
    panel = show_detail(qtbot, ctx, started_case(db, clerk, add_case)).reply
    ok, why = _enabled(panel, ReplyType.NO_CORRECTION)
    assert not ok and "没有发出补正告知" in why
    ok, why = _enabled(panel, ReplyType.FEE_UNPAID)
    assert not ok and "没有发出收费通知" in why
    ok, why = _enabled(panel, ReplyType.REPEATED)
    assert not ok and "此前已答复的申请" in why
    assert _enabled(panel, ReplyType.DISCLOSABLE) == (True, "")
    # Had an old draft such a type, the panel says why it cannot stand.
    panel.reply_type.setCurrentIndex(panel.reply_type.findData(ReplyType.UNCLEAR_AFTER_CORRECTION))
    assert not panel.gate.reason.isHidden()
    assert "没有登记收到补正材料" in panel.gate.reason.text()


def test_repeated_request_names_the_earlier_case(qtbot, db, ctx, clerk, leaders, add_case) -> None:
    leader, boss = leaders
    first = started_case(db, clerk, add_case, name="李明")
    today = date.today()
    with db.session_factory.begin() as s:
        save_reply_draft(s, clerk, first, ReplyType.DISCLOSABLE, None, "现将该信息提供给您（见附件）。")
        review_as_seen(s, clerk, first, today)
        approve_as_seen(s, leader, first, STEP_LEADER)
        approve_as_seen(s, boss, first, "principal_leader")
        send_reply(s, clerk, first, today, DeliveryMethod.IN_PERSON, "")
        record_delivery(s, clerk, first, today)
    first_case = stored_case(db, first)
    again = started_case(db, clerk, add_case, name="李明")
    panel = show_detail(qtbot, ctx, again).reply
    assert _enabled(panel, ReplyType.REPEATED) == (True, "")
    panel.reply_type.setCurrentIndex(panel.reply_type.findData(ReplyType.REPEATED))
    assert not panel.gate.earlier.isHidden() and panel.gate.earlier.count() == 1
    assert first_case.case_no in panel.gate.earlier.itemText(0)
    assert f"作出答复（{first_case.reply_doc_no}）" in panel.body.toPlainText()
    qtbot.mouseClick(panel.save_draft_button, Qt.MouseButton.LeftButton)
    assert stored_case(db, again).repeat_of_case_no == first_case.case_no


def test_a_draft_with_markers_is_refused(qtbot, db, ctx, clerk, add_case, boxes) -> None:
    case_id = started_case(db, clerk, add_case)
    panel = show_detail(qtbot, ctx, case_id).reply
    panel.reply_type.setCurrentIndex(panel.reply_type.findData(ReplyType.NOT_OURS))
    assert "[负责公开的机关名称及联系方式]" in panel.body.toPlainText()
    qtbot.mouseClick(panel.save_draft_button, Qt.MouseButton.LeftButton)
    assert any("尚有未填写的内容" in t for t in boxes.texts())
    assert stored_case(db, case_id).reply_type == ""


def test_editing_an_approved_draft_asks_first(qtbot, db, ctx, clerk, leaders, add_case, answers) -> None:
    case_id = started_case(db, clerk, add_case)
    with db.session_factory.begin() as s:
        save_reply_draft(s, clerk, case_id, ReplyType.DISCLOSABLE, None, "现将该信息提供给您（见附件）。")
        review_as_seen(s, clerk, case_id, date.today())
        approve_as_seen(s, leaders[0], case_id, STEP_LEADER)
    detail = show_detail(qtbot, ctx, case_id)
    panel = detail.reply
    panel.body.setPlainText("现将该信息提供给您（见附件一、附件二）。")
    qtbot.mouseClick(panel.save_draft_button, Qt.MouseButton.LeftButton)
    assert answers == ["修改已签批的答复稿"]
    case = stored_case(db, case_id)
    assert case.reply_round == 2 and case.reply_body.endswith("附件二）。")


def test_the_refusal_names_the_voided_approvals_when_the_clerk_says_no(
    qtbot, db, ctx, clerk, leaders, add_case, monkeypatch
) -> None:
    from ui.cases import actions

    asked: list[str] = []
    monkeypatch.setattr(actions, "ask", lambda _p, _t, text: asked.append(text) or False)
    case_id = started_case(db, clerk, add_case)
    with db.session_factory.begin() as s:
        save_reply_draft(s, clerk, case_id, ReplyType.DISCLOSABLE, None, "现将该信息提供给您（见附件）。")
        review_as_seen(s, clerk, case_id, date.today())
        approve_as_seen(s, leaders[0], case_id, STEP_LEADER)
    panel = show_detail(qtbot, ctx, case_id).reply
    panel.body.setPlainText("另一稿。")
    qtbot.mouseClick(panel.save_draft_button, Qt.MouseButton.LeftButton)
    assert asked and "分管领导审定（陈军）" in asked[0]
    assert stored_case(db, case_id).reply_round == 1  # nothing saved

