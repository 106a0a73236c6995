"""app.cases.reply_actions: what may be done to a reply now, for whom, and why not — and the services
refuse with exactly that reason (issue 14: one place says what an actor may do)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session

from app.auth.roles import Role
from app.availability import Availability
from app.cases.enums import DeliveryMethod
from app.cases.hooks import dashboard_items
from app.cases.models import RequestCase
from app.cases.outcomes import ReplyType
from app.cases.reply import (
    approve_reply,
    pending_approval_step,
    record_delivery,
    record_justice_review,
    reopen_case,
    save_reply_draft,
    send_reply,
)
from app.cases.reply_actions import STEP_LEADER, STEP_PRINCIPAL, ReplyAction, reply_actions_for
from app.context import Actor
from app.errors import ConflictError, PermissionDenied, UserError, ValidationError
from app.signoff.service import Decision
from tests.cases._support import BY_POST, case_form, started_case
from tests.seen_hashes import seen_reply, seen_state

TODAY = date(2024, 6, 28)
BODY = "王小明：\n你于2024年3月4日提出的政府信息公开申请收悉。现答复如下：……"
APPROVE_LEADER, APPROVE_PRINCIPAL = ReplyAction.APPROVE_LEADER, ReplyAction.APPROVE_PRINCIPAL


@pytest.fixture
def people(make_people) -> dict[str, Actor]:  # type: ignore[no-untyped-def]
    return make_people("clerk", "leader", "boss",  # type: ignore[no-any-return]
                       editor=("editor", "周采编", (Role.EDITOR,)))


def a_case(session: Session, clerk: Actor) -> RequestCase:
    return started_case(session, clerk, case_form(**BY_POST), TODAY)


def actions(session: Session, case: RequestCase, actor: Actor) -> Availability[ReplyAction]:
    return reply_actions_for(session, case, actor)


def refused_with(reason: str, call: object) -> UserError:
    """The service call raises a UserError whose text is exactly `reason`."""
    assert reason, "the action was expected to be refused"
    with pytest.raises(UserError) as err:
        call()  # type: ignore[operator]
    assert str(err.value) == reason
    return err.value


def test_each_state_offers_the_next_step_only(session: Session, people: dict[str, Actor]) -> None:
    clerk, leader, boss = people["clerk"], people["leader"], people["boss"]
    case = a_case(session, clerk)
    assert actions(session, case, clerk).available() == [ReplyAction.DRAFT]

    save_reply_draft(session, clerk, case.id, ReplyType.DISCLOSABLE, None, BODY, today=TODAY)
    got = actions(session, case, clerk)
    assert got.available() == [ReplyAction.DRAFT, ReplyAction.JUSTICE_REVIEW, ReplyAction.RETURN_LEADER,
                               ReplyAction.RETURN_PRINCIPAL]
    assert got.reason(APPROVE_LEADER) == "请先登记司法局的书面审核意见，再报领导审定。"
    assert got.reason(ReplyAction.SEND) == "答复书须经司法局书面审核后才能发出，请先登记审核意见。"
    assert got.reason(ReplyAction.DELIVER) == "答复书尚未发出，不能登记送达。"
    assert got.reason(ReplyAction.REOPEN) == f"申请件“{case.case_no}”尚未办结，无需重新打开。"

    record_justice_review(session, clerk, case.id, date(2024, 3, 20), "经审核，答复内容合法。", today=TODAY,
                          seen_state=seen_state(session, case.id))
    got = actions(session, case, clerk)
    assert got.allowed(APPROVE_LEADER)
    # The order of the county text: 主要领导 signs after the 分管领导.
    assert got.reason(APPROVE_PRINCIPAL) == "请先由分管领导审定，再报主要领导审定。"
    assert got.reason(ReplyAction.SEND) == "答复书尚未完成分管领导审定、主要领导审定，不能发出。"

    approve_reply(session, leader, case.id, STEP_LEADER, Decision.APPROVE, "同意",
                  seen_hash=seen_reply(session, case.id))
    got = actions(session, case, clerk)
    assert got.allowed(APPROVE_PRINCIPAL)
    assert got.reason(APPROVE_LEADER) == "该环节已由“李分管”签批，不能重复签批。请刷新后查看。"
    assert got.reason(ReplyAction.JUSTICE_REVIEW) == (
        "领导已开始审定，不能再修改司法局审核意见；如需修改，请由领导退回后重新提交。")
    assert got.reason(ReplyAction.SEND) == "答复书尚未完成主要领导审定，不能发出。"

    approve_reply(session, boss, case.id, STEP_PRINCIPAL, Decision.APPROVE, "同意", today=TODAY,
                  seen_hash=seen_reply(session, case.id))
    assert actions(session, case, clerk).allowed(ReplyAction.SEND)
    send_reply(session, clerk, case.id, date(2024, 3, 25), DeliveryMethod.POST, "EA123456789CN", today=TODAY)
    got = actions(session, case, clerk)
    sent = f"答复书已于2024年3月25日发出（{case.reply_doc_no}），不能再"
    assert got.available() == [ReplyAction.DELIVER]
    assert got.reason(ReplyAction.DRAFT) == sent + "修改答复草稿。"
    assert got.reason(ReplyAction.SEND) == sent + "重复发出。"
    assert got.reason(APPROVE_PRINCIPAL) == sent + "审批。"

    record_delivery(session, clerk, case.id, date(2024, 3, 26), today=TODAY)
    got = actions(session, case, clerk)
    closed = f"申请件“{case.case_no}”已办结，内容只读。如需更正，请先“重新打开”（将记入审计记录）。"
    assert got.available() == [ReplyAction.REOPEN]
    assert got.reason(ReplyAction.DRAFT) == closed and got.reason(ReplyAction.DELIVER) == closed


def test_a_user_without_the_case_role_is_told_which_role_is_needed(session: Session,
                                                                   people: dict[str, Actor]) -> None:
    clerk, editor = people["clerk"], people["editor"]
    case = a_case(session, clerk)
    role = "此操作需要以下角色之一：信息公开工作人员、系统管理员。当前用户“周采编”无此权限。"
    got = actions(session, case, editor)
    for action in (ReplyAction.DRAFT, ReplyAction.JUSTICE_REVIEW, ReplyAction.SEND, ReplyAction.DELIVER,
                   ReplyAction.REOPEN):
        assert got.reason(action) == role
    err = refused_with(role, lambda: save_reply_draft(
        session, editor, case.id, ReplyType.DISCLOSABLE, None, BODY, today=TODAY))
    assert isinstance(err, PermissionDenied)


def test_services_refuse_with_the_reason_the_panel_shows(session: Session, people: dict[str, Actor]) -> None:
    clerk, leader, boss = people["clerk"], people["leader"], people["boss"]
    case = a_case(session, clerk)
    save_reply_draft(session, clerk, case.id, ReplyType.DISCLOSABLE, None, BODY, today=TODAY)

    got = actions(session, case, clerk)
    err = refused_with(got.reason(APPROVE_LEADER), lambda: approve_reply(
        session, leader, case.id, STEP_LEADER, Decision.APPROVE, "同意", seen_hash=seen_reply(session, case.id)))
    assert isinstance(err, ValidationError) and err.field == "step"
    refused_with(got.reason(ReplyAction.SEND), lambda: send_reply(
        session, clerk, case.id, date(2024, 3, 25), DeliveryMethod.POST, "", today=TODAY))
    refused_with(got.reason(ReplyAction.DELIVER), lambda: record_delivery(
        session, clerk, case.id, date(2024, 3, 26), today=TODAY))
    refused_with(got.reason(ReplyAction.REOPEN), lambda: reopen_case(session, clerk, case.id, "更正"))

    record_justice_review(session, clerk, case.id, date(2024, 3, 20), "经审核，答复内容合法。", today=TODAY,
                          seen_state=seen_state(session, case.id))
    refused_with(actions(session, case, clerk).reason(APPROVE_PRINCIPAL), lambda: approve_reply(
        session, boss, case.id, STEP_PRINCIPAL, Decision.APPROVE, "同意", today=TODAY,
            seen_hash=seen_reply(session, case.id)))
    approve_reply(session, leader, case.id, STEP_LEADER, Decision.APPROVE, "同意",
                  seen_hash=seen_reply(session, case.id))
    got = actions(session, case, clerk)
    refused_with(got.reason(ReplyAction.JUSTICE_REVIEW), lambda: record_justice_review(
        session, clerk, case.id, date(2024, 3, 21), "改", today=TODAY, seen_state=seen_state(session, case.id)))
    err = refused_with(got.reason(APPROVE_LEADER), lambda: approve_reply(
        session, people["leader"], case.id, STEP_LEADER, Decision.APPROVE, "同意",
            seen_hash=seen_reply(session, case.id)))
    assert isinstance(err, ConflictError)  # someone signed it a moment ago


def test_a_return_needs_neither_the_review_nor_the_order(session: Session, people: dict[str, Actor]) -> None:
    """A leader may send a draft back at any point; only approving follows the order."""
    clerk, boss = people["clerk"], people["boss"]
    case = a_case(session, clerk)
    save_reply_draft(session, clerk, case.id, ReplyType.DISCLOSABLE, None, BODY, today=TODAY)
    got = actions(session, case, clerk)
    assert not got.allowed(APPROVE_PRINCIPAL) and got.allowed(ReplyAction.RETURN_PRINCIPAL)
    approve_reply(session, boss, case.id, STEP_PRINCIPAL, Decision.RETURN, "请补充依据",
                  seen_hash=seen_reply(session, case.id))
    assert actions(session, case, clerk).available() == [ReplyAction.DRAFT]


def test_the_dashboard_and_the_pending_step_follow_the_same_order(session: Session,
                                                                  people: dict[str, Actor]) -> None:
    """hooks' SQL and pending_approval_step agree with reply_actions_for on whose turn it is."""
    clerk, leader, boss = people["clerk"], people["leader"], people["boss"]
    case = a_case(session, clerk)
    save_reply_draft(session, clerk, case.id, ReplyType.DISCLOSABLE, None, BODY, today=TODAY)

    def waiting_for() -> list[str]:
        return [who for who, actor in (("leader", leader), ("boss", boss))
                if any(i.record_id == case.id for i in dashboard_items(session, actor, TODAY))]

    assert (pending_approval_step(session, case), waiting_for()) == (None, [])
    record_justice_review(session, clerk, case.id, date(2024, 3, 20), "经审核，答复内容合法。", today=TODAY,
                          seen_state=seen_state(session, case.id))
    assert (pending_approval_step(session, case), waiting_for()) == (STEP_LEADER, ["leader"])
    approve_reply(session, leader, case.id, STEP_LEADER, Decision.APPROVE, "同意",
                  seen_hash=seen_reply(session, case.id))
    assert (pending_approval_step(session, case), waiting_for()) == (STEP_PRINCIPAL, ["boss"])
    approve_reply(session, boss, case.id, STEP_PRINCIPAL, Decision.APPROVE, "同意", today=TODAY,
                  seen_hash=seen_reply(session, case.id))
    assert (pending_approval_step(session, case), waiting_for()) == (None, [])


def test_the_handler_and_the_other_leader_are_refused_with_their_own_reason(
        session: Session, make_user) -> None:  # type: ignore[no-untyped-def]
    handler = make_user("hl", Role.DISCLOSURE_STAFF, Role.LEADER_IN_CHARGE, display_name="孙兼办")
    both = make_user("both", Role.LEADER_IN_CHARGE, Role.PRINCIPAL_LEADER, display_name="钱兼任")
    case = a_case(session, handler)
    save_reply_draft(session, handler, case.id, ReplyType.DISCLOSABLE, None, BODY, today=TODAY)
    record_justice_review(session, handler, case.id, date(2024, 3, 20), "合法", today=TODAY,
                          seen_state=seen_state(session, case.id))
    refused_with("本件的经办人不能审定本件答复（同一人不能兼任），请由另一位分管领导签批。", lambda: approve_reply(
        session, handler, case.id, STEP_LEADER, Decision.APPROVE, "同意", seen_hash=seen_reply(session, case.id)))
    approve_reply(session, both, case.id, STEP_LEADER, Decision.APPROVE, "同意", seen_hash=seen_reply(session, case.id))
    refused_with("“钱兼任”已签署本件答复的分管领导审定，同一人不能兼任两个审批环节，请由另一位主要领导签批。",
                 lambda: approve_reply(session, both, case.id, STEP_PRINCIPAL, Decision.APPROVE, "同意",
                                       seen_hash=seen_reply(session, case.id)))
