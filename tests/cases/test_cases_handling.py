"""Handling events: 补正, consultations, extension, fees — their rules and refusals."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.models import AuditEntry
from app.auth.roles import Role
from app.cases.enums import CaseStatus, ConsultationKind
from app.cases.handling import (
    add_consultation,
    answer_consultation,
    close_for_no_correction,
    extend_deadline,
    record_correction_received,
    record_fee_notice,
    record_fee_paid,
    send_correction_notice,
    start_handling,
    third_party_rule_note,
)
from app.cases.intake import register_case
from app.cases.models import RequestCase
from app.cases.outcomes import Outcome, ReplyType
from app.context import Actor
from app.errors import PermissionDenied, ValidationError
from app.settings import set_setting
from app.signoff.service import signoffs_for
from tests.cases._support import case_form
from tests.seen_hashes import seen_extension

TODAY = date(2024, 6, 28)


@pytest.fixture
def people(make_people) -> dict[str, Actor]:  # type: ignore[no-untyped-def]
    return make_people("clerk", "leader", "boss",  # type: ignore[no-any-return]
                       clerk_leader=("both", "钱兼任", (Role.DISCLOSURE_STAFF, Role.LEADER_IN_CHARGE)))


@pytest.fixture
def clerk(people: dict[str, Actor]) -> Actor:
    return people["clerk"]


@pytest.fixture
def case(session: Session, clerk: Actor) -> RequestCase:
    return register_case(session, clerk, case_form(), TODAY)


def test_start_handling(session: Session, clerk: Actor, case: RequestCase) -> None:
    start_handling(session, clerk, case.id, today=TODAY)
    assert case.status == CaseStatus.IN_PROGRESS.value
    with pytest.raises(ValidationError, match="办理中"):
        start_handling(session, clerk, case.id, today=TODAY)


def test_correction_notice_rules(session: Session, clerk: Actor, case: RequestCase) -> None:
    with pytest.raises(ValidationError) as err:
        send_correction_notice(session, clerk, case.id, date(2024, 3, 14), "", date(2024, 3, 28), today=TODAY)
    assert err.value.field == "items"
    with pytest.raises(ValidationError, match="不能早于收到申请日期"):
        send_correction_notice(session, clerk, case.id, date(2024, 3, 1), "年份", date(2024, 3, 28), today=TODAY)
    with pytest.raises(ValidationError) as err:
        send_correction_notice(session, clerk, case.id, date(2024, 3, 14), "年份", date(2024, 3, 14), today=TODAY)
    assert err.value.field == "due_on"
    # The 7th working day after Mon 3/4 is Wed 3/13; Thu 3/14 is late: refused without a recorded
    # reason, then a warning that keeps the reason.
    with pytest.raises(ValidationError, match="2024年3月13日") as err:
        send_correction_notice(session, clerk, case.id, date(2024, 3, 14), ["年份", "地域范围"],
                               date(2024, 3, 28), today=TODAY)
    assert err.value.field == "late_reason"
    warnings = send_correction_notice(session, clerk, case.id, date(2024, 3, 14), ["年份", "地域范围"],
                                      date(2024, 3, 28), late_reason="申请书经转办延误", today=TODAY)
    assert len(warnings) == 1 and "2024年3月13日" in warnings[0]
    assert case.correction_items == "1. 年份\n2. 地域范围"
    with pytest.raises(ValidationError, match="一次性告知"):
        send_correction_notice(session, clerk, case.id, date(2024, 3, 15), "再补", date(2024, 3, 29), today=TODAY)


def test_no_warning_within_seven_working_days(session: Session, clerk: Actor, case: RequestCase) -> None:
    assert send_correction_notice(session, clerk, case.id, date(2024, 3, 13), "年份", date(2024, 3, 27),
                                  today=TODAY) == []


def test_supplement_dates_and_closing_for_no_correction(session: Session, clerk: Actor, case: RequestCase) -> None:
    send_correction_notice(session, clerk, case.id, date(2024, 3, 6), "年份", date(2024, 3, 20), today=TODAY)
    with pytest.raises(ValidationError, match="不能早于补正告知日期"):
        record_correction_received(session, clerk, case.id, date(2024, 3, 5), today=TODAY)
    with pytest.raises(ValidationError, match="尚未届满"):
        close_for_no_correction(session, clerk, case.id, date(2024, 3, 20), today=TODAY)
    close_for_no_correction(session, clerk, case.id, date(2024, 3, 21), today=TODAY)
    assert case.status == CaseStatus.CLOSED.value
    assert case.reply_type == ReplyType.NO_CORRECTION.value
    assert (case.outcome, case.outcome_detail) == (Outcome.OTHER.value, 0)
    assert case.replied_on == date(2024, 3, 21)
    with pytest.raises(ValidationError, match="已办结"):
        add_consultation(session, clerk, case.id, ConsultationKind.DEPARTMENT, "县民政局", "", date(2024, 3, 22),
                         today=TODAY)


def test_consultation_rules(session: Session, clerk: Actor, case: RequestCase) -> None:
    with pytest.raises(ValidationError) as err:
        add_consultation(session, clerk, case.id, ConsultationKind.DEPARTMENT, " ", "", date(2024, 3, 5), today=TODAY)
    assert err.value.field == "party"
    with pytest.raises(ValidationError, match="不能早于收到申请日期"):
        add_consultation(session, clerk, case.id, ConsultationKind.DEPARTMENT, "县民政局", "", date(2024, 3, 1),
                         today=TODAY)
    with pytest.raises(ValidationError, match="不能晚于今天"):
        add_consultation(session, clerk, case.id, ConsultationKind.DEPARTMENT, "县民政局", "", date(2024, 7, 1),
                         today=TODAY)
    third = add_consultation(session, clerk, case.id, ConsultationKind.THIRD_PARTY, "某某公司", "合同金额",
                             date(2024, 3, 5), today=TODAY)
    assert case.status == CaseStatus.IN_PROGRESS.value
    assert third.due_on == date(2024, 3, 26)  # 15 working days after Tue 3/5
    with pytest.raises(ValidationError, match="不能早于发出日期"):
        answer_consultation(session, clerk, third.id, date(2024, 3, 4), "agree", "", "disclose", "", today=TODAY)
    with pytest.raises(ValidationError) as err:
        answer_consultation(session, clerk, third.id, date(2024, 3, 12), "agree", "", "", "", today=TODAY)
    assert err.value.field == "decision"
    with pytest.raises(ValidationError) as err:
        answer_consultation(session, clerk, third.id, date(2024, 3, 12), "object", "", "withhold", "", today=TODAY)
    assert err.value.field == "opinion_text"
    with pytest.raises(ValidationError) as err:
        answer_consultation(session, clerk, third.id, date(2024, 3, 12), "object", "涉及商业秘密", "disclose", "",
                            today=TODAY)
    assert err.value.field == "decision_reason"
    with pytest.raises(ValidationError, match="尚未届满"):
        answer_consultation(session, clerk, third.id, date(2024, 3, 26), "none", "", "disclose", "", today=TODAY)
    # Silence after the 15 days: the county text reads consent, the 条例 lets the office decide;
    # both the silence and the office's decision are stored.
    answer_consultation(session, clerk, third.id, date(2024, 3, 27), "none", "", "disclose", "", today=TODAY)
    assert (third.opinion, third.decision, third.answered_on) == ("none", "disclose", date(2024, 3, 27))
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "consultation_answer")).one()
    assert json.loads(entry.after_json)["consultation"]["opinion"] == "none"


def test_third_party_rule_note_shows_both_readings() -> None:
    note = third_party_rule_note()
    assert "视为同意公开" in note and "第三十二条" in note and "公共利益" in note


def test_extension_rules(session: Session, people: dict[str, Actor], case: RequestCase) -> None:
    clerk, leader, boss = people["clerk"], people["leader"], people["boss"]
    with pytest.raises(ValidationError) as err:
        extend_deadline(session, clerk, case.id, date(2024, 3, 20), " ", leader, "同意", today=TODAY,
                        seen_hash=seen_extension(session, case.id, " "))
    assert err.value.field == "reason"
    with pytest.raises(PermissionDenied):  # the setting names 分管领导 by default
        extend_deadline(session, clerk, case.id, date(2024, 3, 20), "材料多", boss, "同意", today=TODAY,
                        seen_hash=seen_extension(session, case.id, "材料多"))
    with pytest.raises(ValidationError, match="届满前"):  # due Mon 2024-04-01
        extend_deadline(session, clerk, case.id, date(2024, 4, 2), "材料多", leader, "同意", today=TODAY,
                        seen_hash=seen_extension(session, case.id, "材料多"))
    extend_deadline(session, clerk, case.id, date(2024, 4, 1), "材料多", leader, "同意", today=TODAY,
                    seen_hash=seen_extension(session, case.id, "材料多"))
    # 40th working day after 3/4: 4/1 (20), 4/2–3 (22), [4/4–6 off], Sun 4/7 (23), 4/8–12 (28),
    # 4/15–19 (33), 4/22–26 (38), Sun 4/28 (39, make-up day for May Day), Mon 4/29 (40).
    assert case.due_on == date(2024, 4, 29)
    (sign,) = signoffs_for(session, "request_case", case.id)
    assert (sign.step, sign.signer_name, sign.decision) == ("extension", "李分管", "approve")
    with pytest.raises(ValidationError, match="只能一次"):
        extend_deadline(session, clerk, case.id, date(2024, 4, 1), "还要延", leader, "同意", today=TODAY,
                        seen_hash=seen_extension(session, case.id, "还要延"))


def test_the_extension_approver_is_a_setting_and_never_the_clerk(
    session: Session, people: dict[str, Actor], case: RequestCase
) -> None:
    both = people["clerk_leader"]
    with pytest.raises(PermissionDenied, match="经办人不能自己审批"):
        extend_deadline(session, both, case.id, date(2024, 3, 20), "材料多", both, "同意", today=TODAY,
                        seen_hash=seen_extension(session, case.id, "材料多"))
    set_setting(session, Actor.system(), "cases.extension_approver_role", Role.PRINCIPAL_LEADER.value)
    with pytest.raises(PermissionDenied):
        extend_deadline(session, people["clerk"], case.id, date(2024, 3, 20), "材料多", people["leader"], "同意",
                        today=TODAY, seen_hash=seen_extension(session, case.id, "材料多"))
    extend_deadline(session, people["clerk"], case.id, date(2024, 3, 20), "材料多", people["boss"], "同意",
                    today=TODAY, seen_hash=seen_extension(session, case.id, "材料多"))
    assert case.extension_notified_on == date(2024, 3, 20)


def test_fee_notice_and_payment(session: Session, clerk: Actor, case: RequestCase) -> None:
    with pytest.raises(ValidationError) as err:
        record_fee_notice(session, clerk, case.id, date(2024, 3, 11), "按页", 40, today=TODAY)
    assert err.value.field == "method"
    # 30 pages are free (109号): no fee can be set, and the refusal shows the working.
    with pytest.raises(ValidationError, match="本件30页＝30页×0元＝0元，未超过免费标准") as err:
        record_fee_notice(session, clerk, case.id, date(2024, 3, 11), "per_page", 30, today=TODAY)
    assert err.value.field == "count"
    # The applicant's first request this month (counted from the file): free.
    with pytest.raises(ValidationError, match="本月此前已申请0件，本件为第1件"):
        record_fee_notice(session, clerk, case.id, date(2024, 3, 11), "per_request", 1, today=TODAY)
    with pytest.raises(ValidationError, match="没有收费通知"):
        record_fee_paid(session, clerk, case.id, date(2024, 3, 12), today=TODAY)
    record_fee_notice(session, clerk, case.id, date(2024, 3, 11), "per_page", 40, today=TODAY)
    assert case.fee_amount == Decimal("100.00")
    with pytest.raises(ValidationError, match="不能早于收费通知日期"):
        record_fee_paid(session, clerk, case.id, date(2024, 3, 8), today=TODAY)
    record_fee_paid(session, clerk, case.id, date(2024, 3, 12), today=TODAY)
    assert case.fee_paid_on == date(2024, 3, 12)
