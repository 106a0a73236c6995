"""Two PCs on one reply (issue 19): the leader's dialog refuses to sign text changed since it opened
and shows the new text; a clerk's draft saved over an approval made since is refused."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from app.cases import reply
from app.cases.handling import start_handling
from app.cases.models import RequestCase
from app.cases.outcomes import ReplyType
from app.signoff.content import content_hash
from app.signoff.models import SignOff
from app.signoff.service import Decision
from tests.conftest import TEST_PASSWORD
from tests.seen_hashes import seen_state
from ui.cases.case_detail import CaseDetail

pytestmark = pytest.mark.gui

OLD, NEW = "经查，你申请的信息不存在。第一稿。", "经查，你申请的信息不存在。第二稿：补充了检索范围。"


def _awaiting_leader(db, clerk, add_case) -> int:  # type: ignore[no-untyped-def]
    case_id = add_case()
    with db.session_factory.begin() as s:
        start_handling(s, clerk, case_id)
        reply.save_reply_draft(s, clerk, case_id, ReplyType.NOT_EXIST, None, OLD)
        reply.record_justice_review(s, clerk, case_id, date.today(), "同意", seen_state=seen_state(s, case_id))
    return case_id


def _detail(qtbot, ctx, case_id: int) -> CaseDetail:  # type: ignore[no-untyped-def]
    detail = CaseDetail(ctx)
    qtbot.addWidget(detail)
    detail.show_case(case_id)
    return detail


def _signoffs(db, case_id: int) -> list[SignOff]:  # type: ignore[no-untyped-def]
    with db.session_factory() as s:
        rows = list(s.query(SignOff).filter(SignOff.subject_id == case_id))
        s.expunge_all()
        return rows


def test_the_leader_cannot_sign_a_text_changed_after_the_dialog_opened(  # type: ignore[no-untyped-def]
        qtbot, db, ctx, clerk, leaders, add_case) -> None:
    case_id = _awaiting_leader(db, clerk, add_case)
    detail = _detail(qtbot, ctx, case_id)
    qtbot.mouseClick(detail.reply.approval_buttons["leader_in_charge"], Qt.MouseButton.LeftButton)
    sign = detail.reply.sign_dialog
    assert sign is not None and "第一稿" in sign.summary.toPlainText()
    # The other PC submits a new text and has it reviewed while the leader reads the first one.
    with db.session_factory.begin() as s:
        reply.save_reply_draft(s, clerk, case_id, ReplyType.NOT_EXIST, None, NEW)
        reply.record_justice_review(s, clerk, case_id, date.today(), "同意（第二稿）",
                                    seen_state=seen_state(s, case_id))
    sign.username.setText("fenguan")
    sign.password.setText(TEST_PASSWORD)
    qtbot.mouseClick(sign.approve_button, Qt.MouseButton.LeftButton)
    assert sign.isVisible()
    assert sign.message.text().startswith("内容已被修改，请重新查看后再签批。")
    assert "第二稿：补充了检索范围" in sign.summary.toPlainText() and "第一稿" not in sign.summary.toPlainText()
    assert _signoffs(db, case_id) == []
    # Having read the new text, the leader signs it: the signature records its hash.
    qtbot.mouseClick(sign.approve_button, Qt.MouseButton.LeftButton)
    assert not sign.isVisible()
    with db.session_factory() as s:
        expected = content_hash(reply.reply_signoff_content(s.get(RequestCase, case_id)))  # type: ignore[arg-type]
    [signed] = _signoffs(db, case_id)
    assert signed.decision == "approve" and signed.content_hash == expected


def test_a_draft_saved_over_an_approval_made_since_the_panel_loaded_is_refused(  # type: ignore[no-untyped-def]
        qtbot, db, ctx, clerk, leaders, add_case, boxes) -> None:
    leader, _principal = leaders
    case_id = _awaiting_leader(db, clerk, add_case)
    detail = _detail(qtbot, ctx, case_id)  # the clerk's panel: no approval yet
    with db.session_factory.begin() as s:  # the leader approves on his own PC
        seen = content_hash(reply.reply_signoff_content(s.get(RequestCase, case_id)))  # type: ignore[arg-type]
        reply.approve_reply(s, leader, case_id, "leader_in_charge", Decision.APPROVE, "同意", seen_hash=seen)
    detail.reply.body.setPlainText(NEW)
    assert detail.reply.save_draft() is False  # no question about voiding: the panel showed none
    assert any("内容已被修改，请重新查看后再保存" in t for t in boxes.texts())
    with db.session_factory() as s:
        case = s.get(RequestCase, case_id)
        assert case is not None and case.reply_body == OLD and case.justice_opinion == "同意"
    assert [x.decision for x in _signoffs(db, case_id)] == ["approve"]


def test_closing_the_window_asks_before_a_typed_reply_draft_is_lost(  # type: ignore[no-untyped-def]
        qtbot, db, ctx, clerk, add_case, monkeypatch) -> None:
    from ui.cases import actions
    from ui.cases.tab import CasesTab

    case_id = add_case()
    with db.session_factory.begin() as s:
        start_handling(s, clerk, case_id)
    tab = CasesTab(ctx)
    qtbot.addWidget(tab)
    tab.select_case(case_id)
    asked: list[str] = []
    answer = {"value": False}

    def ask(_parent, title: str, _text: str) -> bool:  # type: ignore[no-untyped-def]
        asked.append(title)
        return answer["value"]

    monkeypatch.setattr(actions, "ask", ask)
    assert tab.detail.reply.body.isEnabled()
    assert tab.can_close() and asked == []  # the default text as loaded: nothing to lose
    tab.detail.reply.body.appendPlainText("另：可到县档案馆查阅。")
    assert not tab.can_close() and asked == ["答复稿尚未保存"]  # 继续编辑: the window stays
    answer["value"] = True
    assert tab.can_close()  # 放弃
