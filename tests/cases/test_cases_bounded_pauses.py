"""Pauses that cannot slide (issue 11; RULES.md C.4, C.7, C.8; REGISTER.md "Deadline arithmetic").

Calendar facts used: 2024 Qingming 4/4–6 off with Sun 4/7 worked; Sun 4/28 worked.
2026 New Year 1/1–3 off with Sun 1/4 worked. 2025-12-08 is a Monday, 2024-03-04 a Monday.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session

from app.auth.roles import Role
from app.cases.enums import ApplicantType, Channel, ConsultationKind, DeliveryMethod
from app.cases.fees import close_for_fee_unpaid, record_fee_notice_received
from app.cases.handling import (
    add_consultation,
    answer_consultation,
    record_consultation_delivery,
    record_fee_notice,
    record_fee_paid,
    send_correction_notice,
)
from app.cases.intake import CaseForm, register_case
from app.cases.letters import letter_context
from app.cases.models import RequestCase
from app.cases.queries import deadline_explanation
from app.context import Actor
from app.errors import ValidationError
from app.settings import set_setting


@pytest.fixture
def clerk(make_user) -> Actor:  # type: ignore[no-untyped-def]
    return make_user("clerk", Role.DISCLOSURE_STAFF)


def new_case(session: Session, clerk: Actor, received: date) -> RequestCase:
    form = CaseForm(
        applicant_type=ApplicantType.NATURAL, applicant_name="王小明", phone="13812345678",
        channel=Channel.IN_PERSON, submitted_on=received, content="申请公开某公司环评报告",
        delivery_method=DeliveryMethod.IN_PERSON,
    )
    return register_case(session, clerk, form, received)


def test_a_late_third_party_answer_pauses_only_until_its_fifteenth_working_day(
    session: Session, clerk: Actor
) -> None:
    case = new_case(session, clerk, date(2024, 3, 4))  # unpaused due: Mon 2024-04-01
    c = add_consultation(session, clerk, case.id, ConsultationKind.THIRD_PARTY, "某化工公司", "环评报告",
                         date(2024, 3, 5), today=date(2024, 3, 5))
    # Delivery not yet recorded: the party's 15 working days are counted from sending, Tue 3/5:
    # 3/6–8 (3), 3/11–15 (8), 3/18–22 (13), 3/25–26 (15) → Tue 3/26. Paused 3/6…3/26 = 15 days, so due
    # is the 35th working day after 3/4: 4/1 (20), 4/2, 4/3, Sun 4/7 (23), 4/8–12 (28), 4/15–19 (33),
    # 4/22 (34), Tue 4/23 (35).
    assert (c.due_on, case.due_on) == (date(2024, 3, 26), date(2024, 4, 23))
    assert "送达日期未登记" in deadline_explanation(session, case, date(2024, 3, 5))
    record_consultation_delivery(session, clerk, c.id, date(2024, 3, 7), today=date(2024, 3, 8))
    # Received Thu 3/7: 3/8 (1), 3/11–15 (6), 3/18–22 (11), 3/25–28 (15) → Thu 3/28. Paused 3/6…3/28 =
    # 3/6–8 (3) + 3/11–15 (8) + 3/18–22 (13) + 3/25–28 (17) = 17 days → 37th working day: Thu 4/25.
    assert (c.due_on, case.due_on) == (date(2024, 3, 28), date(2024, 4, 25))
    # The answer comes 60-odd working days later: the pause still ends on 3/28.
    answer_consultation(session, clerk, c.id, date(2024, 6, 20), "object", "涉及商业秘密", "withhold", "",
                        today=date(2024, 6, 20))
    assert case.due_on == date(2024, 4, 25)
    assert "只计至该日" in deadline_explanation(session, case, date(2024, 6, 20))


def test_delivery_cannot_precede_sending_and_departments_count_from_sending(session: Session, clerk: Actor) -> None:
    case = new_case(session, clerk, date(2024, 3, 4))
    third = add_consultation(session, clerk, case.id, ConsultationKind.THIRD_PARTY, "某公司", "", date(2024, 3, 5),
                             today=date(2024, 3, 5))
    with pytest.raises(ValidationError, match="送达日期"):
        record_consultation_delivery(session, clerk, third.id, date(2024, 3, 4), today=date(2024, 3, 8))
    dept = add_consultation(session, clerk, case.id, ConsultationKind.DEPARTMENT, "县环保局", "", date(2024, 3, 5),
                            today=date(2024, 3, 5))
    with pytest.raises(ValidationError, match="自发出之日起计算"):
        record_consultation_delivery(session, clerk, dept.id, date(2024, 3, 6), today=date(2024, 3, 8))


def test_a_consultation_sent_after_the_due_date_does_not_revive_the_case(session: Session, clerk: Actor) -> None:
    case = new_case(session, clerk, date(2024, 3, 4))
    assert case.due_on == date(2024, 4, 1)
    add_consultation(session, clerk, case.id, ConsultationKind.DEPARTMENT, "县财政局", "", date(2024, 4, 2),
                     today=date(2024, 4, 2))
    assert case.due_on == date(2024, 4, 1)  # sent Tue 4/2, after the due date Mon 4/1: no pause
    assert "答复期限已届满，不顺延" in deadline_explanation(session, case, date(2024, 4, 2))


def test_a_fee_notice_after_the_due_date_does_not_move_it(session: Session, clerk: Actor) -> None:
    case = new_case(session, clerk, date(2024, 3, 4))
    record_fee_notice(session, clerk, case.id, date(2024, 4, 3), "per_page", 40, today=date(2024, 4, 3))
    assert case.due_on == date(2024, 4, 1)


def test_an_unpaid_fee_pauses_only_until_the_end_of_the_payment_period(session: Session, clerk: Actor) -> None:
    # The case: received Mon 2025-12-08; unpaused due 12/9–12 (4), 12/15–19 (9), 12/22–26 (14),
    # 12/29–31 (17), [1/1–3 off], Sun 1/4 (18), 1/5 (19), Tue 2026-01-06 (20).
    case = new_case(session, clerk, date(2025, 12, 8))
    assert case.due_on == date(2026, 1, 6)
    record_fee_notice(session, clerk, case.id, date(2025, 12, 10), "per_page", 40, today=date(2025, 12, 10))
    # Receipt not recorded: the payment period runs from the notice, Wed 12/10: 12/11–12 (2),
    # 12/15–19 (7), 12/22–26 (12), 12/29–31 (15), Sun 1/4 (16), 1/5–8 (20) → Thu 2026-01-08.
    # Paused 12/11…1/8 = 20 days → 40th working day after 12/8: 1/6 (20), 1/7–9 (23), 1/12–16 (28),
    # 1/19–23 (33), 1/26–30 (38), 2/2 (39), Tue 2026-02-03 (40) — not "2026年12月28日".
    assert case.due_on == date(2026, 2, 3)
    assert letter_context(session, case, "receipt")["答复期限"] == "2026年2月3日（已扣除收费通知至缴费期间20个工作日）"
    record_fee_notice_received(session, clerk, case.id, date(2025, 12, 12), today=date(2025, 12, 15))
    # Received Fri 12/12: 12/15–19 (5), 12/22–26 (10), 12/29–31 (13), 1/4 (14), 1/5–9 (19), Mon 1/12
    # (20). Paused 12/11, 12/12 + 12/15…1/12 (20) = 22 → 42nd working day: 2/4 (41), Thu 2026-02-05.
    assert case.due_on == date(2026, 2, 5)
    record_fee_paid(session, clerk, case.id, date(2025, 12, 17), today=date(2025, 12, 17))
    # Paid Wed 12/17: paused 12/11, 12, 15, 16, 17 = 5 → 25th working day: 1/6 (20), 1/7, 1/8, 1/9,
    # 1/12, Tue 2026-01-13 (25).
    assert case.due_on == date(2026, 1, 13)


def test_unpaid_close_needs_the_notice_receipt_and_the_full_period(session: Session, clerk: Actor) -> None:
    case = new_case(session, clerk, date(2025, 12, 8))
    record_fee_notice(session, clerk, case.id, date(2025, 12, 10), "per_page", 40, today=date(2025, 12, 10))
    with pytest.raises(ValidationError, match="尚未登记申请人收到收费通知的日期"):
        close_for_fee_unpaid(session, clerk, case.id, date(2026, 1, 20), today=date(2026, 1, 20))
    record_fee_notice_received(session, clerk, case.id, date(2025, 12, 12), today=date(2025, 12, 15))
    # Payment period ends Mon 2026-01-12 (worked above): closing that day is refused, the next day is fine.
    with pytest.raises(ValidationError, match="2026年1月12日"):
        close_for_fee_unpaid(session, clerk, case.id, date(2026, 1, 12), today=date(2026, 1, 12))
    close_for_fee_unpaid(session, clerk, case.id, date(2026, 1, 13), today=date(2026, 1, 13))
    assert case.outcome == "other"


def test_the_receipt_states_the_paused_date_and_not_twenty_working_days(session: Session, clerk: Actor) -> None:
    case = new_case(session, clerk, date(2024, 3, 4))
    c = add_consultation(session, clerk, case.id, ConsultationKind.DEPARTMENT, "县民政局", "", date(2024, 3, 11),
                         today=date(2024, 3, 11))
    answer_consultation(session, clerk, c.id, date(2024, 3, 15), "agree", "", "", "", today=date(2024, 3, 15))
    # Paused 3/12–15 = 4 days → 24th working day after 3/4: 4/1 (20), 4/2, 4/3, Sun 4/7, Mon 4/8 (24).
    assert letter_context(session, case, "receipt")["答复期限"] == "2024年4月8日（已扣除征求意见4个工作日）"
    plain = new_case(session, clerk, date(2024, 3, 5))
    # Tue 3/5 + 20 working days: 3/6–8 (3), 3/11–15 (8), 3/18–22 (13), 3/25–29 (18), 4/1–2 → Tue 4/2.
    assert letter_context(session, plain, "receipt")["答复期限"] == "2024年4月2日"


def test_correction_period_has_a_minimum_and_a_late_notice_needs_a_reason(session: Session, clerk: Actor) -> None:
    case = new_case(session, clerk, date(2024, 3, 4))
    # Notice Wed 3/6; the default minimum of 10 working days: 3/7–8 (2), 3/11–15 (7), 3/18–20 (10) → 3/20.
    with pytest.raises(ValidationError, match="至少为告知之日起 10 个工作日"):
        send_correction_notice(session, clerk, case.id, date(2024, 3, 6), "请写明年份", date(2024, 3, 7),
                               today=date(2024, 3, 6))
    with pytest.raises(ValidationError, match="2024年3月20日"):
        send_correction_notice(session, clerk, case.id, date(2024, 3, 6), "请写明年份", date(2024, 3, 19),
                               today=date(2024, 3, 6))
    set_setting(session, Actor.system(), "cases.correction_min_days", 5)
    # 5 working days after 3/6: 3/7, 3/8, 3/11, 3/12, 3/13 → Wed 3/13 is now enough.
    assert send_correction_notice(session, clerk, case.id, date(2024, 3, 6), "请写明年份", date(2024, 3, 13),
                                  today=date(2024, 3, 6)) == []


def test_a_correction_notice_after_seven_working_days_needs_a_recorded_reason(session: Session, clerk: Actor) -> None:
    case = new_case(session, clerk, date(2024, 3, 4))
    # 7 working days after Mon 3/4: 3/5–8 (4), 3/11–13 (7) → Wed 3/13 is the last day; Thu 3/14 is late.
    # Its period: 10 working days after 3/14 → 3/15 (1), 3/18–22 (6), 3/25–28 (10) → Thu 3/28.
    with pytest.raises(ValidationError, match="最迟应为2024年3月13日"):
        send_correction_notice(session, clerk, case.id, date(2024, 3, 14), "请写明年份", date(2024, 3, 28),
                               today=date(2024, 3, 14))
    warnings = send_correction_notice(session, clerk, case.id, date(2024, 3, 14), "请写明年份", date(2024, 3, 28),
                                      late_reason="经办人病假，无人代岗", today=date(2024, 3, 14))
    assert case.correction_late_reason == "经办人病假，无人代岗"
    assert "经办人病假" in warnings[0]
