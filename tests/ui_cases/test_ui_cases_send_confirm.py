"""发送答复 and 归档 in the GUI: the refusals (role, mail number, missing material) come first, then
one question that says what becomes read-only; “否” changes nothing (issue 11)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from app.cases.enums import CaseStatus, DeliveryMethod
from app.cases.handling import start_handling
from app.cases.models import RequestCase
from app.cases.outcomes import ReplyType
from app.cases.reply import (
    STEP_LEADER,
    STEP_PRINCIPAL,
    record_delivery,
    save_reply_draft,
    send_reply,
)
from tests.cases._support import approve_as_seen, review_as_seen
from tests.ui_cases._support import show_detail
from ui.cases import actions
from ui.context import AppContext

pytestmark = pytest.mark.gui


def _approved(db, clerk, leaders, add_case) -> int:
    case_id = add_case()
    with db.session_factory.begin() as s:
        start_handling(s, clerk, case_id)
        save_reply_draft(s, clerk, case_id, ReplyType.DISCLOSABLE, None, "现将该信息提供给您（见附件）。")
        review_as_seen(s, clerk, case_id, date.today())
        approve_as_seen(s, leaders[0], case_id, STEP_LEADER)
        approve_as_seen(s, leaders[1], case_id, STEP_PRINCIPAL)
    return case_id


def _status(db, case_id: int) -> tuple[CaseStatus, date | None, str]:
    with db.session_factory() as s:
        case = s.get_one(RequestCase, case_id)
        return CaseStatus(case.status), case.replied_on, case.reply_delivery_note


@pytest.fixture
def asked(monkeypatch) -> list[str]:
    """Questions asked; the test sets `_REPLY[0]` to answer them (“否” unless set)."""
    _REPLY[0] = False
    questions: list[str] = []
    monkeypatch.setattr(actions, "ask", lambda _p, title, text: questions.append(title + "：" + text) or _REPLY[0])
    return questions


_REPLY = [False]


def test_send_refusals_before_the_question_then_no_then_yes(qtbot, db, ctx, clerk, leaders, add_case, asked,
                                                             boxes) -> None:
    case_id = _approved(db, clerk, leaders, add_case)
    panel = show_detail(qtbot, ctx, case_id).reply
    panel.send_method.setCurrentIndex(panel.send_method.findData(DeliveryMethod.POST))
    assert panel.send_button.isEnabled()

    qtbot.mouseClick(panel.send_button, Qt.MouseButton.LeftButton)  # by post, no number, no reason
    assert asked == [] and any("EMS 或挂号信的邮件号" in t for t in boxes.texts())
    boxes.close()

    panel.delivery_note.setText("申请人要求以平信寄送")
    _REPLY[0] = False
    qtbot.mouseClick(panel.send_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1 and "不能再修改" in asked[0] and "只读" in asked[0]
    assert _status(db, case_id)[1] is None  # “否”: nothing sent

    _REPLY[0] = True
    qtbot.mouseClick(panel.send_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 2
    assert _status(db, case_id)[1] == date.today() and _status(db, case_id)[2] == "申请人要求以平信寄送"


def test_a_leader_is_refused_before_being_asked(qtbot, db, clerk, leaders, add_case, asked, boxes) -> None:
    case_id = _approved(db, clerk, leaders, add_case)
    panel = show_detail(qtbot, AppContext(db=db, actor=leaders[0]), case_id).reply
    panel.tracking_no.setText("EA123456789CN")
    panel.send()
    assert asked == [] and boxes.texts(), "the role refusal comes first"
    assert _status(db, case_id)[1] is None


def test_archive_asks_only_when_it_can_archive(qtbot, db, ctx, clerk, leaders, add_case, asked, boxes) -> None:
    case_id = _approved(db, clerk, leaders, add_case)
    with db.session_factory.begin() as s:
        send_reply(s, clerk, case_id, date.today(), DeliveryMethod.EMAIL, "")
        record_delivery(s, clerk, case_id, date.today())
    detail = show_detail(qtbot, ctx, case_id)
    assert not detail.archive()  # material missing: refused with the list, no question
    assert asked == [] and any("尚缺以下必备存档材料" in t for t in boxes.texts())
    boxes.close()
    with db.session_factory.begin() as s:
        from app.cases.archive import add_document, missing_items

        for code in ("original_request", "applicant_id", "handling_form", "reply_letter"):
            add_document(s, clerk, case_id, code, f"{code}.pdf", b"%PDF-1.4\n%%EOF\n")
        assert missing_items(s, case_id) == []
    detail.reload()
    _REPLY[0] = False
    assert not detail.archive()
    assert len(asked) == 1 and "只读" in asked[0] and "打印副本" in asked[0]
    assert _status(db, case_id)[0] is CaseStatus.CLOSED
    _REPLY[0] = True
    assert detail.archive()
    assert _status(db, case_id)[0] is CaseStatus.ARCHIVED
