"""Information-processing fees (RULES.md C.8): amounts under both methods of 国办函〔2020〕109号,
the 20-working-day payment period, the direct close when it lapses, its dashboard item and its row
in the annual report."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.annual.compute import part3
from app.annual.layout import part3_rows
from app.audit.models import AuditEntry
from app.auth.roles import Role
from app.cases.enums import ApplicantType, CaseStatus, Channel, DeliveryMethod
from app.cases.fees import (
    FeeMethod,
    close_for_fee_unpaid,
    compute_fee,
    earlier_requests_in_month,
    fee_due_on,
    fee_period_lapsed,
    lapsed_notice_cutoff,
    record_fee_notice_received,
)
from app.cases.handling import record_fee_notice, record_fee_paid, start_handling
from app.cases.intake import CaseForm, register_case
from app.cases.models import RequestCase
from app.cases.outcomes import Outcome, ReplyType
from app.context import Actor
from app.dashboard import Urgency, collect
from app.errors import PermissionDenied, ValidationError
from app.workdays.calendar import WorkCalendar

CAL = WorkCalendar()
TODAY = date(2024, 11, 1)
NOTICE = date(2024, 9, 20)  # a Friday before the National Day holiday
DUE = date(2024, 10, 23)  # hand count below


@pytest.fixture
def clerk(make_user) -> Actor:  # type: ignore[no-untyped-def]
    return make_user("clerk", Role.DISCLOSURE_STAFF, display_name="张经办")


def _register(session: Session, clerk: Actor, name: str = "王小明", on: date = date(2024, 9, 2)) -> RequestCase:
    form = CaseForm(
        applicant_type=ApplicantType.NATURAL, applicant_name=name, phone="13812345678",
        channel=Channel.IN_PERSON, submitted_on=on, content="申请公开2015年至2023年县政府常务会议纪要全文",
        delivery_method=DeliveryMethod.IN_PERSON,
    )
    return register_case(session, clerk, form, TODAY)


def _noticed(session: Session, clerk: Actor, name: str = "王小明") -> RequestCase:
    case = _register(session, clerk, name)
    start_handling(session, clerk, case.id, today=TODAY)
    record_fee_notice(session, clerk, case.id, NOTICE, "per_page", 250, today=TODAY)
    # Handed to the applicant in person the same day: the payment period runs from NOTICE.
    record_fee_notice_received(session, clerk, case.id, NOTICE, today=TODAY)
    return case


# --- amounts, checked by hand at every band edge --------------------------------------------------
@pytest.mark.parametrize(("pages", "yuan"), [
    (0, 0), (30, 0),  # 30 pages and fewer are free
    (31, 10), (100, 700),  # 70 × 10
    (101, 720), (200, 2700),  # 700 + 100 × 20
    (201, 2740), (250, 4700),  # 700 + 2000 + 50 × 40
])
def test_per_page_charges_each_page_at_its_bands_rate(pages: int, yuan: int) -> None:
    assert compute_fee(FeeMethod.PER_PAGE, pages) == Decimal(yuan)


@pytest.mark.parametrize(("count", "yuan"), [
    (10, 0),  # ten a month are free
    (11, 100), (30, 2000),  # 20 × 100
    (31, 2200), (40, 4000),  # 2000 + 10 × 200
    (41, 4300), (50, 7000),  # 4000 + 10 × 300
    (51, 7400),  # 7000 + 400
])
def test_per_request_totals_for_a_month(count: int, yuan: int) -> None:
    assert compute_fee(FeeMethod.PER_REQUEST, count) == Decimal(yuan)


@pytest.mark.parametrize(("earlier", "count", "yuan"), [
    (9, 1, 0),  # the 10th request
    (10, 1, 100),  # the 11th
    (29, 1, 100), (30, 1, 200),  # the 30th and the 31st
    (40, 1, 300),  # the 41st
    (5, 10, 500),  # the 6th to 15th: five free, five at 100
    (28, 4, 600),  # 29th, 30th at 100; 31st, 32nd at 200
])
def test_per_request_after_earlier_requests(earlier: int, count: int, yuan: int) -> None:
    assert compute_fee("per_request", count, earlier=earlier) == Decimal(yuan)


def test_bad_counts_are_refused() -> None:
    with pytest.raises(ValidationError):
        compute_fee(FeeMethod.PER_PAGE, -1)
    with pytest.raises(ValidationError, match="不累计"):
        compute_fee(FeeMethod.PER_PAGE, 40, earlier=3)


# --- the payment period -------------------------------------------------------------------------
def test_payment_period_crosses_national_day() -> None:
    # After Fri 9/20: 9/23–27 (5), Sun 9/29 make-up (6), 9/30 (7), 10/1–7 off, 10/8–11 (11),
    # Sat 10/12 make-up (12), 10/14–18 (17), 10/21, 22, 23 (20).
    assert fee_due_on(CAL, NOTICE) == DUE
    assert not fee_period_lapsed(CAL, NOTICE, None, DUE)
    assert fee_period_lapsed(CAL, NOTICE, None, DUE + timedelta(days=1))
    assert not fee_period_lapsed(CAL, NOTICE, date(2024, 10, 8), TODAY)  # paid
    assert not fee_period_lapsed(CAL, None, None, TODAY)


def test_lapsed_cutoff_agrees_with_the_due_date_all_year() -> None:
    """The dashboard's single SQL cut-off says 'lapsed' exactly when fee_due_on has passed."""
    for offset in range(366):
        today = date(2024, 1, 1) + timedelta(days=offset)
        cutoff = lapsed_notice_cutoff(CAL, today)
        for back in range(20, 60):
            notice = today - timedelta(days=back)
            assert (notice <= cutoff) == (fee_due_on(CAL, notice) < today), (today, notice)


# --- closing for non-payment --------------------------------------------------------------------
def test_close_refused_before_the_deadline_allowed_after(session: Session, clerk: Actor) -> None:
    case = _noticed(session, clerk)
    assert case.fee_amount == Decimal("4700.00")
    with pytest.raises(ValidationError, match="2024年10月23日") as err:
        close_for_fee_unpaid(session, clerk, case.id, DUE, today=TODAY)
    assert err.value.field == "closed_on"
    with pytest.raises(ValidationError, match="不能晚于今天"):
        close_for_fee_unpaid(session, clerk, case.id, TODAY + timedelta(days=1), today=TODAY)
    close_for_fee_unpaid(session, clerk, case.id, date(2024, 10, 24), today=TODAY)
    assert case.status == CaseStatus.CLOSED.value and case.closed_at is not None
    assert case.reply_type == ReplyType.FEE_UNPAID.value
    assert (case.outcome, case.outcome_detail) == (Outcome.OTHER.value, 1)
    assert case.replied_on == date(2024, 10, 24)
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "close")).one()
    assert "逾期未缴纳信息处理费" in entry.summary
    assert json.loads(entry.after_json)["reply_type"] == ReplyType.FEE_UNPAID.value
    with pytest.raises(ValidationError, match="已办结"):
        close_for_fee_unpaid(session, clerk, case.id, date(2024, 10, 25), today=TODAY)


def test_close_refused_after_payment_or_without_a_notice(session: Session, clerk: Actor) -> None:
    paid = _noticed(session, clerk)
    record_fee_paid(session, clerk, paid.id, date(2024, 10, 30), today=TODAY)  # late, but paid
    with pytest.raises(ValidationError, match="已于2024年10月30日缴费"):
        close_for_fee_unpaid(session, clerk, paid.id, TODAY, today=TODAY)
    free = _register(session, clerk, "李四")
    start_handling(session, clerk, free.id, today=TODAY)
    with pytest.raises(ValidationError, match="没有发出收费通知"):
        close_for_fee_unpaid(session, clerk, free.id, TODAY, today=TODAY)


def test_close_needs_the_case_role(session: Session, clerk: Actor) -> None:
    case = _noticed(session, clerk)
    editor = Actor(user_id=99, username="editor", display_name="编辑", roles=frozenset({Role.EDITOR}))
    with pytest.raises(PermissionDenied):
        close_for_fee_unpaid(session, editor, case.id, TODAY, today=TODAY)


def test_annual_report_counts_it_under_other_2(session: Session, clerk: Actor) -> None:
    case = _noticed(session, clerk)
    close_for_fee_unpaid(session, clerk, case.id, date(2024, 10, 24), today=TODAY)
    counts = part3(session, 2024)
    label = next(r.label for r in part3_rows() if r.key == "outcome:other:1")
    assert "逾期未按收费通知要求缴纳费用" in label
    assert counts["outcome:other:1"] == [1, 0, 0, 0, 0, 0, 1]  # 自然人, then the five kinds of organisation
    assert counts["outcome:other:0"][-1] == 0 and counts["total"][-1] == 1 and counts["carried_out"][-1] == 0
    assert part3(session, 2025)["outcome:other:1"][-1] == 0


# --- the dashboard and the 按件 helper -------------------------------------------------------------
def _fee_items(session: Session, today: date) -> list[tuple[Urgency, str, str]]:
    return [(i.urgency, i.title, i.detail) for i in collect(session, Actor.system(), today)
            if i.title.startswith("逾期未缴费")]


def test_dashboard_lists_lapsed_unpaid_notices(session: Session, clerk: Actor) -> None:
    lapsed = _noticed(session, clerk)
    paid = _noticed(session, clerk, "李四")
    record_fee_paid(session, clerk, paid.id, date(2024, 10, 8), today=TODAY)
    closed = _noticed(session, clerk, "赵五")
    close_for_fee_unpaid(session, clerk, closed.id, date(2024, 10, 24), today=TODAY)
    assert _fee_items(session, DUE) == []  # the last day to pay
    items = _fee_items(session, DUE + timedelta(days=1))
    assert [(u, t) for u, t, _ in items] == [(Urgency.WAITING, f"逾期未缴费：{lapsed.case_no}")]
    assert "逾期未缴费，可按其他处理结案（国办函〔2020〕109号）" in items[0][2]
    assert "2024年10月23日" in items[0][2]


def test_earlier_requests_in_the_natural_month(session: Session, clerk: Actor) -> None:
    _register(session, clerk, on=date(2024, 8, 30))  # last month: not counted
    first = _register(session, clerk, on=date(2024, 9, 2))
    _register(session, clerk, "李四", on=date(2024, 9, 2))  # someone else
    second = _register(session, clerk, on=date(2024, 9, 2))  # same day, registered later
    third = _register(session, clerk, on=date(2024, 9, 5))
    assert [earlier_requests_in_month(session, c.id) for c in (first, second, third)] == [0, 1, 2]



def test_a_case_closed_for_an_unpaid_fee_archives_without_a_reply_letter(session: Session, clerk: Actor) -> None:
    from app.cases.archive import missing_items

    case = _noticed(session, clerk)
    close_for_fee_unpaid(session, clerk, case.id, date(2024, 10, 24), today=TODAY)
    assert not any("答复书" in m for m in missing_items(session, case.id))
