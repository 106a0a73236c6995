"""Reply deadlines through the services, against hand-checked dates (RULES.md C.4–C.8, REGISTER.md).

2024 calendar facts used below: Qingming 4/4–6 off with Sun 4/7 worked; Mid-autumn 9/15–17 off with
Sat 9/14 worked; National Day 10/1–7 off with Sun 9/29 and Sat 10/12 worked.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session

from app.auth.roles import Role
from app.cases.enums import ApplicantType, CaseStatus, Channel, ConsultationKind, DeliveryMethod
from app.cases.handling import (
    add_consultation,
    answer_consultation,
    extend_deadline,
    record_correction_received,
    record_fee_notice,
    record_fee_paid,
    send_correction_notice,
)
from app.cases.intake import CaseForm, register_case
from app.cases.models import RequestCase
from app.cases.queries import get_case
from app.cases.recompute import recompute_open_cases
from app.context import Actor
from app.settings import set_setting
from app.workdays import service as workdays
from tests.seen_hashes import seen_extension

MON_0304 = date(2024, 3, 4)  # plain case: 20th working day after is Mon 2024-04-01


def a_form(submitted_on: date = MON_0304) -> CaseForm:
    return CaseForm(
        applicant_type=ApplicantType.NATURAL, applicant_name="王小明", phone="13812345678",
        channel=Channel.IN_PERSON, submitted_on=submitted_on, content="申请公开本县低保资金发放情况",
        delivery_method=DeliveryMethod.IN_PERSON,
    )


@pytest.fixture
def people(make_user) -> tuple[Actor, Actor]:  # type: ignore[no-untyped-def]
    return make_user("clerk", Role.DISCLOSURE_STAFF), make_user("leader", Role.LEADER_IN_CHARGE)


@pytest.fixture
def clerk(people: tuple[Actor, Actor]) -> Actor:
    return people[0]


def new_case(session: Session, clerk: Actor, received: date = MON_0304) -> RequestCase:
    return register_case(session, clerk, a_form(received), received)


def test_plain_case(session: Session, clerk: Actor) -> None:
    case = new_case(session, clerk)
    assert case.due_on == date(2024, 4, 1)
    assert case.due_unconfirmed is False


def test_correction_restarts_the_clock_on_the_day_the_supplement_arrives(session: Session, clerk: Actor) -> None:
    case = new_case(session, clerk)
    send_correction_notice(session, clerk, case.id, date(2024, 3, 6), "请写明年份", date(2024, 3, 20),
                           today=date(2024, 3, 6))
    assert case.status == CaseStatus.AWAITING_CORRECTION.value
    assert case.due_on is None  # the clock has not started while the office waits
    record_correction_received(session, clerk, case.id, date(2024, 3, 20), today=date(2024, 3, 20))
    # From Wed 3/20: 3/21–22 (2), 3/25–29 (7), 4/1–3 (10), [4/4–6 off], Sun 4/7 (11), 4/8–12 (16),
    # 4/15–18 (20) → Thu 2024-04-18.
    assert case.due_on == date(2024, 4, 18)
    assert case.status == CaseStatus.IN_PROGRESS.value


def test_a_department_consultation_pauses_sent_exclusive_answered_inclusive(session: Session, clerk: Actor) -> None:
    case = new_case(session, clerk)
    c = add_consultation(session, clerk, case.id, ConsultationKind.DEPARTMENT, "县民政局", "低保资金数据",
                         date(2024, 3, 11), today=date(2024, 3, 11))
    assert c.due_on == date(2024, 3, 18)  # 5 working days after Mon 3/11
    answer_consultation(session, clerk, c.id, date(2024, 3, 15), "agree", "同意公开", "", "",
                        today=date(2024, 3, 15))
    # Paused 3/12, 3/13, 3/14, 3/15 = 4 working days: the 24th working day after 3/4 is
    # 4/1 (20), 4/2, 4/3, [4/4–6 off], Sun 4/7 (23), Mon 4/8 (24).
    assert case.due_on == date(2024, 4, 8)


def test_two_overlapping_consultations_pause_once(session: Session, clerk: Actor) -> None:
    case = new_case(session, clerk)
    a = add_consultation(session, clerk, case.id, ConsultationKind.DEPARTMENT, "县民政局", "", date(2024, 3, 11),
                         today=date(2024, 3, 11))
    b = add_consultation(session, clerk, case.id, ConsultationKind.THIRD_PARTY, "某公司", "商业信息",
                         date(2024, 3, 13), today=date(2024, 3, 13))
    assert b.due_on == date(2024, 4, 3)  # 15 working days after Wed 3/13
    answer_consultation(session, clerk, a.id, date(2024, 3, 15), "agree", "", "", "", today=date(2024, 3, 15))
    answer_consultation(session, clerk, b.id, date(2024, 3, 19), "agree", "", "disclose", "",
                        today=date(2024, 3, 19))
    # Union of 3/12–15 and 3/14–19: 3/12, 13, 14, 15, 18, 19 = 6 days → 26th working day: 4/10.
    assert case.due_on == date(2024, 4, 10)


def test_an_open_consultation_pauses_at_most_until_the_end_of_its_period(session: Session, clerk: Actor) -> None:
    case = new_case(session, clerk)
    add_consultation(session, clerk, case.id, ConsultationKind.DEPARTMENT, "县财政局", "", date(2024, 3, 11),
                     today=date(2024, 3, 14))
    # Unanswered: the pause runs to the end of the department's 5 working days, Mon 3/18 (3/12–15, 3/18
    # = 5 days), never further: the 25th working day after 3/4 is 4/1 (20), 4/2, 4/3, Sun 4/7, 4/8,
    # Tue 4/9 (25).
    assert case.due_on == date(2024, 4, 9)
    # Later days do not move it: an unanswered consultation does not keep the case current forever.
    recompute_open_cases(session, workdays.load_calendar(session), today=date(2024, 6, 28))
    assert case.due_on == date(2024, 4, 9)


def test_extension_adds_twenty_working_days_across_national_day(
    session: Session, people: tuple[Actor, Actor]
) -> None:
    clerk, leader = people
    case = new_case(session, clerk, date(2024, 8, 26))
    # Mon 8/26: 8/27–30 (4), 9/2–6 (9), 9/9–13 (14), Sat 9/14 (15), [9/15–17 off], 9/18–20 (18),
    # 9/23–24 (20) → Tue 2024-09-24.
    assert case.due_on == date(2024, 9, 24)
    extend_deadline(session, clerk, case.id, date(2024, 9, 20), "需调取多个部门档案", leader, "同意延期",
                    today=date(2024, 9, 20), seen_hash=seen_extension(session, case.id, "需调取多个部门档案"))
    # Then 9/25–27 (3), Sun 9/29 (4), 9/30 (5), [10/1–7 off], 10/8–11 (9), Sat 10/12 (10),
    # 10/14–18 (15), 10/21–25 (20) → Fri 2024-10-25.
    assert case.due_on == date(2024, 10, 25)


@pytest.mark.parametrize(("pauses", "expected"), [(True, date(2024, 4, 8)), (False, date(2024, 4, 1))])
def test_fee_period_pauses_by_setting(session: Session, clerk: Actor, pauses: bool, expected: date) -> None:
    set_setting(session, Actor.system(), "cases.fee_pauses_clock", pauses)
    case = new_case(session, clerk)
    record_fee_notice(session, clerk, case.id, date(2024, 3, 11), "per_page", 40, today=date(2024, 3, 11))
    record_fee_paid(session, clerk, case.id, date(2024, 3, 15), today=date(2024, 3, 15))
    assert case.due_on == expected  # paused 3/12–15 (4 working days) or not at all


def test_year_end_into_an_unknown_year_is_unconfirmed_until_the_calendar_is_entered(
    session: Session, clerk: Actor
) -> None:
    workdays.register_recomputer("cases", lambda s, cal: recompute_open_cases(s, cal))
    case = new_case(session, clerk, date(2026, 12, 10))
    # Thu 2026-12-10: 12/11 (1), 12/14–18 (6), 12/21–25 (11), 12/28–31 (15); 2027 is unknown, so
    # weekends only: Fri 1/1 (16), 1/4–7 (20) → Thu 2027-01-07, flagged.
    assert case.due_on == date(2027, 1, 7)
    assert case.due_unconfirmed is True
    # Wed 2026-12-09: 12/10–11 (2), 12/14–18 (7), 12/21–25 (12), 12/28–31 (16), 1/1 (17), 1/4–6 (20).
    closed = new_case(session, clerk, date(2026, 12, 9))
    assert closed.due_on == date(2027, 1, 6)
    closed.status = CaseStatus.CLOSED.value  # a closed case keeps its stored deadline
    session.flush()
    counts = workdays.set_year_arrangement(
        session, Actor.system(), 2027, days_off=[date(2027, 1, 1)], makeup_days=[], source="国办发明电〔2026〕",
    )
    assert counts["cases"] >= 1
    refreshed = get_case(session, case.id)
    # With New Year's Day off: 1/4 (16) … 1/8 (20) → Fri 2027-01-08, confirmed.
    assert refreshed.due_on == date(2027, 1, 8)
    assert refreshed.due_unconfirmed is False
    # Only open cases are recomputed; the closed one would now be 1/7 but keeps what it had.
    assert (closed.due_on, closed.due_unconfirmed) == (date(2027, 1, 6), True)
