"""Handling a request case (RULES.md C.4–C.8): 补正, consultations, extension, fees.

Every function takes the caller's Session (never commits) and the acting user, refuses wrong
roles and closed cases, audits the change and refreshes the stored due date. The helpers at the
top are shared with intake.py and reply.py so every change follows the same path.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from app.audit.service import changed_fields, record, snapshot
from app.auth.roles import Role
from app.availability import Refusal
from app.cases.deadlines import correction_notice_latest
from app.cases.docnos import issue_doc_no
from app.cases.enums import CaseStatus, ConsultationKind
from app.cases.models import Consultation, RequestCase
from app.cases.outcomes import ReplyType
from app.cases.queries import get_case
from app.cases.recompute import case_deadline, party_due, refresh_due
from app.cases.validation import cn_date, require_not_before, require_not_future
from app.context import Actor
from app.db.base import utcnow
from app.db.lookup import get_or_not_found
from app.errors import ConflictError, PermissionDenied, ValidationError
from app.settings import get_setting
from app.signoff.content import require_seen
from app.signoff.service import Decision, record_signoff
from app.text_check import check_text
from app.workdays.service import load_calendar

CASE_WORK_ROLES = (Role.DISCLOSURE_STAFF, Role.ADMIN)
AUDIT_TYPE = "request_case"
SIGNOFF_SUBJECT = "request_case"
STEP_EXTENSION = "extension"
_AUDIT_EXCLUDE = ("search_text", "updated_at")
WORKING = frozenset({CaseStatus.REGISTERED, CaseStatus.IN_PROGRESS})

OPINIONS = {"agree": "同意公开", "object": "不同意公开", "none": "逾期未答复"}
DECISIONS = {"disclose": "予以公开", "withhold": "不予公开"}


# --- shared by intake.py and reply.py -----------------------------------------------------------
def case_view(case: RequestCase) -> dict[str, Any]:
    return snapshot(case, exclude=_AUDIT_EXCLUDE)


def editable_refusal(case: RequestCase) -> Refusal | None:
    status = CaseStatus(case.status)
    if status is CaseStatus.ARCHIVED:
        return Refusal(f"申请件“{case.case_no}”已归档，不能再修改。", field="status")
    if status is CaseStatus.CLOSED:
        return Refusal(
            f"申请件“{case.case_no}”已办结，内容只读。如需更正，请先“重新打开”（将记入审计记录）。", field="status"
        )
    return None


def status_refusal(case: RequestCase, allowed: Iterable[CaseStatus], action: str) -> Refusal | None:
    status = CaseStatus(case.status)
    if status not in set(allowed):
        return Refusal(f"申请件当前状态为“{status.label}”，不能{action}。", field="status")
    return None


def ensure_editable(case: RequestCase) -> None:
    if refusal := editable_refusal(case):
        raise refusal.error()


def ensure_status(case: RequestCase, allowed: Iterable[CaseStatus], action: str) -> None:
    if refusal := status_refusal(case, allowed, action):
        raise refusal.error()


def case_for_change(
    session: Session, actor: Actor, case_id: int, allowed: Iterable[CaseStatus] | None = None, action: str = ""
) -> tuple[RequestCase, dict[str, Any]]:
    """Check role and state, load the case and take the audit 'before' snapshot."""
    actor.require(*CASE_WORK_ROLES)
    case = get_case(session, case_id, lock=True)
    ensure_editable(case)
    if allowed is not None:
        ensure_status(case, allowed, action)
    return case, case_view(case)


def flush_case(session: Session) -> None:
    try:
        session.flush()
    except StaleDataError as exc:  # the version column saw someone else's save in between
        raise ConflictError("该申请件刚刚已被其他人修改，请刷新后重试。") from exc


def fee_pauses_clock(session: Session) -> bool:
    return bool(get_setting(session, "cases.fee_pauses_clock"))


def save_change(
    session: Session, actor: Actor, case: RequestCase, before: dict[str, Any], action: str, summary: str,
    today: date | None, extra: dict[str, Any] | None = None, *, audit_unchanged: bool = True,
) -> None:
    """Refresh the due date, flush, and audit exactly the fields that changed. With
    `audit_unchanged=False` a save that changed nothing writes nothing: no UPDATE, so no version
    bump, and no audit entry claiming a change (a case's version then always equals 1 + its
    "update" entries, the invariant tests/reliability/test_rel_crash.py checks after each kill)."""
    refresh_due(case, load_calendar(session), today or date.today(), fee_pauses_clock(session))
    flush_case(session)
    diff = changed_fields(before, case_view(case))
    if not diff and not extra and not audit_unchanged:
        return
    after = {k: new for k, (_, new) in diff.items()}
    after.update(extra or {})
    record(session, actor, action, AUDIT_TYPE, case.id, before={k: old for k, (old, _) in diff.items()},
           after=after, summary=f"{case.case_no}：{summary}")


def close_case(session: Session, actor: Actor, case: RequestCase, before: dict[str, Any], summary: str,
               today: date | None, extra: dict[str, Any] | None = None) -> RequestCase:
    """The case is closed and read-only from now on; audited as "close"."""
    case.status = CaseStatus.CLOSED.value
    case.closed_at = utcnow()
    save_change(session, actor, case, before, "close", summary, today, extra)
    return case


def close_without_reply(session: Session, actor: Actor, case: RequestCase, before: dict[str, Any],
                        reply: ReplyType, closed_on: date, summary: str, today: date | None,
                        extra: dict[str, Any] | None = None) -> RequestCase:
    """Closed with `reply`'s fixed outcome (其他处理); the closing day stands in for the reply date so
    the annual report counts the result in that year."""
    case.reply_type, case.outcome, case.outcome_detail = reply.value, reply.outcome.value, reply.fixed_detail
    case.replied_on = closed_on
    return close_case(session, actor, case, before, summary, today, extra)


def clock_start(case: RequestCase) -> date:
    return case.correction_received_on or case.received_on


def clock_start_label(case: RequestCase) -> str:
    return "补正材料收到日期" if case.correction_received_on else "收到申请日期"


# Entry limits of the typed text of the handling events (app.text_check): what a notice or the
# case file prints, with room for a long list of 补正 items or a party's written opinion.
TEXT_LIMIT = 2000
REASON_LIMIT = 1000


def required_text(value: str, field: str, message: str) -> str:
    text = value.strip()
    if not text:
        raise ValidationError(message, field=field)
    return text


def _event_date(value: date, today: date | None, field: str, label: str) -> date:
    require_not_future(value, today or date.today(), field, label)
    return value


# --- the events ---------------------------------------------------------------------------
def start_handling(session: Session, actor: Actor, case_id: int, *, today: date | None = None) -> RequestCase:
    case, before = case_for_change(session, actor, case_id, {CaseStatus.REGISTERED}, "开始办理")
    case.status = CaseStatus.IN_PROGRESS.value
    if case.handler_id is None:
        case.handler_id = actor.user_id
    save_change(session, actor, case, before, "start_handling", "开始办理", today)
    return case


def correction_min_due(session: Session, notice_on: date) -> tuple[int, date]:
    """The office's minimum correction period (a setting) and the earliest lawful 补正期限."""
    days = int(get_setting(session, "cases.correction_min_days"))
    return days, load_calendar(session).add_workdays(notice_on, days)


def send_correction_notice(
    session: Session, actor: Actor, case_id: int, notice_on: date, items: str | Sequence[str], due_on: date,
    *, late_reason: str = "", today: date | None = None,
) -> list[str]:
    """补正告知 (条例第三十条): once, listing every item, with a reasonable deadline (at least the
    office's minimum); a notice later than 7 working days after receipt needs a recorded reason.
    Returns warnings."""
    case, before = case_for_change(session, actor, case_id, action="发出补正告知")
    if case.correction_notice_on is not None:
        raise ValidationError(
            f"补正应一次性告知（条例第三十条），本件已于{cn_date(case.correction_notice_on)}发出补正告知。",
            field="notice_on",
        )
    ensure_status(case, WORKING, "发出补正告知")
    lines = [items] if isinstance(items, str) else [f"{i}. {t.strip()}" for i, t in enumerate(items, 1) if t.strip()]
    text = required_text("\n".join(lines), "items", "请逐项列明需要申请人补正的事项。")
    check_text(text, "补正事项", "items", limit=TEXT_LIMIT, multiline=True)
    check_text(late_reason.strip(), "逾期告知理由", "late_reason", limit=REASON_LIMIT, multiline=True)
    _event_date(notice_on, today, "notice_on", "补正告知日期")
    require_not_before(notice_on, case.received_on, "notice_on", "补正告知日期", "收到申请日期")
    min_days, earliest = correction_min_due(session, notice_on)
    if due_on < earliest:
        raise ValidationError(
            f"补正期限（{cn_date(due_on)}）过短：本机关规定补正期限至少为告知之日起 {min_days} 个工作日，"
            f"即不早于{cn_date(earliest)}。请给申请人合理的补正时间。",
            field="due_on",
        )
    warnings = []
    reason = late_reason.strip()
    latest = correction_notice_latest(load_calendar(session), case.received_on)
    if notice_on > latest:
        if not reason:
            raise ValidationError(
                f"补正告知日期晚于收到申请之日起 7 个工作日（最迟应为{cn_date(latest)}，条例第三十条），"
                "请在“逾期告知理由”中写明未能按时告知的原因。",
                field="late_reason",
            )
        warnings.append(
            f"补正告知日期晚于收到申请之日起 7 个工作日（最迟应为{cn_date(latest)}），已记录理由：{reason}"
        )
    else:
        reason = ""
    case.correction_notice_on, case.correction_items, case.correction_due_on = notice_on, text, due_on
    case.correction_late_reason = reason
    case.correction_doc_no = issue_doc_no(session, "notice", notice_on.year)
    case.status = CaseStatus.AWAITING_CORRECTION.value
    save_change(session, actor, case, before, "correction_notice", "发出补正告知", today)
    return warnings


def record_correction_received(
    session: Session, actor: Actor, case_id: int, received_on: date, *, today: date | None = None
) -> RequestCase:
    """The supplement arrived: the 20-working-day clock starts again from this day (条例第三十条)."""
    case, before = case_for_change(session, actor, case_id, {CaseStatus.AWAITING_CORRECTION}, "登记补正材料")
    _event_date(received_on, today, "received_on", "补正材料收到日期")
    require_not_before(received_on, case.correction_notice_on, "received_on", "补正材料收到日期", "补正告知日期")
    case.correction_received_on = received_on
    case.status = CaseStatus.IN_PROGRESS.value
    save_change(session, actor, case, before, "correction_received", "收到补正材料，答复期限重新起算", today)
    return case


def close_for_no_correction(
    session: Session, actor: Actor, case_id: int, closed_on: date, *, today: date | None = None
) -> RequestCase:
    """No supplement in time: treated as abandoned (其他处理 / 逾期不补正). The closing day stands in
    for the reply date so the annual report counts the result in that year."""
    case, before = case_for_change(session, actor, case_id, {CaseStatus.AWAITING_CORRECTION}, "按逾期不补正办结")
    _event_date(closed_on, today, "closed_on", "办结日期")
    if case.correction_due_on is not None and closed_on <= case.correction_due_on:
        raise ValidationError(
            f"补正期限（{cn_date(case.correction_due_on)}）尚未届满，不能按逾期不补正办结。", field="closed_on"
        )
    return close_without_reply(session, actor, case, before, ReplyType.NO_CORRECTION, closed_on,
                               "申请人逾期不补正，不再处理", today)


def add_consultation(
    session: Session, actor: Actor, case_id: int, kind: ConsultationKind, party: str, matter: str, sent_on: date,
    *, delivered_on: date | None = None, today: date | None = None,
) -> Consultation:
    """Ask another department (5 working days from sending), a third party or a co-producing
    agency (15 working days from the day it received the letter; from sending until that is known).
    A consultation sent after the due date is recorded but does not move the due date."""
    kind = ConsultationKind(kind)
    case, before = case_for_change(session, actor, case_id, WORKING, f"发起{kind.label}")
    name = required_text(party, "party", "请填写征求意见的对象（部门、单位或第三方名称）。")
    check_text(name, "征求意见对象", "party", limit=200)
    check_text(matter.strip(), "征求意见事项", "matter", limit=TEXT_LIMIT, multiline=True)
    _event_date(sent_on, today, "sent_on", "征求意见发出日期")
    require_not_before(sent_on, clock_start(case), "sent_on", "征求意见发出日期", clock_start_label(case))
    if delivered_on is not None:
        _check_delivery(delivered_on, sent_on, today)
    due = party_due(load_calendar(session), kind.value, sent_on, delivered_on)
    consultation = Consultation(kind=kind.value, party=name, matter=matter.strip(), sent_on=sent_on, due_on=due,
                                delivered_on=delivered_on, doc_no=issue_doc_no(session, "notice", sent_on.year))
    if kind is not ConsultationKind.DEPARTMENT:
        # The applicant is told in writing at the same time (county text 五(三)): that notice is
        # issued now too, so its number follows the consultation letter's.
        consultation.applicant_notice_doc_no = issue_doc_no(session, "notice", sent_on.year)
    case.consultations.append(consultation)
    case.status = CaseStatus.IN_PROGRESS.value
    flush_case(session)
    summary = f"{kind.label}：{name}，{kind.answer_days} 个工作日内答复"
    save_change(session, actor, case, before, "consultation", summary, today,
                extra={"consultation": snapshot(consultation)})
    return consultation


def _check_delivery(delivered_on: date, sent_on: date, today: date | None) -> None:
    _event_date(delivered_on, today, "delivered_on", "征求意见送达日期")
    require_not_before(delivered_on, sent_on, "delivered_on", "征求意见送达日期", "发出日期")


def record_consultation_delivery(
    session: Session, actor: Actor, consultation_id: int, delivered_on: date, *, today: date | None = None
) -> Consultation:
    """The day the consulted party received the letter (EMS signed date): its period, and so the
    pause of the reply deadline, is counted from this day (RULES.md C.7)."""
    actor.require(*CASE_WORK_ROLES)
    consultation = get_or_not_found(session, Consultation, consultation_id,
                                    "该征求意见记录不存在，可能已被删除。请刷新后重试。")
    case, before = case_for_change(session, actor, consultation.case_id, action="登记征求意见送达日期")
    kind = ConsultationKind(consultation.kind)
    if kind is ConsultationKind.DEPARTMENT:
        raise ValidationError("部门协商的 5 个工作日自发出之日起计算，无需登记送达日期。", field="delivered_on")
    _check_delivery(delivered_on, consultation.sent_on, today)
    c_before = snapshot(consultation)
    consultation.delivered_on = delivered_on
    consultation.due_on = party_due(load_calendar(session), kind.value, consultation.sent_on, delivered_on)
    flush_case(session)
    c_diff = changed_fields(c_before, snapshot(consultation))
    save_change(session, actor, case, before, "consultation_delivery",
                f"{kind.label}（{consultation.party}）：{cn_date(delivered_on)}送达，"
                f"对方应于{cn_date(consultation.due_on)}前答复", today,
                extra={"consultation": {"id": consultation.id, **{k: v for k, (_, v) in c_diff.items()}}})
    return consultation


def third_party_rule_note() -> str:
    return (
        "第三方逾期未提出意见的处理，县制度与《条例》表述不同：县《依申请公开工作制度》第五条第（三）项规定"
        "“第三方逾期不答复视为同意公开”；《条例》第三十二条规定第三方逾期未提出意见的，由行政机关依照条例"
        "规定决定是否公开。本系统分别记录第三方意见和本机关的决定。第三方不同意公开且有合理理由的，不予公开；"
        "但行政机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的内容和理由书面告知第三方。"
    )


def answer_consultation(
    session: Session, actor: Actor, consultation_id: int, answered_on: date, opinion: str, opinion_text: str,
    decision: str, decision_reason: str, *, today: date | None = None,
) -> Consultation:
    """Record the answer (or the silence) and, for third parties, the office's own decision."""
    actor.require(*CASE_WORK_ROLES)
    consultation = get_or_not_found(session, Consultation, consultation_id,
                                    "该征求意见记录不存在，可能已被删除。请刷新后重试。")
    case, before = case_for_change(session, actor, consultation.case_id, action="登记征求意见结果")
    c_before = snapshot(consultation)
    kind = ConsultationKind(consultation.kind)
    if opinion not in OPINIONS:
        raise ValidationError("请选择对方意见：同意公开、不同意公开或逾期未答复。", field="opinion")
    if decision and decision not in DECISIONS:
        raise ValidationError("请选择本机关的决定：予以公开或不予公开。", field="decision")
    _event_date(answered_on, today, "answered_on", "征求意见收回日期")
    require_not_before(answered_on, consultation.sent_on, "answered_on", "征求意见收回日期", "发出日期")
    if opinion == "none" and answered_on <= consultation.due_on:
        raise ValidationError(
            f"答复期限（{cn_date(consultation.due_on)}）尚未届满，还不能登记为逾期未答复。", field="answered_on"
        )
    check_text(opinion_text.strip(), "对方意见", "opinion_text", limit=TEXT_LIMIT, multiline=True)
    check_text(decision_reason.strip(), "决定理由", "decision_reason", limit=REASON_LIMIT, multiline=True)
    if opinion == "object" and not opinion_text.strip():
        raise ValidationError("对方不同意公开的，请记录其理由。", field="opinion_text")
    if kind is not ConsultationKind.DEPARTMENT:
        if not decision:
            raise ValidationError("请记录本机关是否公开的决定（条例第三十二条由行政机关决定）。", field="decision")
        # Departing from what the party said (disclosing over an objection for the public interest,
        # or withholding despite consent/silence) has to be reasoned in the file.
        departs = (opinion == "object") == (decision == "disclose")
        if departs and not decision_reason.strip():
            raise ValidationError("本机关的决定与对方意见不一致，请写明理由。", field="decision_reason")
    consultation.answered_on, consultation.opinion = answered_on, opinion
    consultation.opinion_text, consultation.decision = opinion_text.strip(), decision
    consultation.decision_reason = decision_reason.strip()
    if (kind is ConsultationKind.THIRD_PARTY and opinion == "object" and decision == "disclose"
            and not consultation.disclosure_notice_doc_no):
        # 条例第三十二条: disclosing over the objection is told to the third party in writing; the
        # notice is issued with the decision.
        consultation.disclosure_notice_doc_no = issue_doc_no(session, "notice", answered_on.year)
    flush_case(session)
    c_diff = changed_fields(c_before, snapshot(consultation))
    save_change(session, actor, case, before, "consultation_answer",
                f"{kind.label}（{consultation.party}）：{OPINIONS[opinion]}", today,
                extra={"consultation": {"id": consultation.id, **{k: v for k, (_, v) in c_diff.items()}}})
    return consultation


def extension_signoff_content(case: RequestCase, reason: str) -> dict[str, str]:
    """What the approver of an extension is shown (label → text); its content_hash is what he signs."""
    return {
        "案件": case.case_no, "申请人": case.applicant_name,
        "当前答复期限": cn_date(case.due_on) if case.due_on else "—", "延期理由": reason.strip(),
    }


def extend_deadline(
    session: Session, actor: Actor, case_id: int, notified_on: date, reason: str, approver: Actor, opinion: str,
    *, seen_hash: str, today: date | None = None,
) -> RequestCase:
    """延期答复 (条例第三十三条): once, before the current due date, approved by the head of the
    disclosure office (the role is a setting) who is not the clerk; adds 20 working days.
    `seen_hash` is the content_hash of extension_signoff_content the approver was shown."""
    allowed = WORKING | {CaseStatus.AWAITING_APPROVAL}
    case, before = case_for_change(session, actor, case_id, allowed, "延期答复")
    signed_hash = require_seen(seen_hash, extension_signoff_content(case, reason))
    if case.replied_on is not None:
        raise ValidationError("本件已答复，不能再延期。", field="notified_on")
    if case.extension_notified_on is not None:
        raise ValidationError(
            f"延期答复只能一次（条例第三十三条），本件已于{cn_date(case.extension_notified_on)}延期。",
            field="notified_on",
        )
    if case.excessive_due_on is not None:
        raise ValidationError(
            f"本件已依条例第三十五条确定延迟答复的合理期限（{cn_date(case.excessive_due_on)}），不能再延期。",
            field="notified_on")
    text = required_text(reason, "reason", "请写明延期答复的理由。")
    check_text(text, "延期理由", "reason", limit=REASON_LIMIT, multiline=True)
    _event_date(notified_on, today, "notified_on", "延期告知日期")
    require_not_before(notified_on, clock_start(case), "notified_on", "延期告知日期", clock_start_label(case))
    calendar = load_calendar(session)
    due = case_deadline(case, calendar, today or date.today(), fee_pauses_clock(session)).due
    if due is not None and notified_on > due:
        raise ValidationError(
            f"延期须在答复期限（{cn_date(due)}）届满前告知申请人，期限已过，不能再延期。", field="notified_on"
        )
    role = Role(get_setting(session, "cases.extension_approver_role"))
    if approver.user_id is not None and approver.user_id == actor.user_id:
        raise PermissionDenied(f"延期答复须经{role.label}同意，经办人不能自己审批，请由另一位{role.label}签批。")
    record_signoff(
        session, approver, subject_type=SIGNOFF_SUBJECT, subject_id=case.id, step=STEP_EXTENSION,
        decision=Decision.APPROVE, opinion=opinion, roles=[role],
        exclude_user_ids=[actor.user_id] if actor.user_id is not None else [], content_hash=signed_hash,
        summary=f"{approver.display_name}同意{case.case_no}延期答复",
    )
    case.extension_notified_on, case.extension_reason = notified_on, text
    case.extension_doc_no = issue_doc_no(session, "notice", notified_on.year)
    save_change(session, actor, case, before, "extension", f"延期答复 20 个工作日（{approver.display_name}同意）",
                today, extra={"approver": approver.display_name})
    return case


def record_fee_notice(
    session: Session, actor: Actor, case_id: int, notice_on: date, method: str, count: int,
    *, today: date | None = None,
) -> RequestCase:
    """收费通知 (国办函〔2020〕109号): the amount is computed, never typed — by request count (the
    applicant's earlier requests that natural month are counted from the file) or by the pages of
    this request; method, units, earlier requests and the band-by-band working are stored. Refused
    when the request is within the free thresholds. Whether it pauses the clock is a setting."""
    from app.cases.fees import FeeMethod, earlier_requests_in_month, fee_working

    case, before = case_for_change(session, actor, case_id, WORKING, "发出收费通知")
    if case.fee_notice_on is not None:
        raise ValidationError(f"本件已于{cn_date(case.fee_notice_on)}发出收费通知。", field="notice_on")
    try:
        chosen = FeeMethod(method)
    except ValueError:
        raise ValidationError("请选择计费方式：按件计收或按量计收。", field="method") from None
    earlier = earlier_requests_in_month(session, case.id) if chosen is FeeMethod.PER_REQUEST else 0
    value, working = fee_working(chosen, int(count), earlier)
    if value <= 0:
        raise ValidationError(working + "，未超过免费标准，依照国办函〔2020〕109号不能收费。", field="count")
    _event_date(notice_on, today, "notice_on", "收费通知日期")
    require_not_before(notice_on, clock_start(case), "notice_on", "收费通知日期", clock_start_label(case))
    case.fee_notice_on, case.fee_amount = notice_on, value.quantize(Decimal("0.01"))
    case.fee_method, case.fee_units = chosen.value, int(count)
    case.fee_earlier = earlier if chosen is FeeMethod.PER_REQUEST else None
    case.fee_working = working
    # The 收费通知书 is a notice: its number is drawn now, when it is sent (issue 11).
    case.fee_doc_no = issue_doc_no(session, "notice", notice_on.year)
    case.status = CaseStatus.IN_PROGRESS.value
    save_change(session, actor, case, before, "fee_notice", f"发出收费通知：{working}", today)
    return case


def record_fee_paid(
    session: Session, actor: Actor, case_id: int, paid_on: date, *, today: date | None = None
) -> RequestCase:
    case, before = case_for_change(session, actor, case_id, action="登记缴费")
    if case.fee_notice_on is None:
        raise ValidationError("本件没有收费通知，无需登记缴费。", field="paid_on")
    if case.fee_paid_on is not None:
        raise ValidationError(f"本件已于{cn_date(case.fee_paid_on)}登记缴费。", field="paid_on")
    _event_date(paid_on, today, "paid_on", "缴费日期")
    require_not_before(paid_on, case.fee_notice_on, "paid_on", "缴费日期", "收费通知日期")
    case.fee_paid_on = paid_on
    save_change(session, actor, case, before, "fee_paid", "申请人已缴费", today)
    return case
