"""A reconsideration or lawsuit against a failure to reply (逾期不答复) on a case with no reply
(RULES.md D; issue 11). Received Mon 2024-03-04: due Mon 2024-04-01 (20 working days, no holiday)."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.annual.compute import part4
from app.audit.models import AuditEntry
from app.auth.roles import Role
from app.cases.enums import ApplicantType, Channel, DeliveryMethod, LitigationKind, RemedyResult
from app.cases.handling import send_correction_notice, start_handling
from app.cases.intake import CaseForm, register_case
from app.cases.remedies import record_litigation, record_reconsideration
from app.context import Actor
from app.errors import ValidationError

TODAY = date(2024, 6, 28)


@pytest.fixture
def clerk(make_user) -> Actor:  # type: ignore[no-untyped-def]
    return make_user("clerk", Role.DISCLOSURE_STAFF)


def _case(session: Session, clerk: Actor, name: str = "王小明") -> int:
    case = register_case(session, clerk, CaseForm(
        applicant_type=ApplicantType.NATURAL, applicant_name=name, phone="13812345678", channel=Channel.IN_PERSON,
        submitted_on=date(2024, 3, 4), content="申请公开低保资金", delivery_method=DeliveryMethod.IN_PERSON,
    ), date(2024, 3, 4))
    start_handling(session, clerk, case.id, today=date(2024, 3, 4))
    assert case.due_on == date(2024, 4, 1)
    return case.id


def test_a_remedy_against_no_reply_is_recorded_after_the_due_date(session: Session, clerk: Actor) -> None:
    case_id = _case(session, clerk)
    with pytest.raises(ValidationError, match="日期应晚于答复期限"):
        record_reconsideration(session, clerk, case_id, date(2024, 4, 1), RemedyResult.PENDING, today=TODAY)
    record_reconsideration(session, clerk, case_id, date(2024, 4, 2), RemedyResult.CORRECTED, today=TODAY)
    record_litigation(session, clerk, case_id, date(2024, 5, 6), LitigationKind.AFTER_RECONSIDERATION,
                      RemedyResult.PENDING, today=TODAY)
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "remedy")
                            .order_by(AuditEntry.id)).first()
    assert entry is not None and "针对逾期不答复" in entry.summary
    assert json.loads(entry.after_json)["行政复议结果"] == "结果纠正"
    # Part 4: reconsideration 结果纠正 (column 2 of 5) and a lawsuit after review, 尚未审结.
    counts = part4(session, 2024)
    assert counts[:5] == [0, 1, 0, 0, 1]
    assert counts[10:15] == [0, 0, 0, 1, 1]


def test_no_remedy_on_a_case_waiting_for_a_supplement(session: Session, clerk: Actor) -> None:
    case_id = _case(session, clerk, "李四")
    send_correction_notice(session, clerk, case_id, date(2024, 3, 6), "年份", date(2024, 3, 20),
                           today=date(2024, 3, 6))
    with pytest.raises(ValidationError, match="等待补正"):
        record_reconsideration(session, clerk, case_id, date(2024, 6, 1), RemedyResult.PENDING, today=TODAY)
