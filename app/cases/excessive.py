"""条例第三十五条: requests whose number or frequency clearly exceeds a reasonable range.

The office may ask the applicant to explain the reasons (说明理由通知书, numbered when sent). Having
recorded the answer (or its absence), it decides:

- 理由合理，按期办理 (on_time): nothing changes;
- 理由合理，确定延迟答复的合理期限 (later): a date after the 第三十三条 due date, approved by whoever may
  approve an extension (setting cases.extension_approver_role, not the clerk), told to the applicant in
  a 延迟答复告知书 (numbered when sent); that date becomes the case's due date (app.cases.deadlines);
- 理由不合理，不予处理 (decline): the reply type “无正当理由大量反复申请” becomes choosable.

The 条例 gives the time the applicant takes to explain no pause, so the reply clock keeps running; the
decision must therefore come before the due date. Every step refuses a wrong role or a missing fact,
audits, and runs in the caller's transaction.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from sqlalchemy.orm import Session

from app.auth.roles import Role
from app.availability import Availability, Refusal, first, refused_for_roles
from app.cases.docnos import issue_doc_no
from app.cases.enums import CaseStatus
from app.cases.excessive_rules import ARTICLE, ExcessiveDecision
from app.cases.handling import (
    CASE_WORK_ROLES,
    REASON_LIMIT,
    SIGNOFF_SUBJECT,
    TEXT_LIMIT,
    WORKING,
    case_for_change,
    clock_start,
    clock_start_label,
    editable_refusal,
    fee_pauses_clock,
    required_text,
    save_change,
    status_refusal,
)
from app.cases.models import RequestCase
from app.cases.recompute import case_deadline
from app.cases.validation import cn_date, require_not_before, require_not_future
from app.context import Actor
from app.errors import PermissionDenied, ValidationError
from app.settings import get_setting
from app.signoff.content import require_seen
from app.signoff.service import Decision, record_signoff
from app.text_check import check_text
from app.workdays.service import load_calendar

STEP_LATER_DUE = "excessive_due"


class ExcessiveAction(StrEnum):
    ASK = "ask"
    REASONS = "reasons"
    DECIDE = "decide"
    ASK_LETTER = "ask_letter"
    LATER_LETTER = "later_letter"


def _replied(case: RequestCase, action: str) -> Refusal | None:
    if case.replied_on is None:
        return None
    return Refusal(f"本件已于{cn_date(case.replied_on)}答复，不能再{action}。", field="status")


def excessive_actions_for(case: RequestCase, actor: Actor) -> Availability[ExcessiveAction]:
    """Which 第三十五条 steps `actor` may take on `case` now, each refused one with its reason: the
    service refuses with these words and the 办理过程 panel shows them beside its disabled buttons."""
    role = refused_for_roles(actor.lacks(*CASE_WORK_ROLES))
    asked, decided = case.excessive_asked_on, case.excessive_decision

    def step(action: str) -> Refusal | None:
        return first(role, editable_refusal(case), status_refusal(case, WORKING, action), _replied(case, action))

    not_asked = (Refusal("本件没有要求申请人说明理由，请先点“要求说明理由…”。", field="decision")
                 if asked is None else None)
    done = Refusal(f"本件已作出第三十五条处理决定（{ExcessiveDecision(decided).label}），不能再改。",
                   field="decision") if decided else None
    return Availability.of({
        ExcessiveAction.ASK: first(step("要求说明理由"), Refusal(
            f"本件已于{cn_date(asked)}要求申请人说明理由（{ARTICLE}），不能重复要求。", field="asked_on")
            if asked is not None else None),
        ExcessiveAction.REASONS: first(step("登记申请人说明的理由"), not_asked, done, Refusal(
            f"已登记申请人于{cn_date(case.excessive_reasons_on)}说明的理由。", field="received_on")
            if case.excessive_reasons_on is not None else None),
        ExcessiveAction.DECIDE: first(step("作出第三十五条处理决定"), not_asked, done),
        ExcessiveAction.ASK_LETTER: first(role, not_asked),
        ExcessiveAction.LATER_LETTER: first(role, Refusal(
            "本件没有确定延迟答复的合理期限，不能生成延迟答复告知书。", field="kind")
            if case.excessive_due_on is None else None),
    })


def _due_now(session: Session, case: RequestCase, today: date) -> date | None:
    """The due date as it stands, before any 第三十五条 later deadline (the one it must exceed)."""
    saved = case.excessive_due_on
    case.excessive_due_on = None
    try:
        return case_deadline(case, load_calendar(session), today, fee_pauses_clock(session)).due
    finally:
        case.excessive_due_on = saved


def ask_for_reasons(
    session: Session, actor: Actor, case_id: int, asked_on: date, facts: str, reasons_due_on: date,
    *, today: date | None = None,
) -> RequestCase:
    """要求申请人说明理由: once, with what the office found (the number / frequency of requests) and the
    day by which the applicant is asked to answer. The 说明理由通知书's number is drawn now."""
    day = today or date.today()
    case, before = case_for_change(session, actor, case_id, WORKING, "要求说明理由")
    excessive_actions_for(case, actor).require(ExcessiveAction.ASK)
    text = required_text(facts, "facts", "请写明申请数量、频次明显超过合理范围的具体情况（如本年度已提出申请的件数）。")
    check_text(text, "申请数量、频次情况", "facts", limit=TEXT_LIMIT, multiline=True)
    require_not_future(asked_on, day, "asked_on", "要求说明理由日期")
    require_not_before(asked_on, clock_start(case), "asked_on", "要求说明理由日期", clock_start_label(case))
    if reasons_due_on <= asked_on:
        raise ValidationError(
            f"说明理由的期限（{cn_date(reasons_due_on)}）应晚于发出通知之日（{cn_date(asked_on)}），"
            "请给申请人合理的时间。", field="reasons_due_on")
    case.excessive_asked_on, case.excessive_facts, case.excessive_reasons_due_on = asked_on, text, reasons_due_on
    case.excessive_ask_doc_no = issue_doc_no(session, "notice", asked_on.year)
    case.status = CaseStatus.IN_PROGRESS.value
    save_change(session, actor, case, before, "excessive_ask", f"要求申请人说明理由（{ARTICLE}）", today)
    return case


def record_reasons(
    session: Session, actor: Actor, case_id: int, received_on: date, summary: str, *, today: date | None = None
) -> RequestCase:
    """The applicant's reasons arrived: the day and what they say (in short)."""
    day = today or date.today()
    case, before = case_for_change(session, actor, case_id, WORKING, "登记申请人说明的理由")
    excessive_actions_for(case, actor).require(ExcessiveAction.REASONS)
    text = required_text(summary, "summary", "请摘要登记申请人说明的理由。")
    check_text(text, "申请人说明的理由", "summary", limit=TEXT_LIMIT, multiline=True)
    require_not_future(received_on, day, "received_on", "收到理由说明日期")
    require_not_before(received_on, case.excessive_asked_on, "received_on", "收到理由说明日期", "要求说明理由日期")
    case.excessive_reasons_on, case.excessive_reasons = received_on, text
    save_change(session, actor, case, before, "excessive_reasons", "登记申请人说明的理由", today)
    return case


def later_due_signoff_content(case: RequestCase, later_due: date, reason: str) -> dict[str, str]:
    """What the approver of a later deadline is shown (label → text); its hash is what he signs."""
    return {
        "案件": case.case_no, "申请人": case.applicant_name,
        "当前答复期限": cn_date(case.due_on) if case.due_on else "—",
        "申请人说明的理由": case.excessive_reasons.strip(),
        "延迟答复的合理期限": cn_date(later_due), "延迟理由": reason.strip(),
    }


def decide(
    session: Session, actor: Actor, case_id: int, decision: str, decided_on: date, reason: str = "",
    *, later_due: date | None = None, approver: Actor | None = None, opinion: str = "",
    seen_hash: str | None = None, today: date | None = None,
) -> RequestCase:
    """The office's decision on the reasons (once). `later` needs the date, the reason and the
    approver's signature; `decline` needs the reason the office finds the reasons unreasonable."""
    day = today or date.today()
    case, before = case_for_change(session, actor, case_id, WORKING, "作出第三十五条处理决定")
    excessive_actions_for(case, actor).require(ExcessiveAction.DECIDE)
    try:
        chosen = ExcessiveDecision(decision)
    except ValueError:
        raise ValidationError("请选择处理决定：按期答复、确定延迟答复的合理期限或不予处理。",
                              field="decision") from None
    if chosen is not ExcessiveDecision.DECLINE and case.excessive_reasons_on is None:
        raise ValidationError("认为理由合理的，请先登记申请人说明理由的日期和内容。", field="decision")
    require_not_future(decided_on, day, "decided_on", "决定日期")
    require_not_before(decided_on, case.excessive_reasons_on or case.excessive_asked_on, "decided_on", "决定日期",
                       "收到理由说明日期" if case.excessive_reasons_on else "要求说明理由日期")
    text = reason.strip()
    check_text(text, "理由", "reason", limit=REASON_LIMIT, multiline=True)
    due = _due_now(session, case, day)
    if chosen is ExcessiveDecision.DECLINE:
        required_text(text, "reason", "请写明认为申请理由不合理的理由（申请人未说明理由的，写明这一情况）。")
        waited = case.excessive_reasons_due_on
        if case.excessive_reasons_on is None and waited is not None and decided_on <= waited:
            raise ValidationError(
                f"申请人说明理由的期限（{cn_date(waited)}）尚未届满，也没有登记申请人的理由，"
                "不能认定理由不合理。请等期限届满或先登记申请人说明的理由。", field="decided_on")
    elif chosen is ExcessiveDecision.LATER:
        required_text(text, "reason", "请写明无法在规定期限内答复的理由。")
        if later_due is None:
            raise ValidationError("请填写延迟答复的合理期限（日期）。", field="later_due")
        if due is not None and later_due <= due:
            raise ValidationError(
                f"延迟答复的合理期限（{cn_date(later_due)}）应晚于现在的答复期限（{cn_date(due)}）；"
                "能在期限内答复的，请选择“按期答复”。", field="later_due")
        if due is not None and decided_on > due:
            raise ValidationError(
                f"答复期限（{cn_date(due)}）已届满，不能再确定延迟答复的合理期限：说明理由的时间不停止计算答复期限。",
                field="decided_on")
        _sign_later_due(session, actor, case, later_due, text, approver, opinion, seen_hash)
        case.excessive_due_on = later_due
        case.excessive_notice_doc_no = issue_doc_no(session, "notice", decided_on.year)
    case.excessive_decision, case.excessive_decided_on, case.excessive_decision_reason = chosen.value, decided_on, text
    summary, extra = f"{ARTICLE}处理决定：{chosen.label}", None
    if chosen is ExcessiveDecision.LATER and later_due is not None and approver is not None:
        summary += f"，答复期限改为{cn_date(later_due)}（{approver.display_name}同意）"
        extra = {"approver": approver.display_name}
    save_change(session, actor, case, before, "excessive_decision", summary, today, extra=extra)
    return case


def _sign_later_due(
    session: Session, actor: Actor, case: RequestCase, later_due: date, reason: str, approver: Actor | None,
    opinion: str, seen_hash: str | None,
) -> None:
    # A later deadline is a signature: without the hash of what the approver was shown it is refused
    # like every other sign-off (issue 19), so None becomes the empty hash require_seen refuses.
    role = Role(get_setting(session, "cases.extension_approver_role"))
    if approver is None:
        raise PermissionDenied(f"确定延迟答复的合理期限须经{role.label}同意，请由{role.label}签批。")
    if approver.user_id is not None and approver.user_id == actor.user_id:
        raise PermissionDenied(f"确定延迟答复的合理期限须经{role.label}同意，经办人不能自己审批，"
                               f"请由另一位{role.label}签批。")
    signed = require_seen(seen_hash or "", later_due_signoff_content(case, later_due, reason))
    record_signoff(
        session, approver, subject_type=SIGNOFF_SUBJECT, subject_id=case.id, step=STEP_LATER_DUE,
        decision=Decision.APPROVE, opinion=opinion, roles=[role],
        exclude_user_ids=[actor.user_id] if actor.user_id is not None else [], content_hash=signed,
        summary=f"{approver.display_name}同意{case.case_no}延迟答复至{cn_date(later_due)}",
    )
