"""Review and reply (RULES.md C.9–C.11, county text 六): draft → 司法局 written review → 分管领导
and 主要领导 sign-off → send (文号) → delivery (closed, read-only) → explicit, audited reopen."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from app.cases.delivery_rules import delivery_facts
from app.cases.docnos import issue_doc_no
from app.cases.enums import CaseStatus, DeliveryMethod
from app.cases.handling import (
    SIGNOFF_SUBJECT,
    TEXT_LIMIT,
    case_for_change,
    case_view,
    clock_start,
    clock_start_label,
    close_case,
    required_text,
    save_change,
)
from app.cases.models import RequestCase
from app.cases.outcomes import ReplyType
from app.cases.queries import get_case
from app.cases.reply_actions import (
    DRAFTABLE,
    REPLY_STEPS,
    STEP_LABELS,
    STEP_LEADER,
    STEP_PRINCIPAL,
    ReplyAction,
    excluded_signers,
    reply_actions_for,
    reply_approvals,
)
from app.cases.reply_facts import refusal
from app.cases.reply_text import unfilled_markers
from app.cases.validation import cn_date, require_not_before, require_not_future
from app.context import Actor
from app.errors import PermissionDenied, StaleContent, ValidationError
from app.signoff.content import content_hash, require_seen
from app.signoff.models import SignOff
from app.signoff.service import Decision, record_signoff
from app.text_check import check_text

__all__ = [  # the reply's order and steps are stated in app.cases.reply_actions; these names stay importable here
    "REPLY_STEPS", "STEP_LABELS", "STEP_LEADER", "STEP_PRINCIPAL", "reply_approvals",
]

# The reply letter's body (app.text_check): a long 部分公开 reply with its reasons stays well under this.
BODY_LIMIT = 20000


STALE_DRAFT = "答复在您打开后已被他人修改或签批，保存将作废对方的工作。内容已被修改，请重新查看后再保存。"
STALE_JUSTICE = "答复稿在您打开后已被他人修改，司法局审核的是哪一稿无法确定。内容已被修改，请重新查看后再登记。"


def reply_signoff_content(case: RequestCase) -> dict[str, str]:
    """What the leader's sign-off dialog shows, label → text; its content_hash is what he signs."""
    reply = ReplyType(case.reply_type) if case.reply_type else None
    details = reply.outcome.details if reply is not None else ()
    detail = case.outcome_detail
    return {
        "受理编号": case.case_no,
        "申请人": case.applicant_name,
        "答复类型": reply.label if reply is not None else "—",
        "具体情形": details[detail] if detail is not None and 0 <= detail < len(details) else "—",
        "司法局审核意见": case.justice_opinion or "—",
        "答复内容": case.reply_body or "—",
        "审定轮次": f"第 {case.reply_round} 轮",
    }


def reply_state_hash(session: Session, case: RequestCase) -> str:
    """The version of the reply a clerk's form started from: text, review and the leaders'
    signatures. A draft saved over approvals made since the form was opened is refused."""
    signs = ";".join(
        f"{step}:{sign.decision}:{sign.signer_id}" for step, sign in reply_approvals(session, case).items()
        if sign is not None
    )
    return content_hash({**reply_signoff_content(case), "status": case.status,
                         "justice_review_on": case.justice_review_on, "signs": signs})


def _require_state(session: Session, case: RequestCase, seen: str | None, message: str) -> None:
    if seen is not None and seen != reply_state_hash(session, case):
        raise StaleContent(message)


def pending_approval_step(session: Session, case: RequestCase) -> str | None:
    """The step that waits for a leader now (for the dashboard), or None."""
    actions = reply_actions_for(session, case, Actor.system())
    return next((step for step in REPLY_STEPS if actions.allowed(ReplyAction.signing(step, Decision.APPROVE))), None)


def approvals_voided_by_edit(session: Session, case: RequestCase) -> list[str]:
    """The leaders' approvals of the current draft that saving a new draft would void, in words
    (“分管领导审定（陈军，2024年3月20日）”); the GUI asks before, the service refuses without consent."""
    return [
        f"{STEP_LABELS[step]}（{sign.signer_name}，{cn_date(sign.signed_at.date())}）"
        for step, sign in reply_approvals(session, case).items()
        if sign is not None and sign.decision == Decision.APPROVE.value
    ]


def save_reply_draft(
    session: Session, actor: Actor, case_id: int, reply_type: ReplyType, detail_index: int | None, body: str,
    *, repeat_of: str = "", void_approvals: bool = False, today: date | None = None,
    seen_state: str | None = None,
) -> RequestCase:
    """Save the draft reply and submit it for review and approval.

    Refused when the reply type asserts a fact not on file (reply_facts), when the text still has
    a bracketed fill-in marker, and — unless `void_approvals` — when leaders already approved the
    current draft (their approvals are voided by a new draft; the audit entry names them).
    `seen_state` is reply_state_hash when the form was loaded: a save over someone else's draft,
    review or approval made since is refused (the consent to void covers only what was shown)."""
    reply = ReplyType(reply_type)
    case, before = case_for_change(session, actor, case_id, DRAFTABLE, "起草答复")
    reply_actions_for(session, case, actor).require(ReplyAction.DRAFT)
    _require_state(session, case, seen_state, STALE_DRAFT)
    day = today or date.today()
    why = refusal(session, case, reply, day, body=body,
                  repeat_of=repeat_of if reply is ReplyType.REPEATED else None)
    if why:
        raise ValidationError(why, field="reply_type")
    from app.redaction.reply_rules import require_partial_basis  # app.redaction builds on app.cases

    require_partial_basis(session, case, reply)  # 区分处理: a redacted copy or a recorded reason (issue 15)
    markers = unfilled_markers(body)
    if markers:
        raise ValidationError(
            "答复稿中尚有未填写的内容：" + "、".join(markers) + "。请填写完整后再提交审核。", field="body"
        )
    # Approvals of a reply already sent (a reopened case) belong to that reply, not to this draft.
    voided = approvals_voided_by_edit(session, case) if case.replied_on is None else []
    if voided and not void_approvals:
        raise ValidationError(
            "本答复稿已经" + "、".join(voided) + "签批。保存修改后，这些签批作废，须重新报司法局审核和领导审定。"
            "请确认后再保存。", field="void_approvals",
        )
    details = reply.outcome.details
    if reply.fixed_detail is not None:
        detail = reply.fixed_detail
    elif details:
        if detail_index is None or not 0 <= detail_index < len(details):
            raise ValidationError(
                f"答复类型为“{reply.outcome.label}”时，必须选择具体理由（如“{details[0]}”）。", field="detail_index"
            )
        detail = detail_index
    else:
        detail = None
    text = required_text(body, "body", "请填写答复书正文。")
    check_text(text, "答复书正文", "body", limit=BODY_LIMIT, multiline=True)
    check_text(repeat_of.strip(), "重复申请的受理编号", "repeat_of", limit=64)
    changed = (case.reply_type, case.outcome_detail, case.reply_body) != (reply.value, detail, text)
    if case.replied_on is not None:
        # A reopened case gets a new reply: the earlier one stays in the audit trail.
        case.replied_on, case.reply_doc_no, case.delivered_on = None, "", None
        case.reply_delivery_method, case.tracking_no = "", ""
        changed = True
    if changed:
        # The 司法局 reviewed the old text; the leaders must sign the text that is sent.
        case.justice_review_on, case.justice_opinion = None, ""
    if any(reply_approvals(session, case).values()):
        case.reply_round += 1
    case.reply_type, case.outcome, case.outcome_detail = reply.value, reply.outcome.value, detail
    case.reply_body = text
    case.repeat_of_case_no = repeat_of.strip() if reply is ReplyType.REPEATED else ""
    case.status = CaseStatus.AWAITING_APPROVAL.value
    if case.handler_id is None:
        case.handler_id = actor.user_id
    summary = f"起草答复：{reply.label}" + (f"；作废签批：{'、'.join(voided)}" if voided else "")
    save_change(session, actor, case, before, "reply_draft", summary, today,
                extra={"voided_approvals": voided} if voided else None)
    return case


def record_justice_review(
    session: Session, actor: Actor, case_id: int, reviewed_on: date, opinion: str, *, seen_state: str,
    today: date | None = None,
) -> RequestCase:
    """The justice bureau's written review of the draft (its letter goes into the case file);
    `seen_state` (reply_state_hash of the draft shown) binds it to that draft."""
    case, before = case_for_change(session, actor, case_id, {CaseStatus.AWAITING_APPROVAL}, "登记司法局审核意见")
    reply_actions_for(session, case, actor).require(ReplyAction.JUSTICE_REVIEW)
    _require_state(session, case, seen_state, STALE_JUSTICE)
    text = required_text(opinion, "opinion", "请填写司法局的书面审核意见。")
    check_text(text, "司法局审核意见", "opinion", limit=TEXT_LIMIT, multiline=True)
    from app.redaction.reply_rules import require_redactions_reviewed  # app.redaction builds on app.cases

    require_redactions_reviewed(session, case)  # 公开件 second review when the office asks for it (issue 15)
    require_not_future(reviewed_on, today or date.today(), "reviewed_on", "司法局审核日期")
    require_not_before(reviewed_on, clock_start(case), "reviewed_on", "司法局审核日期", clock_start_label(case))
    case.justice_review_on, case.justice_opinion = reviewed_on, text
    save_change(session, actor, case, before, "justice_review", "登记司法局审核意见", today)
    return case


def approve_reply(
    session: Session, signer: Actor, case_id: int, step: str, decision: Decision, opinion: str,
    *, seen_hash: str, today: date | None = None,
) -> SignOff:
    """分管领导 then 主要领导 sign the reply; a return sends the case back to 办理中. `seen_hash`
    is the content_hash of reply_signoff_content the dialog showed: a newer draft is refused."""
    if step not in REPLY_STEPS:
        raise ValidationError(f"未知的审批环节“{step}”。", field="step")
    role = REPLY_STEPS[step]
    decision = Decision(decision)
    signer.require(role)
    # Locked like a draft save, so a save and a signature on two PCs are taken one after the other.
    case = get_case(session, case_id, lock=True)
    approvals = reply_approvals(session, case)
    # The case's side (state, order); the signer's own (role, not handler or other leader) follows.
    reply_actions_for(session, case, signer, approvals).require(ReplyAction.signing(step, decision))
    signed_hash = require_seen(seen_hash, reply_signoff_content(case))
    exclude = excluded_signers(case, approvals, step)
    if signer.user_id in exclude:
        raise PermissionDenied(exclude[signer.user_id])
    before = case_view(case)
    sign = record_signoff(
        session, signer, subject_type=SIGNOFF_SUBJECT, subject_id=case.id, step=step, decision=decision,
        opinion=opinion, roles=[role], exclude_user_ids=exclude, round=case.reply_round, content_hash=signed_hash,
        summary=f"{signer.display_name}{STEP_LABELS[step]}{case.case_no}答复（{decision.label}）",
    )
    if decision is Decision.RETURN:
        case.status = CaseStatus.IN_PROGRESS.value
        case.reply_round += 1
        save_change(session, signer, case, before, "reply_returned", f"{STEP_LABELS[step]}退回：{sign.opinion}",
                    today, extra={"reason": sign.opinion})
    elif step == STEP_PRINCIPAL and not case.reply_doc_no:
        # The reply is issued once the last leader approves it: its 文号 is drawn now, in issue
        # order, and kept through printing and sending (a draft printed before has none).
        day = today or date.today()
        case.reply_doc_no = issue_doc_no(session, "reply", day.year)
        save_change(session, signer, case, before, "assign_doc_no", f"答复书经审定，编号{case.reply_doc_no}", today)
    return sign


def _check_send(
    session: Session, case: RequestCase, actor: Actor, replied_on: date, method: DeliveryMethod, tracking_no: str,
    delivery_note: str, today: date | None,
) -> tuple[str, str]:
    reply_actions_for(session, case, actor).require(ReplyAction.SEND)
    assert case.justice_review_on is not None  # SEND is refused without it
    require_not_future(replied_on, today or date.today(), "replied_on", "答复日期")
    require_not_before(replied_on, clock_start(case), "replied_on", "答复日期", clock_start_label(case))
    require_not_before(replied_on, case.justice_review_on, "replied_on", "答复日期", "司法局审核日期")
    number, note = delivery_facts(method, tracking_no, delivery_note)
    check_text(note, "送达说明", "delivery_note")  # printed in the register: no character that prints as a box
    return number, note


def check_send_reply(
    session: Session, actor: Actor, case_id: int, replied_on: date, delivery_method: DeliveryMethod,
    tracking_no: str, *, delivery_note: str = "", today: date | None = None,
) -> None:
    """Every refusal `send_reply` would give, read-only: the GUI runs it before asking “确定发出？”,
    so a clerk without the right, or with a fact missing, is told so instead of being asked."""
    case = get_case(session, case_id)
    _check_send(session, case, actor, replied_on, DeliveryMethod(delivery_method), tracking_no, delivery_note, today)


def send_reply(
    session: Session, actor: Actor, case_id: int, replied_on: date, delivery_method: DeliveryMethod,
    tracking_no: str, *, delivery_note: str = "", today: date | None = None,
) -> RequestCase:
    """Send the approved reply: assigns the 答复书文号 (docno.reply) in the year of the reply. By post
    it records the EMS / 挂号 number or why there is none; sent another way, how (delivery_rules)."""
    method = DeliveryMethod(delivery_method)
    case, before = case_for_change(session, actor, case_id, {CaseStatus.AWAITING_APPROVAL}, "发出答复")
    number, note = _check_send(session, case, actor, replied_on, method, tracking_no, delivery_note, today)
    if not case.reply_doc_no:  # approved before numbers were drawn at approval
        case.reply_doc_no = issue_doc_no(session, "reply", replied_on.year)
    case.replied_on, case.reply_delivery_method, case.tracking_no = replied_on, method.value, number
    case.reply_delivery_note = note
    save_change(session, actor, case, before, "reply_sent", f"发出答复书 {case.reply_doc_no}（{method.label}）", today)
    return case


def record_delivery(
    session: Session, actor: Actor, case_id: int, delivered_on: date, *, today: date | None = None
) -> RequestCase:
    """Delivery confirmed: the case is closed and read-only from now on."""
    allowed = {CaseStatus.AWAITING_APPROVAL, CaseStatus.IN_PROGRESS}
    case, before = case_for_change(session, actor, case_id, allowed, "登记送达")
    reply_actions_for(session, case, actor).require(ReplyAction.DELIVER)
    assert case.replied_on is not None  # DELIVER is refused before the reply is sent
    require_not_future(delivered_on, today or date.today(), "delivered_on", "送达日期")
    require_not_before(delivered_on, case.replied_on, "delivered_on", "送达日期", "答复日期")
    case.delivered_on = delivered_on
    return close_case(session, actor, case, before, "答复书已送达，办结", today)


def reopen_case(
    session: Session, actor: Actor, case_id: int, reason: str, *, today: date | None = None
) -> RequestCase:
    """The only way to change a closed case: explicit, with a reason, in the audit trail."""
    case = get_case(session, case_id)
    reply_actions_for(session, case, actor).require(ReplyAction.REOPEN)
    text = required_text(reason, "reason", "请写明重新打开的原因（将记入审计记录）。")
    before = case_view(case)
    case.status = CaseStatus.IN_PROGRESS.value
    case.closed_at = None
    save_change(session, actor, case, before, "reopen", f"重新打开：{text}", today, extra={"reason": text})
    return case
