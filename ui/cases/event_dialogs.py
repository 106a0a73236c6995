"""The handling events of RULES.md C.4–C.8 as small dialogs, each calling one service.

Every function opens its dialog with open() and returns it, so the caller (and a GUI test) can
fill the fields and press 确定. A refusal by the service is shown in Chinese and the dialog
stays open with the input intact; nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape

from PySide6.QtWidgets import QLabel, QSpinBox, QWidget
from sqlalchemy.orm import Session

from app.auth.roles import Role
from app.cases import fees, handling
from app.cases.deadlines import correction_notice_latest
from app.cases.enums import ConsultationKind, LitigationKind, RemedyResult
from app.cases.queries import get_case
from app.cases.remedies import record_litigation, record_reconsideration
from app.cases.reply import reopen_case
from app.changes import RecordKind
from app.context import Actor
from app.settings import get_setting
from app.signoff.content import content_hash
from app.workdays.service import load_calendar
from ui.cases.actions import read
from ui.cases.case_view import CaseView, ConsultationView
from ui.cases.event_form import cn_date, dated_change, sign_then_close, submit_change
from ui.cases.form_dialog import FormDialog
from ui.cases.intake_form import to_date, to_qdate
from ui.context import AppContext
from ui.messages import show_info
from ui.operations import Op
from ui.signoff_dialog import content_html
from ui.translate import translator

CORRECTION_DAYS_DEFAULT = 10  # working days the applicant is given; the clerk can change it
MAX_FEE_COUNT = 100_000  # requests or pages in the 计算 helper


_tr = translator("case_events")


def correction_notice(parent: QWidget, ctx: AppContext, view: CaseView, today: date) -> FormDialog:
    """补正告知: once, within 7 working days of receipt, every item listed, with a deadline."""
    received = view.date_of("received_on") or today
    calendar = read(ctx, load_calendar)
    latest = correction_notice_latest(calendar, received)
    min_days = int(read(ctx, lambda s: get_setting(s, "cases.correction_min_days")))
    dlg = FormDialog(_tr("补正告知"), parent, intro=_tr(
        "申请内容不明确的，应当在收到申请之日起 7 个工作日内一次性告知申请人作出补正，"
        "说明需要补正的事项和合理的补正期限（条例第三十条）。本件最迟应于 {latest} 前发出。"
        "本机关规定补正期限至少为告知之日起 {n} 个工作日。"
    ).format(latest=cn_date(latest), n=min_days))
    notice = dlg.add_date("notice_on", _tr("告知日期："), today)
    dlg.add_text("items", _tr("需要补正的事项："),
                 placeholder=_tr("逐项列明，例如：1. 请明确所需信息的文件名称或文号；…"))
    due = dlg.add_date("due_on", _tr("补正期限至："),
                       calendar.add_workdays(today, max(min_days, CORRECTION_DAYS_DEFAULT)))
    dlg.add_text("late_reason", _tr("逾期告知理由："), height=50, placeholder=_tr(
        "告知日期晚于收到申请之日起 7 个工作日的，须写明理由"))
    dlg.add_note(_tr("补正期间答复期限暂停；收到补正材料之日起重新计算 20 个工作日（条例第三十条）。"))

    def notice_changed() -> None:
        on = to_date(notice.date())
        # The reason row appears only when the notice is late; the period follows the notice day.
        dlg.set_row_visible("late_reason", on > latest)
        earliest = calendar.add_workdays(on, min_days)
        if to_date(due.date()) < earliest:
            due.setDate(to_qdate(earliest))

    notice.dateChanged.connect(notice_changed)
    notice_changed()

    def submit(d: FormDialog) -> bool:
        late = d.text("late_reason") if d.date("notice_on") > latest else ""
        ok, warnings = ctx.run(Op(lambda s: handling.send_correction_notice(
            s, ctx.actor, view.id, d.date("notice_on"), d.text("items"), d.date("due_on"), late_reason=late),
            RecordKind.CASES, parent=d))
        if ok and warnings:
            show_info(parent, _tr("补正告知已登记"), "\n".join(warnings))
        return ok

    dlg.on_submit = submit
    dlg.open()
    return dlg


def correction_received(parent: QWidget, ctx: AppContext, view: CaseView, today: date) -> FormDialog:
    dlg = FormDialog(_tr("收到补正材料"), parent, intro=_tr(
        "答复期限自收到补正材料之日起重新计算（条例第三十条）。"))
    return dated_change(dlg, ctx, "received_on", _tr("收到补正日期："), today,
                        lambda s, on: handling.record_correction_received(s, ctx.actor, view.id, on))


def _close_given_up(parent: QWidget, ctx: AppContext, today: date, title: str, rule: str, due_line: str,
                    due: date | None, close: Callable[[Session, date], object]) -> FormDialog:
    """The applicant let a period pass (补正, 缴费) and is taken to have given up: the case is closed
    directly, without the reply approval chain; the intro gives the rule and the period's end."""
    dlg = FormDialog(title, parent, intro=rule + (due_line.format(due=cn_date(due)) if due else ""))
    return dated_change(dlg, ctx, "closed_on", _tr("办结日期："), today, close)


def close_no_correction(parent: QWidget, ctx: AppContext, view: CaseView, today: date) -> FormDialog:
    return _close_given_up(parent, ctx, today, _tr("逾期不补正，办结"), _tr(
        "申请人无正当理由逾期不补正的，视为放弃申请，行政机关不再处理（条例第三十条）。"
        "本件按“其他处理 — 申请人无正当理由逾期不补正”计入年度报告。"), _tr("\n补正期限：{due}"),
        view.date_of("correction_due_on"), lambda s, on: handling.close_for_no_correction(s, ctx.actor, view.id, on))


def add_consultation(parent: QWidget, ctx: AppContext, view: CaseView, today: date) -> FormDialog:
    dlg = FormDialog(_tr("征求意见 / 部门协商"), parent, intro=_tr(
        "征求意见期间不计入答复期限，但最多计至对方答复期限届满之日：其他部门应在发出之日起 5 个工作日内反馈"
        "（县规定）；第三方及共同制作机关为收到征询函之日起 15 个工作日（条例第三十二条、第三十四条）。"
        "送达日期（EMS 签收日期）知道后请在列表中“登记送达日期”，登记前暂自发出之日起计算。"
        "答复期限届满后才发出的，不再顺延答复期限。"))
    dlg.add_choice("kind", _tr("类型："), [(k.label + _tr("（{n} 个工作日）").format(n=k.answer_days), k)
                                          for k in ConsultationKind])
    dlg.add_line("party", _tr("征求对象："), placeholder=_tr("部门名称或第三方名称"))
    dlg.add_text("matter", _tr("征求事项："), height=70)
    dlg.add_date("sent_on", _tr("发出日期："), today)
    return submit_change(dlg, ctx, lambda s, d: handling.add_consultation(
        s, ctx.actor, view.id, ConsultationKind(str(d.choice("kind"))), d.text("party"), d.text("matter"),
        d.date("sent_on")))


OPINIONS = (("agree", _tr("同意公开")), ("object", _tr("不同意公开")), ("none", _tr("逾期未答复")))
DECISIONS = (("disclose", _tr("予以公开")), ("withhold", _tr("不予公开")))


def answer_consultation(parent: QWidget, ctx: AppContext, c: ConsultationView, today: date) -> FormDialog:
    """Record an answer; for third parties the county text and the 条例 differ on silence."""
    dlg = FormDialog(_tr("录入反馈意见 — {party}").format(party=c.party), parent, intro=_tr(
        "{kind}，{sent} 发出，应于 {due} 前答复。").format(kind=c.kind.label, sent=cn_date(c.sent_on),
                                                       due=cn_date(c.due_on)))
    dlg.add_date("answered_on", _tr("收回日期："), today)
    dlg.add_choice("opinion", _tr("对方意见："), [(t, v) for v, t in OPINIONS])
    dlg.add_text("opinion_text", _tr("意见内容："), height=60)
    third = c.kind is not ConsultationKind.DEPARTMENT
    if third:
        dlg.add_choice("decision", _tr("本机关决定："), [(t, v) for v, t in DECISIONS])
        dlg.add_text("decision_reason", _tr("决定理由："), height=60, placeholder=_tr(
            "第三方不同意公开但不公开可能对公共利益造成重大影响的，可以决定予以公开，并书面告知第三方"))
        dlg.add_note(handling.third_party_rule_note(), warning=True)

    def answer(s: Session, d: FormDialog) -> object:
        decision = str(d.choice("decision")) if third else ""
        reason = d.text("decision_reason") if third else ""
        return handling.answer_consultation(s, ctx.actor, c.id, d.date("answered_on"), str(d.choice("opinion")),
                                            d.text("opinion_text"), decision, reason)

    return submit_change(dlg, ctx, answer)


def extension(parent: QWidget, ctx: AppContext, view: CaseView, today: date) -> FormDialog:
    """延期: reason and notice date here, then the approver signs in SignOffDialog."""
    role = Role(read(ctx, lambda s: get_setting(s, "cases.extension_approver_role")))
    due = view.due_on
    dlg = FormDialog(_tr("延期答复"), parent, ok_text=_tr("提交审批…"), intro=_tr(
        "需要延长答复期限的，应当经政府信息公开工作机构负责人同意并告知申请人，延长期限最长不超过 20 个工作日"
        "（条例第三十三条）。只能在当前答复期限{due}前延期一次。审批人：{role}。").format(
        due=_tr("（{d}）").format(d=cn_date(due)) if due else "", role=role.label))
    dlg.add_date("notified_on", _tr("告知申请人日期："), today)
    dlg.add_text("reason", _tr("延期理由："), height=70)

    def submit(d: FormDialog) -> bool:
        notified, reason = d.date("notified_on"), d.text("reason")
        if not reason:
            from ui.messages import show_error

            show_error(d, _tr("请填写延期理由。"))
            return False
        def _extend(s: Session, signer: Actor, opinion: str, seen_hash: str) -> None:
            handling.extend_deadline(s, ctx.actor, view.id, notified, reason, signer, opinion, seen_hash=seen_hash)

        def _content(s: Session) -> tuple[str, str]:
            # Read from the record, not the list row: the approver signs the due date on file.
            content = handling.extension_signoff_content(get_case(s, view.id), reason)
            return (content_html(content) + "<p>" + escape(_tr("同意后答复期限延长 20 个工作日。")) + "</p>",
                    content_hash(content))

        # The form stays open behind the sign-off (so a refusal keeps the reason) and closes once signed.
        return sign_then_close(d, ctx, title=_tr("延期答复审批"), role=role, name="extensionSignOff",
                               save=_extend, content=_content)

    dlg.on_submit = submit
    dlg.open()
    return dlg


def fee_notice(parent: QWidget, ctx: AppContext, view: CaseView, today: date) -> FormDialog:
    """收费通知: the amount is computed from the method and the count (never typed), with the band
    working and the payment deadline shown; the applicant's earlier requests come from the file."""
    pauses = bool(read(ctx, lambda s: get_setting(s, "cases.fee_pauses_clock")))
    calendar = read(ctx, load_calendar)
    earlier_count = read(ctx, lambda s: fees.earlier_requests_in_month(s, view.id))
    dlg = FormDialog(_tr("收费通知"), parent, intro=_tr(
        "同一申请人一个自然月内申请超过 10 件或单件超过 30 页的，可以收取信息处理费（国办函〔2020〕109号），"
        "金额由程序按标准计算。申请人应自收到收费通知之日起 20 个工作日内缴费，逾期视为放弃申请。"
        "登记时编定收费通知书文号，登记后在“收费”栏点“生成收费通知书”打印送达。") + "\n" + (
        _tr("按本机关设置，收费期间答复期限暂停。") if pauses else _tr("按本机关设置，收费期间答复期限照常计算。")))
    notice = dlg.add_date("notice_on", _tr("通知日期："), today)
    method = dlg.add_choice("method", _tr("计费方式："), [(m.label, m) for m in fees.FeeMethod])
    count = _count_spin(dlg, "count", 1)
    dlg.form.addRow(_tr("计费数量："), count)
    earlier = QLabel(_tr("{n} 件（按登记记录统计）").format(n=earlier_count), dlg)
    earlier.setObjectName("earlier")
    dlg.fields["earlier"] = earlier
    dlg.form.addRow(_tr("本月此前已申请："), earlier)
    basis = dlg.add_note("")
    basis.setObjectName("feeBasis")
    deadline = dlg.add_note("")
    deadline.setObjectName("feeDeadline")

    def chosen() -> fees.FeeMethod:
        return fees.FeeMethod(str(method.currentData()))

    def recompute() -> None:
        m = chosen()
        per_request = m is fees.FeeMethod.PER_REQUEST
        count.setSuffix(" " + (_tr("件") if per_request else _tr("页")))
        # Only requests accumulate over the month; pages count within this one request.
        dlg.set_row_visible("earlier", per_request)
        value, working = fees.fee_working(m, count.value(), earlier_count if per_request else 0)
        basis.setText(working if value else working + _tr("（未超过免费标准，不能收费）"))

    def deadline_changed() -> None:
        due = fees.fee_due_on(calendar, to_date(notice.date()))
        deadline.setText(_tr("缴费期限：申请人收到通知之日起 {n} 个工作日；送达日期登记前暂自通知之日起计算，即 {due}。"
                             "逾期未缴费的，可按“其他处理 — 逾期未缴费”办结，不再处理该申请。").format(
                                 due=cn_date(due), n=fees.PAYMENT_DAYS))

    method.currentIndexChanged.connect(recompute)
    count.valueChanged.connect(recompute)
    notice.dateChanged.connect(deadline_changed)
    recompute()
    deadline_changed()
    return submit_change(dlg, ctx, lambda s, d: handling.record_fee_notice(
        s, ctx.actor, view.id, d.date("notice_on"), chosen().value, count.value()))


def _count_spin(dlg: FormDialog, name: str, value: int) -> QSpinBox:
    spin = QSpinBox(dlg)
    spin.setObjectName(name)
    spin.setRange(0, MAX_FEE_COUNT)
    spin.setValue(value)
    dlg.fields[name] = spin
    return spin


def close_fee_unpaid(parent: QWidget, ctx: AppContext, view: CaseView, today: date) -> FormDialog:
    """逾期未缴费: closed directly, like 逾期不补正, without the reply approval chain."""
    notice = view.date_of("fee_notice_on")
    due = fees.fee_due_on(read(ctx, load_calendar), notice, view.date_of("fee_notice_received_on")) if notice else None
    return _close_given_up(parent, ctx, today, _tr("逾期未缴费，办结"), _tr(
        "申请人逾期未按收费通知要求缴纳费用的，视为放弃申请，行政机关不再处理（国办函〔2020〕109号）。"
        "本件按“其他处理 — 申请人逾期未按收费通知要求缴纳费用”计入年度报告。"), _tr("\n缴费期限：{due}"),
        due, lambda s, on: fees.close_for_fee_unpaid(s, ctx.actor, view.id, on))


def fee_paid(parent: QWidget, ctx: AppContext, view: CaseView, today: date) -> FormDialog:
    dlg = FormDialog(_tr("登记缴费"), parent)
    return dated_change(dlg, ctx, "paid_on", _tr("缴费日期："), today,
                        lambda s, on: handling.record_fee_paid(s, ctx.actor, view.id, on))


def reopen(parent: QWidget, ctx: AppContext, view: CaseView, today: date) -> FormDialog:
    dlg = FormDialog(_tr("重新打开案件"), parent, ok_text=_tr("重新打开"), intro=_tr(
        "已办结的案件只读。确需更正的，须写明理由重新打开；此操作记入审计日志。"))
    dlg.add_text("reason", _tr("理由："), height=70)
    return submit_change(dlg, ctx, lambda s, d: reopen_case(s, ctx.actor, view.id, d.text("reason")))


RECONSIDERATION = "reconsideration"


def remedy(parent: QWidget, ctx: AppContext, view: CaseView, today: date) -> FormDialog:
    """行政复议 / 行政诉讼 against the reply (annual report Part 4); allowed after closing."""
    dlg = FormDialog(_tr("登记行政复议、行政诉讼"), parent, ok_text=_tr("登记"), intro=_tr(
        "申请人对答复不服申请行政复议或提起行政诉讼的，在此登记，计入年度报告第四部分；结果未出时选“尚未审结”，"
        "出结果后再次登记即可更新。") + (_tr(
        "\n本件尚未答复：此处登记的是针对逾期不答复的复议或诉讼，日期须晚于答复期限（{due}）。").format(
            due=cn_date(view.due_on)) if view.date_of("replied_on") is None and view.due_on else ""))
    kinds = [(_tr("行政复议"), RECONSIDERATION)] + [(k.label, k) for k in LitigationKind]
    dlg.add_choice("kind", _tr("类别："), kinds)
    dlg.add_date("on", _tr("申请或起诉日期："), today)
    dlg.add_choice("result", _tr("结果："), [(r.label, r) for r in RemedyResult], RemedyResult.PENDING)

    def record(s: Session, d: FormDialog) -> None:
        kind, on, result = str(d.choice("kind")), d.date("on"), RemedyResult(str(d.choice("result")))
        if kind == RECONSIDERATION:
            record_reconsideration(s, ctx.actor, view.id, on, result)
        else:
            record_litigation(s, ctx.actor, view.id, on, LitigationKind(kind), result)

    return submit_change(dlg, ctx, record)

