"""The whole reply flow: draft → 司法局 review → 分管领导 → 主要领导 → send (文号) → delivery →
closed and read-only → audited reopen; and a return sending the case back."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.models import AuditEntry
from app.auth.roles import Role
from app.cases.enums import CaseStatus, ConsultationKind, DeliveryMethod
from app.cases.handling import add_consultation, answer_consultation, start_handling
from app.cases.intake import CaseForm, register_case, update_case
from app.cases.models import RequestCase
from app.cases.outcomes import Outcome, ReplyType
from app.cases.reply import (
    STEP_LEADER,
    STEP_PRINCIPAL,
    approve_reply,
    pending_approval_step,
    record_delivery,
    reopen_case,
    reply_approvals,
    save_reply_draft,
    send_reply,
)
from app.context import Actor
from app.errors import ConflictError, PermissionDenied, ValidationError
from app.redaction.service import record_no_copy_reason
from app.signoff.service import Decision
from tests.cases._support import BY_POST, approve_as_seen, case_form, review_as_seen
from tests.seen_hashes import seen_reply

TODAY = date(2024, 6, 28)
BODY = "王小明：\n你于2024年3月4日提出的政府信息公开申请收悉。现答复如下：……"


@pytest.fixture
def people(make_people) -> dict[str, Actor]:  # type: ignore[no-untyped-def]
    return make_people("clerk", "leader", "boss",  # type: ignore[no-any-return]
                       both=("both", "钱兼任", (Role.LEADER_IN_CHARGE, Role.PRINCIPAL_LEADER)),
                       clerk_leader=("cl", "孙兼办", (Role.DISCLOSURE_STAFF, Role.LEADER_IN_CHARGE)))


def a_form() -> CaseForm:
    return case_form(**BY_POST)


def drafted(session: Session, clerk: Actor) -> RequestCase:
    case = register_case(session, clerk, a_form(), TODAY)
    start_handling(session, clerk, case.id, today=TODAY)
    save_reply_draft(session, clerk, case.id, ReplyType.DISCLOSABLE, None, BODY, today=TODAY)
    review_as_seen(session, clerk, case.id, date(2024, 3, 20), "经审核，答复内容合法。", today=TODAY)
    return case


def test_register_to_closed_and_reopened(session: Session, people: dict[str, Actor]) -> None:
    clerk, leader, boss = people["clerk"], people["leader"], people["boss"]
    case = register_case(session, clerk, a_form(), TODAY)
    start_handling(session, clerk, case.id, today=TODAY)
    c = add_consultation(session, clerk, case.id, ConsultationKind.DEPARTMENT, "县民政局", "低保数据",
                         date(2024, 3, 11), today=TODAY)
    answer_consultation(session, clerk, c.id, date(2024, 3, 15), "agree", "可以公开", "", "", today=TODAY)

    with pytest.raises(ValidationError) as err:
        save_reply_draft(session, clerk, case.id, ReplyType.WITHHELD, None, BODY, today=TODAY)
    assert err.value.field == "detail_index" and "不予公开" in str(err.value)
    save_reply_draft(session, clerk, case.id, ReplyType.WITHHELD, 0, BODY, today=TODAY)
    assert (case.outcome, case.outcome_detail) == (Outcome.WITHHELD.value, 0)
    record_no_copy_reason(session, clerk, case.id, "以摘录方式提供")  # 部分公开 needs a copy or a reason
    save_reply_draft(session, clerk, case.id, ReplyType.PARTIAL, None, BODY, today=TODAY)
    assert case.status == CaseStatus.AWAITING_APPROVAL.value
    assert (case.outcome, case.outcome_detail) == (Outcome.PARTIAL.value, None)

    with pytest.raises(ValidationError, match="司法局"):
        approve_as_seen(session, leader, case.id, STEP_LEADER)
    with pytest.raises(ValidationError, match="不能早于收到申请日期"):
        review_as_seen(session, clerk, case.id, date(2024, 3, 1), "合法", today=TODAY)
    review_as_seen(session, clerk, case.id, date(2024, 3, 20), "经审核，答复内容合法。", today=TODAY)
    assert pending_approval_step(session, case) == STEP_LEADER

    with pytest.raises(PermissionDenied):  # a principal leader cannot sign the leader-in-charge step
        approve_as_seen(session, boss, case.id, STEP_LEADER)
    with pytest.raises(ValidationError, match="先由分管领导"):
        approve_as_seen(session, boss, case.id, STEP_PRINCIPAL, today=TODAY)
    with pytest.raises(ValidationError, match="尚未完成"):
        send_reply(session, clerk, case.id, date(2024, 3, 25), DeliveryMethod.POST, "EA123456789CN", today=TODAY)
    approve_as_seen(session, leader, case.id, STEP_LEADER)
    with pytest.raises(ConflictError):
        approve_as_seen(session, people["both"], case.id, STEP_LEADER)
    assert pending_approval_step(session, case) == STEP_PRINCIPAL
    approve_as_seen(session, boss, case.id, STEP_PRINCIPAL, today=TODAY)
    assert pending_approval_step(session, case) is None

    with pytest.raises(ValidationError, match="不能早于司法局审核日期"):
        send_reply(session, clerk, case.id, date(2024, 3, 19), DeliveryMethod.POST, "EA123456789CN", today=TODAY)
    send_reply(session, clerk, case.id, date(2024, 3, 25), DeliveryMethod.POST, "EA123456789CN", today=TODAY)
    assert case.reply_doc_no == "锦府办依复〔2024〕1号"
    assert (case.replied_on, case.tracking_no) == (date(2024, 3, 25), "EA123456789CN")
    with pytest.raises(ValidationError, match="不能早于答复日期"):
        record_delivery(session, clerk, case.id, date(2024, 3, 24), today=TODAY)
    record_delivery(session, clerk, case.id, date(2024, 3, 27), today=TODAY)
    assert case.status == CaseStatus.CLOSED.value and case.closed_at is not None

    with pytest.raises(ValidationError, match="已办结"):
        update_case(session, clerk, case.id, CaseForm.from_case(case), case.version, today=TODAY)
    with pytest.raises(ValidationError, match="原因"):
        reopen_case(session, clerk, case.id, " ")
    reopen_case(session, clerk, case.id, "申请人地址登记有误，更正后重新送达")
    assert case.status == CaseStatus.IN_PROGRESS.value
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "reopen")).one()
    assert json.loads(entry.after_json)["reason"] == "申请人地址登记有误，更正后重新送达"
    assert json.loads(entry.before_json)["status"] == "closed"

    form = CaseForm.from_case(case)
    form.address = "锦屏县三江镇 2 号"
    update_case(session, clerk, case.id, form, case.version, today=TODAY)
    assert case.address == "锦屏县三江镇 2 号"
    record_delivery(session, clerk, case.id, date(2024, 4, 2), today=TODAY)  # the reply itself stands
    assert case.status == CaseStatus.CLOSED.value and case.reply_doc_no == "锦府办依复〔2024〕1号"


def test_a_return_sends_the_case_back_and_starts_a_new_round(session: Session, people: dict[str, Actor]) -> None:
    clerk, leader, boss = people["clerk"], people["leader"], people["boss"]
    case = drafted(session, clerk)
    approve_as_seen(session, leader, case.id, STEP_LEADER)
    with pytest.raises(ValidationError, match="理由"):
        approve_reply(session, boss, case.id, STEP_PRINCIPAL, Decision.RETURN, " ",
                      seen_hash=seen_reply(session, case.id))
    approve_reply(session, boss, case.id, STEP_PRINCIPAL, Decision.RETURN, "请补充获取信息的途径",
                  seen_hash=seen_reply(session, case.id))
    assert case.status == CaseStatus.IN_PROGRESS.value
    assert case.reply_round == 2
    assert reply_approvals(session, case) == {STEP_LEADER: None, STEP_PRINCIPAL: None}
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "reply_returned")).one()
    assert "请补充获取信息的途径" in entry.summary
    with pytest.raises(ValidationError, match="办理中"):
        send_reply(session, clerk, case.id, date(2024, 3, 25), DeliveryMethod.POST, "EA123456789CN", today=TODAY)
    # A changed draft needs the 司法局 again, then both leaders again.
    save_reply_draft(session, clerk, case.id, ReplyType.DISCLOSABLE, None, BODY + "可到县政务服务中心查阅。",
                     today=TODAY)
    assert case.justice_review_on is None
    review_as_seen(session, clerk, case.id, date(2024, 3, 22), "合法", today=TODAY)
    approve_as_seen(session, leader, case.id, STEP_LEADER)
    approve_as_seen(session, boss, case.id, STEP_PRINCIPAL, today=TODAY)
    send_reply(session, clerk, case.id, date(2024, 3, 25), DeliveryMethod.EMAIL, "", today=TODAY)
    assert case.reply_doc_no == "锦府办依复〔2024〕1号"


def test_signers_must_differ_from_the_clerk_and_from_each_other(session: Session, people: dict[str, Actor]) -> None:
    both, clerk_leader = people["both"], people["clerk_leader"]
    case = drafted(session, clerk_leader)
    with pytest.raises(PermissionDenied, match="同一人不能兼任"):
        approve_as_seen(session, clerk_leader, case.id, STEP_LEADER)
    approve_as_seen(session, both, case.id, STEP_LEADER)
    with pytest.raises(PermissionDenied, match="同一人不能兼任"):
        approve_as_seen(session, both, case.id, STEP_PRINCIPAL)
    approve_as_seen(session, people["boss"], case.id, STEP_PRINCIPAL, today=TODAY)
    with pytest.raises(ValidationError, match="司法局"):
        review_as_seen(session, clerk_leader, case.id, date(2024, 3, 21), "改", today=TODAY)


def test_a_sent_reply_is_fixed_and_dates_are_checked(session: Session, people: dict[str, Actor]) -> None:
    clerk = people["clerk"]
    case = drafted(session, clerk)
    approve_as_seen(session, people["leader"], case.id, STEP_LEADER)
    approve_as_seen(session, people["boss"], case.id, STEP_PRINCIPAL, today=TODAY)
    with pytest.raises(ValidationError, match="不能晚于今天"):
        send_reply(session, clerk, case.id, date(2024, 6, 29), DeliveryMethod.POST, "EA123456789CN", today=TODAY)
    send_reply(session, clerk, case.id, date(2024, 3, 25), DeliveryMethod.POST, "EA123456789CN", today=TODAY)
    with pytest.raises(ValidationError, match="已于2024年3月25日发出"):
        save_reply_draft(session, clerk, case.id, ReplyType.DISCLOSABLE, None, BODY, today=TODAY)
    with pytest.raises(ValidationError, match="尚未办结"):
        reopen_case(session, clerk, case.id, "理由")


def test_a_reopened_case_can_be_answered_anew_with_a_new_number(session: Session, people: dict[str, Actor]) -> None:
    clerk, leader, boss = people["clerk"], people["leader"], people["boss"]
    case = drafted(session, clerk)
    approve_as_seen(session, leader, case.id, STEP_LEADER)
    approve_as_seen(session, boss, case.id, STEP_PRINCIPAL, today=TODAY)
    send_reply(session, clerk, case.id, date(2024, 3, 25), DeliveryMethod.POST, "EA123456789CN", today=TODAY)
    record_delivery(session, clerk, case.id, date(2024, 3, 27), today=TODAY)
    reopen_case(session, clerk, case.id, "行政复议决定责令重新答复")
    save_reply_draft(session, clerk, case.id, ReplyType.NOT_EXIST, None, BODY, today=TODAY)
    assert (case.replied_on, case.reply_doc_no, case.reply_round) == (None, "", 2)
    assert (case.outcome, case.outcome_detail) == (Outcome.UNAVAILABLE.value, 0)
    review_as_seen(session, clerk, case.id, date(2024, 5, 6), "合法", today=TODAY)
    approve_as_seen(session, leader, case.id, STEP_LEADER)
    approve_as_seen(session, boss, case.id, STEP_PRINCIPAL, today=TODAY)
    send_reply(session, clerk, case.id, date(2024, 5, 8), DeliveryMethod.POST, "EA123456789CN", today=TODAY)
    assert case.reply_doc_no == "锦府办依复〔2024〕2号"
