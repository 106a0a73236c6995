"""Delivery dates that bound a pause (RULES.md C.7, C.8): the day the consulted party received the
consultation letter, and the day the applicant received the fee notice. Until one is recorded the
period is counted from sending, and the case says so."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QWidget

from app.cases import fees, handling
from ui.cases.case_view import CaseView, ConsultationView
from ui.cases.event_form import cn_date, dated_change
from ui.cases.form_dialog import FormDialog
from ui.context import AppContext
from ui.translate import translator

_tr = translator("case_delivery")


def consultation_delivery(parent: QWidget, ctx: AppContext, c: ConsultationView, today: date) -> FormDialog:
    dlg = FormDialog(_tr("登记送达日期 — {party}").format(party=c.party), parent, intro=_tr(
        "{kind}于 {sent} 发出。对方的 15 个工作日自其收到征询函之日起计算（条例第三十二条、第三十四条），"
        "答复期限暂停至对方答复之日，最迟至该期限届满之日。请按 EMS 签收日期登记。").format(
            kind=c.kind.label, sent=cn_date(c.sent_on)))
    return dated_change(dlg, ctx, "delivered_on", _tr("送达日期："), c.delivered_on or today,
                        lambda s, on: handling.record_consultation_delivery(s, ctx.actor, c.id, on))


def fee_notice_received(parent: QWidget, ctx: AppContext, view: CaseView, today: date) -> FormDialog:
    notice = view.date_of("fee_notice_on")
    dlg = FormDialog(_tr("登记收费通知送达日期"), parent, intro=_tr(
        "申请人应自收到收费通知之日起 {n} 个工作日内缴费（国办函〔2020〕109号）；答复期限最多暂停至缴费期限届满之日。"
        "按逾期未缴费办结前，须先登记送达日期。收费通知日期：{d}。").format(
            n=fees.PAYMENT_DAYS, d=cn_date(notice) if notice else "—"))
    return dated_change(dlg, ctx, "received_on", _tr("申请人收到日期："), notice or today,
                        lambda s, on: fees.record_fee_notice_received(s, ctx.actor, view.id, on))
