"""What the reply's steps show for the case on screen: each step done or still to do, and the
controls of each step enabled as app.cases.reply_actions allows (a refused button says why)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from app.auth.roles import Role
from app.cases.enums import CaseStatus
from app.cases.reply_actions import REPLY_STEPS, ReplyAction
from app.signoff.service import Decision
from ui.availability import offer
from ui.style import Sheet, apply_style

if TYPE_CHECKING:
    from ui.cases.reply_panel import ReplyPanel

APPROVERS: tuple[tuple[str, Role], ...] = tuple(REPLY_STEPS.items())
DONE = Sheet.DONE_STEP
TODO = Sheet.TODO_STEP


def _offer(p: ReplyPanel, action: ReplyAction, *widgets: QWidget) -> bool:
    """Enable `widgets` when app.cases.reply_actions allows `action`; the button says why not."""
    return offer(p.reply_actions, action, *widgets)


def show_step_states(p: ReplyPanel) -> None:
    """Fill in every step for p.view (a case is shown) and p.reply_actions."""
    v = p.view
    assert v is not None
    replied = v.date_of("replied_on")
    delivered = v.date_of("delivered_on")
    # After a reopen the case is back in progress with the old reply still recorded: a new
    # draft replaces it (the service clears the old reply, the audit trail keeps it).
    _offer(p, ReplyAction.DRAFT, p.reply_type, p.detail, p.body, p.fill_button, p.save_draft_button)
    approving = v.status is CaseStatus.AWAITING_APPROVAL and replied is None
    justice_on = v.date_of("justice_review_on")
    if justice_on:
        p.justice_status.setText(p.tr("✓ 已于 {d} 审核").format(d=justice_on.isoformat()))
        apply_style(p.justice_status, DONE)
    else:
        p.justice_status.setText(p.tr("待司法局审核") if approving else p.tr("答复稿提交后进行"))
        apply_style(p.justice_status, TODO)
    _offer(p, ReplyAction.JUSTICE_REVIEW, p.justice_date, p.justice_opinion, p.justice_button)
    got = v.approvals()
    for step, _role in APPROVERS:
        sign = got.get(step)
        label = p.approval_status[step]
        if sign is None:
            label.setText(p.tr("待签批"))
            apply_style(label, TODO)
        else:
            text = p.tr("✓ {name} {decision}（{when}）").format(
                name=sign.signer_name, decision=sign.decision.label, when=sign.signed_at.strftime("%Y-%m-%d"))
            if sign.opinion:
                text += p.tr("：{op}").format(op=sign.opinion)
            label.setText(text)
            apply_style(label, DONE if sign.decision.value == "approve" else Sheet.ERROR)
        # The county order (分管领导, then 主要领导) is app.cases.reply_actions'.
        _offer(p, ReplyAction.signing(step, Decision.APPROVE), p.approval_buttons[step])
    returned = [s for s in v.signs if s.decision is Decision.RETURN and s.step in dict(APPROVERS)]
    last = returned[-1] if returned else None
    p.returned.setVisible(last is not None and v.date_of("replied_on") is None)
    if last is not None:
        p.returned.setText(p.tr("{name}于 {when} 退回答复稿：{op}").format(
            name=last.signer_name, when=last.signed_at.strftime("%Y-%m-%d"), op=last.opinion))
    ready = _offer(p, ReplyAction.SEND, p.send_date, p.send_method, p.tracking_no, p.delivery_note,
                   p.send_button)
    if replied:
        p.send_status.setText(p.tr("✓ 已于 {d} 发出答复，文号 {no}").format(
            d=replied.isoformat(), no=v.text("reply_doc_no") or "—"))
        apply_style(p.send_status, DONE)
    else:
        p.send_status.setText(p.tr("两位领导审定后发送") if not ready else p.tr("可以发送"))
        apply_style(p.send_status, TODO)
    p.letter_button.setEnabled(bool(v.text("reply_body")))
    # Reopened with the reply standing (a registration detail was corrected): close it again.
    reopened = v.status is CaseStatus.IN_PROGRESS and replied is not None and delivered is not None
    _offer(p, ReplyAction.DELIVER, p.delivered_date, p.deliver_button)
    if reopened:
        p.deliver_button.setText(p.tr("重新办结（原答复有效）"))
    elif delivered:
        p.deliver_button.setText(p.tr("✓ 已于 {d} 送达").format(d=delivered.isoformat()))
    else:
        p.deliver_button.setText(p.tr("登记送达（办结）"))
