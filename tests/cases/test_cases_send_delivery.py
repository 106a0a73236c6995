"""发送答复 (RULES.md C.10, C.13): by post the EMS / 挂号 number or the reason there is none; sent
“其他”, how; the read-only check the GUI runs before asking gives the same refusals, role first."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.audit.models import AuditEntry
from app.cases.archive import check_archive
from app.cases.delivery_rules import delivery_facts
from app.cases.enums import CaseStatus, DeliveryMethod
from app.cases.models import RequestCase
from app.cases.reply import STEP_LEADER, STEP_PRINCIPAL, approve_reply, check_send_reply, send_reply
from app.context import Actor
from app.errors import PermissionDenied, ValidationError
from app.signoff.service import Decision
from tests.cases.test_cases_reply import TODAY, drafted, people  # noqa: F401  (fixture)
from tests.seen_hashes import seen_reply

SENT = date(2024, 3, 25)


def _approved(session: Session, people: dict[str, Actor]) -> RequestCase:  # noqa: F811
    case = drafted(session, people["clerk"])
    approve_reply(session, people["leader"], case.id, STEP_LEADER, Decision.APPROVE, "同意",
                  seen_hash=seen_reply(session, case.id))
    approve_reply(session, people["boss"], case.id, STEP_PRINCIPAL, Decision.APPROVE, "同意",
                  seen_hash=seen_reply(session, case.id))
    return case


@pytest.mark.parametrize(("typed", "stored"), [
    ("EA123456789CN", "EA123456789CN"), ("ea 1234 5678 9cn", "EA123456789CN"),  # spaces, lower case
    ("RR123456789CN", "RR123456789CN"),  # 挂号信
    ("1100123456789", "1100123456789"),  # 国内 EMS, 13 digits
])
def test_post_numbers_in_china_posts_shapes(typed: str, stored: str) -> None:
    assert delivery_facts(DeliveryMethod.POST, typed, "") == (stored, "")


@pytest.mark.parametrize("typed", ["13812345678", "EMS1", "EA12345678CN", "110012345678"])
def test_other_shapes_refused(typed: str) -> None:
    with pytest.raises(ValidationError, match="格式不对") as err:
        delivery_facts(DeliveryMethod.POST, typed, "")
    assert err.value.field == "tracking_no"


def test_post_without_number_needs_a_reason() -> None:
    with pytest.raises(ValidationError, match=r"邮件号.*送达说明"):
        delivery_facts(DeliveryMethod.POST, "", "  ")
    assert delivery_facts(DeliveryMethod.POST, "", "申请人要求平信寄送") == ("", "申请人要求平信寄送")


def test_other_way_needs_how_and_no_mail_number() -> None:
    with pytest.raises(ValidationError, match=r"其他.*送达说明"):
        delivery_facts(DeliveryMethod.OTHER, "", "")
    how = "委托三江镇政府转交，申请人签收"
    assert delivery_facts(DeliveryMethod.OTHER, "", how) == ("", how)
    with pytest.raises(ValidationError, match="不应填写邮件号"):
        delivery_facts(DeliveryMethod.EMAIL, "EA123456789CN", "")
    assert delivery_facts(DeliveryMethod.EMAIL, "", "") == ("", "")


def test_send_by_post_refused_without_number_then_records_reason(
    session: Session, people: dict[str, Actor],  # noqa: F811
) -> None:
    case = _approved(session, people)
    clerk = people["clerk"]
    with pytest.raises(ValidationError, match="EMS 或挂号信的邮件号"):
        send_reply(session, clerk, case.id, SENT, DeliveryMethod.POST, "", today=TODAY)
    assert case.replied_on is None and case.reply_doc_no  # nothing sent; the approval's number stays
    send_reply(session, clerk, case.id, SENT, DeliveryMethod.POST, "", delivery_note="申请人要求以平信寄送",
               today=TODAY)
    assert case.reply_delivery_note == "申请人要求以平信寄送" and case.tracking_no == ""
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "reply_sent")).one()
    assert "申请人要求以平信寄送" in entry.after_json


def test_check_send_gives_the_same_refusals_and_changes_nothing(
    session: Session, people: dict[str, Actor],  # noqa: F811
) -> None:
    case = _approved(session, people)
    before = session.scalar(select(func.count(AuditEntry.id)))
    with pytest.raises(PermissionDenied):  # the role first, whatever else is wrong
        check_send_reply(session, people["leader"], case.id, SENT, DeliveryMethod.POST, "bad", today=TODAY)
    with pytest.raises(ValidationError, match="格式不对"):
        check_send_reply(session, people["clerk"], case.id, SENT, DeliveryMethod.POST, "bad", today=TODAY)
    check_send_reply(session, people["clerk"], case.id, SENT, DeliveryMethod.POST, "EA123456789CN", today=TODAY)
    assert case.replied_on is None and case.status == CaseStatus.AWAITING_APPROVAL.value
    assert session.scalar(select(func.count(AuditEntry.id))) == before


def test_check_archive_role_first_then_state(session: Session, people: dict[str, Actor]) -> None:  # noqa: F811
    case = drafted(session, people["clerk"])
    with pytest.raises(PermissionDenied):
        check_archive(session, people["leader"], case.id)
    with pytest.raises(ValidationError, match="只有已办结"):
        check_archive(session, people["clerk"], case.id)
