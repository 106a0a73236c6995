"""Every service that changes a case refuses an actor who only holds Role.EDITOR (the rule lives in
the service, not in hidden buttons)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from sqlalchemy.orm import Session

from app.auth.roles import Role
from app.cases import handling, intake, reply
from app.cases.enums import ApplicantType, Channel, ConsultationKind, DeliveryMethod
from app.cases.intake import CaseForm
from app.cases.outcomes import ReplyType
from app.context import Actor
from app.errors import PermissionDenied
from app.signoff.service import Decision
from tests.seen_hashes import seen_extension, seen_reply, seen_state

TODAY = date(2024, 6, 28)
D = date(2024, 3, 20)
FORM = CaseForm(
    applicant_type=ApplicantType.NATURAL, applicant_name="王小明", phone="13812345678",
    channel=Channel.IN_PERSON, submitted_on=date(2024, 3, 4), content="申请公开本县低保资金发放情况",
    delivery_method=DeliveryMethod.IN_PERSON,
)

Call = Callable[[Session, Actor, int, Actor], Any]

CALLS: dict[str, Call] = {
    "register_case": lambda s, a, cid, other: intake.register_case(s, a, FORM, TODAY),
    "update_case": lambda s, a, cid, other: intake.update_case(s, a, cid, FORM, 1, today=TODAY),
    "start_handling": lambda s, a, cid, other: handling.start_handling(s, a, cid, today=TODAY),
    "send_correction_notice": lambda s, a, cid, other: handling.send_correction_notice(
        s, a, cid, D, "年份", date(2024, 4, 3), today=TODAY),
    "record_correction_received": lambda s, a, cid, other: handling.record_correction_received(s, a, cid, D,
                                                                                               today=TODAY),
    "close_for_no_correction": lambda s, a, cid, other: handling.close_for_no_correction(s, a, cid, D, today=TODAY),
    "add_consultation": lambda s, a, cid, other: handling.add_consultation(
        s, a, cid, ConsultationKind.DEPARTMENT, "县民政局", "", D, today=TODAY),
    "answer_consultation": lambda s, a, cid, other: handling.answer_consultation(
        s, a, cid, D, "agree", "", "", "", today=TODAY),
    "extend_deadline": lambda s, a, cid, other: handling.extend_deadline(
        s, a, cid, D, "理由", other, "同意", today=TODAY, seen_hash=seen_extension(s, cid, "理由")),
    "record_fee_notice": lambda s, a, cid, other: handling.record_fee_notice(s, a, cid, D, "per_page", 40, today=TODAY),
    "record_fee_paid": lambda s, a, cid, other: handling.record_fee_paid(s, a, cid, D, today=TODAY),
    "save_reply_draft": lambda s, a, cid, other: reply.save_reply_draft(s, a, cid, ReplyType.DISCLOSABLE, None, "正文",
                                                                        today=TODAY),
    "record_justice_review": lambda s, a, cid, other: reply.record_justice_review(s, a, cid, D, "合法", today=TODAY,
                                                                                  seen_state=seen_state(s, cid)),
    "approve_reply leader": lambda s, a, cid, other: reply.approve_reply(
        s, a, cid, reply.STEP_LEADER, Decision.APPROVE, "同意", seen_hash=seen_reply(s, cid)),
    "approve_reply principal": lambda s, a, cid, other: reply.approve_reply(
        s, a, cid, reply.STEP_PRINCIPAL, Decision.RETURN, "退回", seen_hash=seen_reply(s, cid)),
    "send_reply": lambda s, a, cid, other: reply.send_reply(
        s, a, cid, D, DeliveryMethod.POST, "EA123456789CN", today=TODAY),
    "record_delivery": lambda s, a, cid, other: reply.record_delivery(s, a, cid, D, today=TODAY),
    "reopen_case": lambda s, a, cid, other: reply.reopen_case(s, a, cid, "理由"),
}


@pytest.mark.parametrize("name", list(CALLS))
def test_an_editor_may_not_change_a_case(make_user, session: Session, name: str) -> None:  # type: ignore[no-untyped-def]
    editor = make_user("editor", Role.EDITOR, display_name="周采编")
    leader = make_user("leader", Role.LEADER_IN_CHARGE)
    clerk = make_user("clerk", Role.DISCLOSURE_STAFF)
    case = intake.register_case(session, clerk, FORM, TODAY)
    before = case.version
    with pytest.raises(PermissionDenied, match="周采编"):
        CALLS[name](session, editor, case.id, leader)
    assert case.version == before


def test_an_administrator_may_do_case_work(make_user, session: Session) -> None:  # type: ignore[no-untyped-def]
    admin = make_user("admin2", Role.ADMIN)
    case = intake.register_case(session, admin, FORM, TODAY)
    handling.start_handling(session, admin, case.id, today=TODAY)
    assert case.status == "in_progress"
