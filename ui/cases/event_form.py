"""What the case event dialogs (event_dialogs, delivery_dialogs, excessive_dialogs) share: the date as
the letters write it, 确定 running one case change, and a change signed by an approver first."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QDialog
from sqlalchemy.orm import Session

from app.auth.roles import Role
from app.changes import RecordKind
from app.context import Actor
from ui.cases.form_dialog import FormDialog
from ui.context import AppContext
from ui.operations import Op, announce
from ui.signoff_dialog import SignOffDialog


def cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def submit_change(dlg: FormDialog, ctx: AppContext, change: Callable[[Session, FormDialog], object],
                  changes: RecordKind | tuple[RecordKind, ...] = RecordKind.CASES) -> FormDialog:
    """确定 runs `change` with the form's values as one unit of work that changes `changes`; a refusal is
    shown and the dialog stays open with the input intact. Opens the dialog and returns it."""
    dlg.on_submit = lambda d: ctx.run(Op(lambda s: change(s, d), changes, parent=d))[0]
    dlg.open()
    return dlg


def dated_change(dlg: FormDialog, ctx: AppContext, field: str, label: str, initial: date,
                 record: Callable[[Session, date], object]) -> FormDialog:
    """The events that are one date (received, delivered, paid, closed): a date row, and 确定 records it."""
    dlg.add_date(field, label, initial)
    return submit_change(dlg, ctx, lambda s, d: record(s, d.date(field)))


def sign_then_close(form: FormDialog, ctx: AppContext, *, title: str, role: Role, name: str,
                    save: Callable[[Session, Actor, str, str], None],
                    content: Callable[[Session], tuple[str, str]]) -> bool:
    """Open the approver's sign-off over `form`: someone else with `role` signs, then `save(session,
    signer, opinion, seen_hash)` runs and the form closes too, without submitting it again.

    Returns False for the form's on_submit: the form stays open behind the sign-off, so a refusal keeps
    the input."""
    sign = SignOffDialog(
        ctx, title=title, summary_html_or_text="", roles=[role],
        exclude_user_ids=[ctx.actor.user_id] if ctx.actor.user_id is not None else [],
        allow_return=False,
        on_signed=lambda s, signer, _decision, opinion: save(s, signer, opinion, sign.seen_hash),
        reload=content, parent=form,
    )
    sign.setObjectName(name)

    def signed() -> None:
        announce(ctx, RecordKind.CASES)
        QDialog.accept(form)

    sign.accepted.connect(signed)
    form.child = sign
    sign.open()
    return False
