"""What may be done to a case's reply now (RULES.md C.9–C.11, county text 六), and why not.

The one statement of the reply's order: draft → 司法局 written review → 分管领导 → 主要领导 → send →
delivery. The services in app/cases/reply.py refuse with these reasons, the 工作台 builds its
"待审批答复" query from `REPLY_STEPS`/`previous_step`, and the reply panel enables its buttons from
`reply_actions_for` with the reason as tooltip.
"""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.auth.roles import Role
from app.availability import Availability, Refusal, first, refused_for_roles
from app.cases.enums import CaseStatus
from app.cases.handling import CASE_WORK_ROLES, SIGNOFF_SUBJECT, WORKING, editable_refusal, status_refusal
from app.cases.models import RequestCase
from app.cases.validation import cn_date
from app.context import Actor
from app.signoff.models import SignOff
from app.signoff.service import Decision

STEP_LEADER = "leader_in_charge"
STEP_PRINCIPAL = "principal_leader"
# In the order the county text names them (六、答复: 分管领导、主要领导审定); each signs after the one before.
REPLY_STEPS: dict[str, Role] = {STEP_LEADER: Role.LEADER_IN_CHARGE, STEP_PRINCIPAL: Role.PRINCIPAL_LEADER}
STEP_LABELS = {STEP_LEADER: "分管领导审定", STEP_PRINCIPAL: "主要领导审定"}

# Sent but not yet delivered: still AWAITING_APPROVAL with replied_on set (after a reopen: IN_PROGRESS).
DRAFTABLE = WORKING | {CaseStatus.AWAITING_APPROVAL}


class ReplyAction(StrEnum):
    DRAFT = "draft"
    JUSTICE_REVIEW = "justice_review"
    APPROVE_LEADER = "approve:leader_in_charge"
    APPROVE_PRINCIPAL = "approve:principal_leader"
    RETURN_LEADER = "return:leader_in_charge"
    RETURN_PRINCIPAL = "return:principal_leader"
    SEND = "send"
    DELIVER = "deliver"
    REOPEN = "reopen"

    @classmethod
    def signing(cls, step: str, decision: Decision) -> ReplyAction:
        return cls(f"{Decision(decision).value}:{step}")


def previous_step(step: str) -> str | None:
    """The step that must be approved before `step` may be (None for the first)."""
    steps = list(REPLY_STEPS)
    at = steps.index(step)
    return steps[at - 1] if at else None


def reply_approvals(session: Session, case: RequestCase) -> dict[str, SignOff | None]:
    """The leaders' sign-offs of the current round, by step (None = not signed yet)."""
    rows = session.scalars(
        select(SignOff).where(
            SignOff.subject_type == SIGNOFF_SUBJECT, SignOff.subject_id == case.id,
            SignOff.step.in_(list(REPLY_STEPS)), SignOff.round == case.reply_round,
        )
    ).all()
    found = {s.step: s for s in rows}
    return {step: found.get(step) for step in REPLY_STEPS}


def approved(approvals: dict[str, SignOff | None], step: str) -> bool:
    sign = approvals[step]
    return sign is not None and sign.decision == Decision.APPROVE.value


def sent_refusal(case: RequestCase, action: str) -> Refusal | None:
    if case.replied_on is None:
        return None
    doc = f"（{case.reply_doc_no}）" if case.reply_doc_no else ""
    return Refusal(f"答复书已于{cn_date(case.replied_on)}发出{doc}，不能再{action}。", field="status")


def _signing(case: RequestCase, approvals: dict[str, SignOff | None], step: str, decision: Decision) -> Refusal | None:
    """A leader's approval or return of `step`; who signs (role, not the handler, not the other
    leader) is checked against the signer when they sign (approve_reply)."""
    sign = approvals[step]
    before = previous_step(step)
    return first(
        editable_refusal(case),
        status_refusal(case, {CaseStatus.AWAITING_APPROVAL}, STEP_LABELS[step]),
        sent_refusal(case, "审批"),
        None if sign is None
        else Refusal(f"该环节已由“{sign.signer_name}”签批，不能重复签批。请刷新后查看。", conflict=True),
        # A return needs neither: a leader may send back a draft at any point of the order.
        None if decision is Decision.RETURN or case.justice_review_on is not None
        else Refusal("请先登记司法局的书面审核意见，再报领导审定。", field="step"),
        None if decision is Decision.RETURN or before is None or approved(approvals, before)
        else Refusal(f"请先由{REPLY_STEPS[before].label}审定，再报{REPLY_STEPS[step].label}审定。", field="step"),
    )


def excluded_signers(case: RequestCase, approvals: dict[str, SignOff | None], step: str) -> dict[int, str]:
    """Who may not sign `step`, each with the reason: the case's handler, and whoever signed the other
    step of this round (approve_reply refuses them; the sign-off dialog tells them why)."""
    role = REPLY_STEPS[step].label
    out = {
        sign.signer_id: f"“{sign.signer_name}”已签署本件答复的{STEP_LABELS[other]}，同一人不能兼任两个审批环节，"
                        f"请由另一位{role}签批。"
        for other, sign in approvals.items()
        if other != step and sign is not None and sign.signer_id is not None
    }
    if case.handler_id is not None:
        out[case.handler_id] = f"本件的经办人不能审定本件答复（同一人不能兼任），请由另一位{role}签批。"
    return out


def _reopen(case: RequestCase) -> Refusal | None:
    status = CaseStatus(case.status)
    if status is CaseStatus.ARCHIVED:
        return Refusal(f"申请件“{case.case_no}”已归档，不能重新打开。", field="status")
    if status is not CaseStatus.CLOSED:
        return Refusal(f"申请件“{case.case_no}”尚未办结，无需重新打开。", field="status")
    return None


def reply_actions_for(
    session: Session, case: RequestCase, actor: Actor, approvals: dict[str, SignOff | None] | None = None,
) -> Availability[ReplyAction]:
    """Which reply actions `actor` may take on `case` now, each refused one with its reason."""
    got = reply_approvals(session, case) if approvals is None else approvals
    role = refused_for_roles(actor.lacks(*CASE_WORK_ROLES))
    missing = [STEP_LABELS[s] for s in REPLY_STEPS if not approved(got, s)]
    signing = {
        ReplyAction.signing(step, decision): _signing(case, got, step, decision)
        for decision in (Decision.APPROVE, Decision.RETURN) for step in REPLY_STEPS
    }
    return Availability.of({
        ReplyAction.DRAFT: first(
            role, editable_refusal(case), status_refusal(case, DRAFTABLE, "起草答复"),
            sent_refusal(case, "修改答复草稿") if case.status == CaseStatus.AWAITING_APPROVAL.value else None,
        ),
        ReplyAction.JUSTICE_REVIEW: first(
            role, editable_refusal(case), status_refusal(case, {CaseStatus.AWAITING_APPROVAL}, "登记司法局审核意见"),
            sent_refusal(case, "修改司法局审核意见"),
            Refusal("领导已开始审定，不能再修改司法局审核意见；如需修改，请由领导退回后重新提交。", field="reviewed_on")
            if any(got.values()) else None,
        ),
        **signing,
        ReplyAction.SEND: first(
            role, editable_refusal(case), status_refusal(case, {CaseStatus.AWAITING_APPROVAL}, "发出答复"),
            sent_refusal(case, "重复发出"),
            Refusal("答复书须经司法局书面审核后才能发出，请先登记审核意见。", field="replied_on")
            if case.justice_review_on is None else None,
            Refusal(f"答复书尚未完成{'、'.join(missing)}，不能发出。", field="replied_on") if missing else None,
        ),
        ReplyAction.DELIVER: first(
            role, editable_refusal(case),
            status_refusal(case, {CaseStatus.AWAITING_APPROVAL, CaseStatus.IN_PROGRESS}, "登记送达"),
            Refusal("答复书尚未发出，不能登记送达。", field="delivered_on") if case.replied_on is None else None,
        ),
        ReplyAction.REOPEN: first(role, _reopen(case)),
    })
