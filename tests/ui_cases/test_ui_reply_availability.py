"""The reply panel takes its buttons from app.cases.reply_actions: off with the reason as tooltip, and a
refused user is told why without first being asked to confirm (issue 14)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from app.auth.roles import Role
from app.cases import reply
from app.cases.models import RequestCase
from app.cases.outcomes import ReplyType
from app.cases.reply_text import default_reply_body
from app.signoff.service import Decision
from tests.seen_hashes import seen_reply, seen_state
from tests.ui_cases._support import show_detail, started_case, stored_case
from ui.context import AppContext

pytestmark = pytest.mark.gui


def _drafted(db, clerk, add_case, *, leader=None) -> int:  # type: ignore[no-untyped-def]
    """Drafted and reviewed by the 司法局; approved by `leader` when given."""
    case_id = started_case(db, clerk, add_case)
    with db.session_factory.begin() as s:
        body = default_reply_body(ReplyType.NOT_EXIST, None, s.get(RequestCase, case_id))
        reply.save_reply_draft(s, clerk, case_id, ReplyType.NOT_EXIST, None, body)
        reply.record_justice_review(s, clerk, case_id, date.today(), "同意", seen_state=seen_state(s, case_id))
        if leader is not None:
            reply.approve_reply(s, leader, case_id, "leader_in_charge", Decision.APPROVE, "",
                                seen_hash=seen_reply(s, case_id))
    return case_id


def test_buttons_follow_the_order_and_say_why_not(qtbot, db, ctx, clerk, leaders, add_case) -> None:  # type: ignore[no-untyped-def]
    case_id = _drafted(db, clerk, add_case)
    panel = show_detail(qtbot, ctx, case_id).reply
    first, second = panel.approval_buttons["leader_in_charge"], panel.approval_buttons["principal_leader"]
    assert first.isEnabled() and first.toolTip() == ""
    assert not second.isEnabled() and second.toolTip() == "请先由分管领导审定，再报主要领导审定。"
    assert not panel.send_button.isEnabled()
    assert panel.send_button.toolTip() == "答复书尚未完成分管领导审定、主要领导审定，不能发出。"
    assert not panel.deliver_button.isEnabled() and panel.deliver_button.toolTip() == "答复书尚未发出，不能登记送达。"

    with db.session_factory.begin() as s:
        reply.approve_reply(s, leaders[0], case_id, "leader_in_charge", Decision.APPROVE, "",
                            seen_hash=seen_reply(s, case_id))
    panel = show_detail(qtbot, ctx, case_id).reply
    assert not panel.approval_buttons["leader_in_charge"].isEnabled()
    assert panel.approval_buttons["leader_in_charge"].toolTip() == "该环节已由“陈军”签批，不能重复签批。请刷新后查看。"
    assert panel.approval_buttons["principal_leader"].isEnabled()
    assert panel.justice_button.toolTip() == (
        "领导已开始审定，不能再修改司法局审核意见；如需修改，请由领导退回后重新提交。")


def test_a_user_without_the_role_is_never_asked_to_void_the_approvals(
        qtbot, db, clerk, leaders, add_case, make_user, answers, boxes) -> None:  # type: ignore[no-untyped-def]
    case_id = _drafted(db, clerk, add_case, leader=leaders[0])
    editor = make_user("caibian", Role.EDITOR, display_name="周采编")
    panel = show_detail(qtbot, AppContext(db=db, actor=editor), case_id).reply
    role = "此操作需要以下角色之一：信息公开工作人员、系统管理员。当前用户“周采编”无此权限。"
    assert not panel.save_draft_button.isEnabled() and panel.save_draft_button.toolTip() == role
    assert not panel.save_draft()
    assert answers == [] and boxes.texts() == [role]


def test_a_reply_sent_from_another_pc_is_refused_before_the_question(
        qtbot, db, ctx, clerk, leaders, add_case, answers, boxes) -> None:  # type: ignore[no-untyped-def]
    case_id = _drafted(db, clerk, add_case, leader=leaders[0])
    panel = show_detail(qtbot, ctx, case_id).reply
    assert panel.save_draft_button.isEnabled()
    today = date.today()
    with db.session_factory.begin() as s:  # meanwhile, on another PC
        reply.approve_reply(s, leaders[1], case_id, "principal_leader", Decision.APPROVE, "",
                            seen_hash=seen_reply(s, case_id))
        reply.send_reply(s, clerk, case_id, today, reply.DeliveryMethod.EMAIL, "")
    qtbot.mouseClick(panel.save_draft_button, Qt.MouseButton.LeftButton)
    doc_no = stored_case(db, case_id).reply_doc_no
    cn = f"{today.year}年{today.month}月{today.day}日"
    assert answers == []
    assert boxes.texts() == [f"答复书已于{cn}发出（{doc_no}），不能再修改答复草稿。"]


def test_with_the_role_the_question_is_asked_as_before(
        qtbot, db, ctx, clerk, leaders, add_case, answers) -> None:  # type: ignore[no-untyped-def]
    case_id = _drafted(db, clerk, add_case, leader=leaders[0])
    panel = show_detail(qtbot, ctx, case_id).reply
    assert panel.save_draft()
    assert answers == ["修改已签批的答复稿"]
