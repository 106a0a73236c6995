"""条例第三十五条 (issue 11): asking for reasons, recording them, the decision; a later deadline is the
case's due date; the reply 无正当理由大量反复申请 needs the decision 不予处理 on file.

Dates (2026, RULES.md: no holiday in March; 4/4–6 off): received Mon 2026-03-02 in person; the
20th working day after it is 3/3–6 (4), 3/9–13 (9), 3/16–20 (14), 3/23–27 (19), Mon 3/30 (20).
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.models import AuditEntry
from app.auth.roles import Role
from app.cases.deadlines import due_text
from app.cases.excessive import (
    ExcessiveAction,
    ask_for_reasons,
    decide,
    excessive_actions_for,
    record_reasons,
)
from app.cases.handling import extend_deadline
from app.cases.models import RequestCase
from app.cases.outcomes import ReplyType
from app.cases.recompute import case_deadline
from app.cases.reply import save_reply_draft
from app.cases.reply_facts import availability
from app.cases.reply_text import default_reply_body
from app.context import Actor
from app.errors import PermissionDenied, ValidationError
from app.signoff.service import signoffs_for
from app.workdays.service import load_calendar
from tests.cases._support import case_form, started_case
from tests.seen_hashes import decide_later_seen, seen_extension

RECEIVED = date(2026, 3, 2)
DUE = date(2026, 3, 30)
LATER = date(2026, 4, 30)
FACTS = "申请人自2026年1月以来已提出政府信息公开申请86件，其中2月32件"
BODY = "您申请公开政府信息的数量、频次明显超过合理范围，本机关已要求您说明理由。经审查，理由不合理，本机关不予处理。"


@pytest.fixture
def people(make_people) -> dict[str, Actor]:  # type: ignore[no-untyped-def]
    return make_people("clerk", "leader", "boss",  # type: ignore[no-any-return]
                       both=("both", "钱兼任", (Role.DISCLOSURE_STAFF, Role.LEADER_IN_CHARGE)))


def new_case(session: Session, clerk: Actor) -> RequestCase:
    form = case_form(submitted_on=RECEIVED, content="申请公开2014年以来县政府全部会议纪要")
    return started_case(session, clerk, form, RECEIVED)


def asked(session: Session, clerk: Actor) -> RequestCase:
    case = new_case(session, clerk)
    ask_for_reasons(session, clerk, case.id, date(2026, 3, 4), FACTS, date(2026, 3, 11), today=date(2026, 3, 4))
    return case


def test_asking_and_explaining_do_not_pause_the_clock(session: Session, people: dict[str, Actor]) -> None:
    clerk = people["clerk"]
    case = new_case(session, clerk)
    assert case.due_on == DUE
    ask_for_reasons(session, clerk, case.id, date(2026, 3, 4), FACTS, date(2026, 3, 11), today=date(2026, 3, 4))
    assert case.excessive_ask_doc_no  # numbered when sent, before any letter is printed
    record_reasons(session, clerk, case.id, date(2026, 3, 10), "系课题研究需要", today=date(2026, 3, 10))
    # The 条例 gives the applicant's explaining no pause: still Mon 3/30.
    assert case.due_on == DUE
    actions = [a for (a,) in session.execute(
        select(AuditEntry.action).where(AuditEntry.record_id == str(case.id)).order_by(AuditEntry.id))]
    assert actions[-2:] == ["excessive_ask", "excessive_reasons"]


def test_ask_rules(session: Session, people: dict[str, Actor]) -> None:
    clerk = people["clerk"]
    case = new_case(session, clerk)
    with pytest.raises(ValidationError, match="具体情况") as err:
        ask_for_reasons(session, clerk, case.id, date(2026, 3, 4), " ", date(2026, 3, 11), today=date(2026, 3, 4))
    assert err.value.field == "facts"
    with pytest.raises(ValidationError, match="应晚于发出通知之日"):
        ask_for_reasons(session, clerk, case.id, date(2026, 3, 4), FACTS, date(2026, 3, 4), today=date(2026, 3, 4))
    with pytest.raises(ValidationError, match="不能晚于今天"):
        ask_for_reasons(session, clerk, case.id, date(2026, 3, 5), FACTS, date(2026, 3, 11), today=date(2026, 3, 4))
    ask_for_reasons(session, clerk, case.id, date(2026, 3, 4), FACTS, date(2026, 3, 11), today=date(2026, 3, 4))
    with pytest.raises(ValidationError, match="不能重复要求"):
        ask_for_reasons(session, clerk, case.id, date(2026, 3, 5), FACTS, date(2026, 3, 12), today=date(2026, 3, 5))


def test_wrong_role_is_refused_by_the_service(session: Session, people: dict[str, Actor]) -> None:
    case = new_case(session, people["clerk"])
    with pytest.raises(PermissionDenied):
        ask_for_reasons(session, people["leader"], case.id, date(2026, 3, 4), FACTS, date(2026, 3, 11),
                        today=date(2026, 3, 4))
    ask_for_reasons(session, people["clerk"], case.id, date(2026, 3, 4), FACTS, date(2026, 3, 11),
                    today=date(2026, 3, 4))
    with pytest.raises(PermissionDenied):
        record_reasons(session, people["boss"], case.id, date(2026, 3, 10), "研究", today=date(2026, 3, 10))
    with pytest.raises(PermissionDenied):
        decide(session, people["leader"], case.id, "decline", date(2026, 3, 12), "无正当理由",
               today=date(2026, 3, 12))
    assert case.excessive_reasons_on is None and case.excessive_decision == ""
    refused = excessive_actions_for(case, people["leader"])
    assert not refused.allowed(ExcessiveAction.DECIDE)


def test_later_deadline_replaces_the_due_date_with_approval(session: Session, people: dict[str, Actor]) -> None:
    clerk, leader = people["clerk"], people["leader"]
    case = asked(session, clerk)
    record_reasons(session, clerk, case.id, date(2026, 3, 10), "系课题研究需要", today=date(2026, 3, 10))
    day = date(2026, 3, 12)
    with pytest.raises(ValidationError, match="应晚于现在的答复期限（2026年3月30日）"):
        decide_later_seen(session, clerk, case.id, day, "涉及86件申请，需逐件检索", DUE,
               approver=leader, today=day)
    with pytest.raises(ValidationError, match="无法在规定期限内答复的理由"):
        decide_later_seen(session, clerk, case.id, day, " ", LATER, approver=leader, today=day)
    with pytest.raises(PermissionDenied):  # 分管领导 approves by default (cases.extension_approver_role)
        decide_later_seen(session, clerk, case.id, day, "涉及86件申请", LATER, approver=people["boss"],
               today=day)
    with pytest.raises(PermissionDenied, match="须经"):
        decide_later_seen(session, clerk, case.id, day, "涉及86件申请", LATER, today=day)
    decide_later_seen(session, clerk, case.id, day, "涉及86件申请，需逐件检索", LATER, approver=leader,
           opinion="同意", today=day)
    assert case.due_on == LATER and case.excessive_notice_doc_no
    (sign,) = signoffs_for(session, "request_case", case.id)
    assert (sign.step, sign.signer_name) == ("excessive_due", "李分管")
    result = case_deadline(case, load_calendar(session), day, False)
    assert result.fixed and due_text(result) == "2026年4月30日（依第三十五条确定的合理期限）"
    with pytest.raises(ValidationError, match="不能再改"):
        decide(session, clerk, case.id, "decline", day, "改变主意", today=day)
    with pytest.raises(ValidationError, match="不能再延期"):
        extend_deadline(session, clerk, case.id, day, "材料多", leader, "同意", today=day,
                        seen_hash=seen_extension(session, case.id, "材料多"))
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "excessive_decision")).one()
    assert "答复期限改为2026年4月30日（李分管同意）" in entry.summary and entry.record_id == str(case.id)


def test_the_clerk_cannot_approve_his_own_later_deadline(session: Session, people: dict[str, Actor]) -> None:
    both = people["both"]
    case = asked(session, both)
    record_reasons(session, both, case.id, date(2026, 3, 10), "研究", today=date(2026, 3, 10))
    with pytest.raises(PermissionDenied, match="经办人不能自己审批"):
        decide_later_seen(session, both, case.id, date(2026, 3, 12), "检索量大", LATER, approver=both,
               today=date(2026, 3, 12))
    assert case.due_on == DUE


def test_no_later_deadline_once_the_due_date_passed(session: Session, people: dict[str, Actor]) -> None:
    clerk = people["clerk"]
    case = asked(session, clerk)
    record_reasons(session, clerk, case.id, date(2026, 3, 10), "研究", today=date(2026, 3, 10))
    late = date(2026, 3, 31)  # the day after Mon 3/30
    with pytest.raises(ValidationError, match="已届满"):
        decide_later_seen(session, clerk, case.id, late, "检索量大", LATER, approver=people["leader"],
               today=late)


def test_decline_waits_for_the_reasons_period_and_unlocks_the_reply(
    session: Session, people: dict[str, Actor]
) -> None:
    clerk = people["clerk"]
    case = new_case(session, clerk)
    with pytest.raises(ValidationError, match="没有要求申请人说明理由") as err:
        save_reply_draft(session, clerk, case.id, ReplyType.EXCESSIVE, None, BODY, today=date(2026, 3, 4))
    assert "第三十五条" in str(err.value)
    ask_for_reasons(session, clerk, case.id, date(2026, 3, 4), FACTS, date(2026, 3, 11), today=date(2026, 3, 4))
    with pytest.raises(ValidationError, match="尚未作出“理由不合理，不予处理”的决定"):
        save_reply_draft(session, clerk, case.id, ReplyType.EXCESSIVE, None, BODY, today=date(2026, 3, 11))
    with pytest.raises(ValidationError, match="尚未届满"):  # the applicant has until Wed 3/11
        decide(session, clerk, case.id, "decline", date(2026, 3, 11), "未说明理由", today=date(2026, 3, 11))
    with pytest.raises(ValidationError, match="请先登记申请人说明理由"):
        decide(session, clerk, case.id, "on_time", date(2026, 3, 12), today=date(2026, 3, 12))
    decide(session, clerk, case.id, "decline", date(2026, 3, 12), "申请人在期限内未说明理由", today=date(2026, 3, 12))
    assert case.due_on == DUE  # a decline moves nothing
    assert availability(session, case, date(2026, 3, 12))[ReplyType.EXCESSIVE] is None
    body = default_reply_body(ReplyType.EXCESSIVE, None, case)
    assert (f"本机关于2026年3月4日书面要求您说明理由（{case.excessive_ask_doc_no}），您在期限内未说明理由。"
            "根据《中华人民共和国政府信息公开条例》第三十五条的规定，本机关不予处理。") in body
    save_reply_draft(session, clerk, case.id, ReplyType.EXCESSIVE, None, BODY, today=date(2026, 3, 12))
    assert case.reply_type == ReplyType.EXCESSIVE.value


def test_reasons_found_reasonable_keep_the_excessive_reply_refused(
    session: Session, people: dict[str, Actor]
) -> None:
    clerk = people["clerk"]
    case = asked(session, clerk)
    record_reasons(session, clerk, case.id, date(2026, 3, 10), "系课题研究需要", today=date(2026, 3, 10))
    decide(session, clerk, case.id, "on_time", date(2026, 3, 12), today=date(2026, 3, 12))
    why = availability(session, case, date(2026, 3, 12))[ReplyType.EXCESSIVE]
    assert why is not None and "理由合理，按期答复" in why
    assert case.due_on == DUE
    with pytest.raises(ValidationError, match="已作出第三十五条处理决定"):
        record_reasons(session, clerk, case.id, date(2026, 3, 12), "补充", today=date(2026, 3, 12))
