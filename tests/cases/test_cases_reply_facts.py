"""Facts behind every reply type (issue 11; RULES.md C.8): the service refuses a reply type whose
fact is not on file and names what is missing; markers block submission; editing an approved draft
needs consent and the audit entry names the voided approvals.

Dates: 2024-03-04 is a Monday; 2024 Qingming 4/4–6 off, Sun 4/7 worked.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.models import AuditEntry
from app.cases.enums import ConsultationKind, DeliveryMethod
from app.cases.fees import record_fee_notice_received
from app.cases.handling import (
    add_consultation,
    answer_consultation,
    record_correction_received,
    record_fee_notice,
    record_fee_paid,
    send_correction_notice,
)
from app.cases.models import RequestCase
from app.cases.outcomes import ReplyType
from app.cases.reply import (
    STEP_LEADER,
    record_delivery,
    save_reply_draft,
    send_reply,
)
from app.cases.reply_facts import availability, earlier_answered_cases
from app.cases.reply_text import default_reply_body
from app.context import Actor
from app.errors import ValidationError
from app.redaction.service import record_no_copy_reason
from tests.cases._support import approve_as_seen, case_form, review_as_seen, started_case

BODY = "经审查，本机关决定不再处理该申请。"


@pytest.fixture
def people(make_people) -> dict[str, Actor]:  # type: ignore[no-untyped-def]
    return make_people("clerk", "leader", "boss")  # type: ignore[no-any-return]


def new_case(session: Session, clerk: Actor, name: str = "王小明", on: date = date(2024, 3, 4)) -> RequestCase:
    return started_case(session, clerk, case_form(applicant_name=name, submitted_on=on), on)


def draft(session: Session, clerk: Actor, case: RequestCase, reply: ReplyType, today: date, body: str = BODY,
          **kw: object) -> RequestCase:
    return save_reply_draft(session, clerk, case.id, reply, None, body, today=today, **kw)  # type: ignore[arg-type]


def test_no_correction_needs_a_notice_whose_period_ended_without_a_supplement(
    session: Session, people: dict[str, Actor]
) -> None:
    clerk = people["clerk"]
    case = new_case(session, clerk)
    with pytest.raises(ValidationError, match="没有发出补正告知") as err:
        draft(session, clerk, case, ReplyType.NO_CORRECTION, date(2024, 3, 5))
    assert err.value.field == "reply_type"
    # Notice Wed 3/6 with the minimum period: 10 working days → Wed 3/20.
    send_correction_notice(session, clerk, case.id, date(2024, 3, 6), "年份", date(2024, 3, 20), today=date(2024, 3, 6))
    assert "尚未届满" in str(availability(session, case, date(2024, 3, 20))[ReplyType.NO_CORRECTION])
    assert availability(session, case, date(2024, 3, 21))[ReplyType.NO_CORRECTION] is None
    other = new_case(session, clerk, "李四")
    send_correction_notice(session, clerk, other.id, date(2024, 3, 6), "年份", date(2024, 3, 20),
                           today=date(2024, 3, 6))
    record_correction_received(session, clerk, other.id, date(2024, 3, 12), today=date(2024, 3, 12))
    with pytest.raises(ValidationError, match="已于2024年3月12日提交补正材料"):
        draft(session, clerk, other, ReplyType.NO_CORRECTION, date(2024, 3, 25))


def test_unclear_after_correction_needs_a_supplement(session: Session, people: dict[str, Actor]) -> None:
    clerk = people["clerk"]
    case = new_case(session, clerk)
    with pytest.raises(ValidationError, match="没有登记收到补正材料"):
        draft(session, clerk, case, ReplyType.UNCLEAR_AFTER_CORRECTION, date(2024, 3, 5))
    send_correction_notice(session, clerk, case.id, date(2024, 3, 6), "年份", date(2024, 3, 20), today=date(2024, 3, 6))
    record_correction_received(session, clerk, case.id, date(2024, 3, 12), today=date(2024, 3, 12))
    body = default_reply_body(ReplyType.UNCLEAR_AFTER_CORRECTION, None, case)
    draft(session, clerk, case, ReplyType.UNCLEAR_AFTER_CORRECTION, date(2024, 3, 13), body)
    assert case.reply_type == ReplyType.UNCLEAR_AFTER_CORRECTION.value


def test_fee_unpaid_needs_a_lapsed_unpaid_notice(session: Session, people: dict[str, Actor]) -> None:
    clerk = people["clerk"]
    case = new_case(session, clerk)
    with pytest.raises(ValidationError, match="没有发出收费通知"):
        draft(session, clerk, case, ReplyType.FEE_UNPAID, date(2024, 3, 5))
    record_fee_notice(session, clerk, case.id, date(2024, 3, 6), "per_page", 40, today=date(2024, 3, 6))
    record_fee_notice_received(session, clerk, case.id, date(2024, 3, 6), today=date(2024, 3, 6))
    # Paying period: 20 working days after Wed 3/6 → 3/7–8 (2), 3/11–15 (7), 3/18–22 (12), 3/25–29 (17),
    # 4/1–3 (20) → Wed 2024-04-03. Inside it the reply type is refused; the day after it is allowed.
    with pytest.raises(ValidationError, match="2024年4月3日"):
        draft(session, clerk, case, ReplyType.FEE_UNPAID, date(2024, 4, 3))
    assert availability(session, case, date(2024, 4, 8))[ReplyType.FEE_UNPAID] is None
    paid = new_case(session, clerk, "李四")
    record_fee_notice(session, clerk, paid.id, date(2024, 3, 6), "per_page", 40, today=date(2024, 3, 6))
    record_fee_paid(session, clerk, paid.id, date(2024, 4, 10), today=date(2024, 4, 10))
    with pytest.raises(ValidationError, match="已于2024年4月10日缴费"):
        draft(session, clerk, paid, ReplyType.FEE_UNPAID, date(2024, 4, 12))


def _answered(session: Session, people: dict[str, Actor], case: RequestCase, sent: date) -> None:
    clerk = people["clerk"]
    draft(session, clerk, case, ReplyType.DISCLOSABLE, sent, "经查，现将该信息提供给您（见附件）。")
    review_as_seen(session, clerk, case.id, sent, today=sent)
    approve_as_seen(session, people["leader"], case.id, STEP_LEADER, today=sent)
    approve_as_seen(session, people["boss"], case.id, "principal_leader", today=sent)
    send_reply(session, clerk, case.id, sent, DeliveryMethod.IN_PERSON, "", today=sent)
    record_delivery(session, clerk, case.id, sent, today=sent)


def test_repeated_names_the_same_applicants_earlier_answered_case(
    session: Session, people: dict[str, Actor]
) -> None:
    clerk = people["clerk"]
    first = new_case(session, clerk, on=date(2024, 3, 4))
    stranger = new_case(session, clerk, "李四", on=date(2024, 3, 4))
    again = new_case(session, clerk, on=date(2024, 4, 8))
    with pytest.raises(ValidationError, match="没有找到同一申请人此前已答复的申请"):
        draft(session, clerk, again, ReplyType.REPEATED, date(2024, 4, 9))
    _answered(session, people, first, date(2024, 3, 20))
    _answered(session, people, stranger, date(2024, 3, 20))
    assert [e.case_no for e in earlier_answered_cases(session, again)] == [first.case_no]
    with pytest.raises(ValidationError, match="请选择此前已答复的那件申请"):
        draft(session, clerk, again, ReplyType.REPEATED, date(2024, 4, 9))
    with pytest.raises(ValidationError, match="不是同一申请人此前已答复的申请"):
        draft(session, clerk, again, ReplyType.REPEATED, date(2024, 4, 9), repeat_of=stranger.case_no)
    body = default_reply_body(ReplyType.REPEATED, None, again, earlier=(date(2024, 3, 20), first.reply_doc_no))
    assert f"本机关已于2024年3月20日就您提出的相同政府信息公开申请作出答复（{first.reply_doc_no}）" in body
    draft(session, clerk, again, ReplyType.REPEATED, date(2024, 4, 9), body, repeat_of=first.case_no)
    assert again.repeat_of_case_no == first.case_no


def test_a_letter_saying_the_third_party_was_consulted_needs_the_consultation(
    session: Session, people: dict[str, Actor]
) -> None:
    clerk = people["clerk"]
    case = new_case(session, clerk)
    claimed = default_reply_body(ReplyType.WITHHELD, 3, case)
    assert "征求第三方意见" not in claimed and "第十五条" in claimed  # without one, it says so differently
    says = "经审查，本机关已书面征求第三方意见，第三方不同意公开且理由合理。根据条例第十五条，决定不予公开。"
    with pytest.raises(ValidationError, match="没有登记征求第三方意见"):
        save_reply_draft(session, clerk, case.id, ReplyType.WITHHELD, 3, says, today=date(2024, 3, 5))
    c = add_consultation(session, clerk, case.id, ConsultationKind.THIRD_PARTY, "某公司", "商业秘密",
                         date(2024, 3, 5), today=date(2024, 3, 5))
    answer_consultation(session, clerk, c.id, date(2024, 3, 12), "object", "涉及商业秘密", "withhold", "",
                        today=date(2024, 3, 12))
    assert "本机关已书面征求第三方意见" in default_reply_body(ReplyType.WITHHELD, 3, case)
    save_reply_draft(session, clerk, case.id, ReplyType.WITHHELD, 3, says, today=date(2024, 3, 13))


def test_a_draft_with_fill_in_markers_cannot_be_submitted(session: Session, people: dict[str, Actor]) -> None:
    clerk = people["clerk"]
    case = new_case(session, clerk)
    # 部分公开 first needs its redaction basis (issue 15); the markers are what this test is about.
    record_no_copy_reason(session, clerk, case.id, "以摘录方式提供可以公开的内容。")
    with pytest.raises(ValidationError, match=r"\[可以公开的内容\]") as err:
        save_reply_draft(session, clerk, case.id, ReplyType.PARTIAL, None,
                         default_reply_body(ReplyType.PARTIAL, None, case), today=date(2024, 3, 5))
    assert err.value.field == "body"


def test_editing_an_approved_draft_asks_and_the_audit_names_the_voided_approvals(
    session: Session, people: dict[str, Actor]
) -> None:
    clerk = people["clerk"]
    case = new_case(session, clerk)
    draft(session, clerk, case, ReplyType.DISCLOSABLE, date(2024, 3, 5), "经查，现将该信息提供给您（见附件）。")
    review_as_seen(session, clerk, case.id, date(2024, 3, 6), today=date(2024, 3, 6))
    approve_as_seen(session, people["leader"], case.id, STEP_LEADER, today=date(2024, 3, 7))
    new_body = "经查，现将该信息提供给您（见附件一、附件二）。"
    with pytest.raises(ValidationError, match="分管领导审定（李分管") as err:
        draft(session, clerk, case, ReplyType.DISCLOSABLE, date(2024, 3, 8), new_body)
    assert err.value.field == "void_approvals" and case.reply_round == 1
    draft(session, clerk, case, ReplyType.DISCLOSABLE, date(2024, 3, 8), new_body, void_approvals=True)
    assert case.reply_round == 2 and case.justice_review_on is None
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "reply_draft")
                            .order_by(AuditEntry.id.desc())).first()
    assert entry is not None and "作废签批：分管领导审定（李分管" in entry.summary
    assert json.loads(entry.after_json)["voided_approvals"][0].startswith("分管领导审定（李分管")
