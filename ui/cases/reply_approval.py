"""③ 领导审定: the sign-off dialog in which a leader approves or returns a case's reply draft."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from app.auth.roles import Role
from app.cases.queries import get_case
from app.cases.reply import approve_reply, reply_signoff_content
from app.cases.reply_actions import excluded_signers, reply_approvals
from app.changes import RecordKind
from app.context import Actor
from app.signoff.content import content_hash
from app.signoff.service import Decision
from ui.cases.actions import read
from ui.context import AppContext
from ui.operations import announce
from ui.signoff_dialog import SignOffDialog, content_html


def approval_dialog(parent: QWidget, ctx: AppContext, case_id: int, step: str, role: Role) -> SignOffDialog:
    """`role`'s sign-off of the reply at `step` (not yet opened); its texts are `parent`'s."""
    # The same people, with the same reasons, as the service refuses (app.cases.reply_actions).
    # The signed-in user may well be the leader, approving on their own PC.

    def excluded(s: Session) -> dict[int, str]:
        case = get_case(s, case_id)
        return excluded_signers(case, reply_approvals(s, case), step)

    exclude = read(ctx, excluded)

    def _content(s: Session) -> tuple[str, str]:
        # Read when the dialog opens and again after a refusal: the leader signs what is on record.
        case = get_case(s, case_id)
        content = reply_signoff_content(case)
        html = content_html(content)
        signed = [o for st, o in reply_approvals(s, case).items() if st != step and o is not None]
        if signed:
            html += "<p>" + escape(parent.tr("已签批：")) + "、".join(
                escape(f"{o.signer_name}（{Decision(o.decision).label}）") for o in signed) + "</p>"
        return html, content_hash(content)

    def _approve(s: Session, signer: Actor, decision: Decision, opinion: str) -> None:
        approve_reply(s, signer, case_id, step, decision, opinion, seen_hash=dialog.seen_hash)

    dialog = SignOffDialog(
        ctx, title=parent.tr("答复审定 — {role}").format(role=role.label), summary_html_or_text="",
        roles=[role], exclude_user_ids=exclude, allow_return=True,
        on_signed=lambda s, signer, decision, opinion: _approve(s, signer, decision, opinion),
        reload=_content, parent=parent,
    )
    dialog.setObjectName(f"signoff_{step}")
    dialog.accepted.connect(lambda: announce(ctx, RecordKind.CASES))
    return dialog
