"""条例第三十五条 (excessive requests) as small dialogs, each calling one app.cases.excessive service:
要求说明理由, 登记申请人的理由, 处理决定 (a later deadline goes to the approver's sign-off first, like
an extension). A refusal is shown in Chinese and the dialog stays open with the input intact.
"""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from app.auth.roles import Role
from app.cases import excessive
from app.cases.excessive_rules import ExcessiveDecision
from app.cases.queries import get_case
from app.changes import RecordKind
from app.context import Actor
from app.settings import get_setting
from app.signoff.content import content_hash
from app.workdays.service import load_calendar
from ui.cases.actions import read
from ui.cases.case_view import CaseView
from ui.cases.event_form import cn_date, sign_then_close, submit_change
from ui.cases.form_dialog import FormDialog
from ui.context import AppContext
from ui.messages import show_error
from ui.operations import Op
from ui.signoff_dialog import content_html
from ui.translate import translator

REASONS_DAYS_DEFAULT = 5  # working days offered to the applicant to explain; the clerk can change it
NO_PAUSE = ("说明理由期间答复期限照常计算（条例未规定暂停），请在答复期限内作出决定。")


_tr = translator("case_excessive")


def ask_for_reasons(parent: QWidget, ctx: AppContext, view: CaseView, today: date) -> FormDialog:
    calendar = read(ctx, load_calendar)
    due = view.due_on
    dlg = FormDialog(_tr("要求申请人说明理由"), parent, intro=_tr(
        "申请人申请公开政府信息的数量、频次明显超过合理范围的，可以要求申请人说明理由（条例第三十五条）。"
        "登记时编定说明理由通知书文号，登记后点“生成说明理由通知书”打印送达。") + "\n" + _tr(NO_PAUSE) + (
        _tr("本件答复期限：{d}。").format(d=cn_date(due)) if due else ""))
    dlg.add_date("asked_on", _tr("通知日期："), today)
    dlg.add_text("facts", _tr("数量、频次情况："), height=60, placeholder=_tr(
        "如：申请人自2026年1月以来已提出政府信息公开申请86件，其中本月32件"))
    dlg.add_date("reasons_due_on", _tr("说明理由期限至："), calendar.add_workdays(today, REASONS_DAYS_DEFAULT))
    return submit_change(dlg, ctx, lambda s, d: excessive.ask_for_reasons(
        s, ctx.actor, view.id, d.date("asked_on"), d.text("facts"), d.date("reasons_due_on")))


def record_reasons(parent: QWidget, ctx: AppContext, view: CaseView, today: date) -> FormDialog:
    dlg = FormDialog(_tr("登记申请人说明的理由"), parent, intro=_tr(
        "登记收到申请人书面说明的日期，并摘要其理由；原件请在“案卷材料”中添加。"))
    dlg.add_date("received_on", _tr("收到日期："), today)
    dlg.add_text("summary", _tr("理由摘要："), height=80)
    return submit_change(dlg, ctx, lambda s, d: excessive.record_reasons(
        s, ctx.actor, view.id, d.date("received_on"), d.text("summary")))


def decide(parent: QWidget, ctx: AppContext, view: CaseView, today: date) -> FormDialog:
    """The decision; “确定延迟答复的合理期限” is signed by the extension approver before it is saved."""
    role = Role(read(ctx, lambda s: get_setting(s, "cases.extension_approver_role")))
    due = view.due_on
    got = view.date_of("excessive_reasons_on")
    dlg = FormDialog(_tr("第三十五条处理决定"), parent, intro=_tr(
        "行政机关认为申请理由不合理的，告知申请人不予处理；认为申请理由合理，但是无法在规定期限内答复的，"
        "可以确定延迟答复的合理期限并告知申请人（条例第三十五条）。确定延迟答复期限须经{role}同意。").format(
            role=role.label) + "\n" + (
        _tr("申请人于{d}说明了理由。").format(d=cn_date(got)) if got else _tr("尚未登记申请人说明的理由。")) + (
        _tr("当前答复期限：{d}。").format(d=cn_date(due)) if due else ""))
    choices = [(_tr(d.label), d) for d in ExcessiveDecision]
    choice = dlg.add_choice("decision", _tr("处理决定："), choices,
                            ExcessiveDecision.ON_TIME if got else ExcessiveDecision.DECLINE)
    dlg.add_date("decided_on", _tr("决定日期："), today)
    later = (read(ctx, load_calendar).add_workdays(due, 20) if due else today)
    dlg.add_date("later_due", _tr("延迟答复的合理期限："), later)
    dlg.add_text("reason", _tr("理由："), height=70, placeholder=_tr(
        "不予处理：认为理由不合理的理由；延迟答复：无法在规定期限内答复的理由"))
    note = dlg.add_note("")
    note.setObjectName("decisionNote")

    def chosen() -> ExcessiveDecision:
        return ExcessiveDecision(str(choice.currentData()))

    def changed() -> None:
        c = chosen()
        dlg.set_row_visible("later_due", c is ExcessiveDecision.LATER)
        dlg.set_row_visible("reason", c is not ExcessiveDecision.ON_TIME)
        note.setText({
            ExcessiveDecision.ON_TIME: _tr("按原答复期限办理，答复期限不变。"),
            ExcessiveDecision.LATER: _tr("提交后由{role}签批；同意后答复期限改为所填日期，编定延迟答复告知书文号。")
            .format(role=role.label),
            ExcessiveDecision.DECLINE: _tr("登记后可在“答复”中选择答复类型“无正当理由大量反复申请”。"),
        }[c])

    choice.currentIndexChanged.connect(changed)
    changed()

    def submit(d: FormDialog) -> bool:
        c, on, reason = chosen(), d.date("decided_on"), d.text("reason")
        if c is not ExcessiveDecision.LATER:
            return ctx.run(Op(lambda s: excessive.decide(s, ctx.actor, view.id, c.value, on, reason),
                              RecordKind.CASES, parent=d))[0]
        if not reason:  # asked before the approver is called to the keyboard
            show_error(d, _tr("请写明无法在规定期限内答复的理由。"))
            return False
        return _sign_later(d, ctx, view, role, on, d.date("later_due"), reason)

    dlg.on_submit = submit
    dlg.open()
    return dlg


def _sign_later(d: FormDialog, ctx: AppContext, view: CaseView, role: Role, on: date, later: date,
                reason: str) -> bool:
    def _save(s: Session, signer: Actor, opinion: str, seen_hash: str) -> None:
        excessive.decide(s, ctx.actor, view.id, ExcessiveDecision.LATER.value, on, reason, later_due=later,
                         approver=signer, opinion=opinion, seen_hash=seen_hash)

    def _content(s: Session) -> tuple[str, str]:
        # Read from the record: the approver signs the due date and the reasons on file.
        content = excessive.later_due_signoff_content(get_case(s, view.id), later, reason)
        text = _tr("同意后答复期限改为{d}（依第三十五条确定的合理期限）。").format(d=cn_date(later))
        return content_html(content) + "<p>" + escape(text) + "</p>", content_hash(content)

    # The form stays open behind the sign-off (so a refusal keeps the input) and closes once signed.
    return sign_then_close(d, ctx, title=_tr("延迟答复期限审批"), role=role, name="laterDueSignOff",
                           save=_save, content=_content)
