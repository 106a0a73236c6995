"""The 办理单 (case processing form, county text 七; RULES.md C.13) of any request case: its facts,
dates, pauses, handling events, reply and sign-offs on one A4 form, from the case record — so the
archive's “办理单” item can be met for every case, not only one with a 部门协商.

While the case file is open the form is filed under 办理单 (a later print adds a newer version, the
older stays in the file's history); an archived case's file is read-only, so its form is printed
unfiled and the print is audited.
"""

from __future__ import annotations

import tempfile
from datetime import date, datetime
from pathlib import Path

from sqlalchemy.orm import Session

from app.audit.anchor import footer_code
from app.audit.service import record
from app.cases.archive import CASE_ROLES, RECORD_TYPE, add_document
from app.cases.deadlines import due_text
from app.cases.enums import ApplicantType, CaseStatus, Channel, ConsultationKind, DeliveryMethod
from app.cases.excessive_rules import ExcessiveDecision
from app.cases.handling import OPINIONS, fee_pauses_clock
from app.cases.handling_form_types import HandlingForm
from app.cases.models import RequestCase
from app.cases.outcomes import ReplyType
from app.cases.queries import get_case
from app.cases.recompute import case_deadline
from app.cases.reprint import PrintedCopy
from app.context import Actor
from app.settings import get_setting
from app.signoff.service import signoffs_for
from app.workdays.service import load_calendar

LETTER_KIND = "handling-form"
TITLE = "政府信息公开申请办理单"
_STEPS = {"extension": "延期答复审批", "leader_in_charge": "分管领导审定", "principal_leader": "主要领导审定"}
_STEPS["excessive_due"] = "延迟答复期限审批"  # 条例第三十五条 (app.cases.excessive.STEP_LATER_DUE)
_CONSULTED = {ConsultationKind.THIRD_PARTY.value: "征求第三方意见", ConsultationKind.DEPARTMENT.value: "部门协商",
              ConsultationKind.CO_PRODUCER.value: "征求共同制作机关意见"}


def _cn(d: date | None) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if d else "—"


def _label(enum: type, value: str) -> str:
    try:
        return str(enum(value).label)
    except ValueError:
        return value or "—"


def _events(case: RequestCase) -> list[tuple[date, str]]:
    ev: list[tuple[date, str]] = [(case.received_on, "收到申请")]
    if case.correction_notice_on:
        no = f"（{case.correction_doc_no}）" if case.correction_doc_no else ""
        ev.append((case.correction_notice_on, f"发出补正告知书{no}，补正期限至{_cn(case.correction_due_on)}"))
    if case.correction_received_on:
        ev.append((case.correction_received_on, "收到补正材料，答复期限重新起算"))
    for c in sorted(case.consultations, key=lambda c: (c.sent_on, c.id)):
        what = _CONSULTED.get(c.kind, c.kind)
        no = f"（{c.doc_no}）" if c.doc_no else ""
        ev.append((c.sent_on, f"{what}：{c.party}{no}，答复期限{_cn(c.due_on)}"))
        if c.delivered_on:
            ev.append((c.delivered_on, f"{c.party}收到征询函"))
        if c.answered_on:
            opinion = OPINIONS.get(c.opinion, c.opinion)
            text = f"{c.party}回复：{opinion}" + (f"（{c.opinion_text.strip()}）" if c.opinion_text.strip() else "")
            ev.append((c.answered_on, text))
    if case.extension_notified_on:
        no = f"（{case.extension_doc_no}）" if case.extension_doc_no else ""
        ev.append((case.extension_notified_on, f"告知延期答复{no}：{case.extension_reason.strip()}"))
    if case.fee_notice_on:
        no = f"（{case.fee_doc_no}）" if case.fee_doc_no else ""
        amount = f"{case.fee_amount}元" if case.fee_amount is not None else ""
        ev.append((case.fee_notice_on, f"发出收费通知书{no}，{case.fee_working.strip() or amount}"))
    if case.fee_notice_received_on:
        ev.append((case.fee_notice_received_on, "申请人收到收费通知书"))
    if case.fee_paid_on:
        ev.append((case.fee_paid_on, "申请人缴费"))
    ev += _excessive_events(case)
    if case.justice_review_on:
        ev.append((case.justice_review_on, f"司法局审核：{case.justice_opinion.strip() or '—'}"))
    if case.replied_on:
        no = f"（{case.reply_doc_no}）" if case.reply_doc_no else ""
        ev.append((case.replied_on, f"发出答复书{no}"))
    if case.delivered_on:
        ev.append((case.delivered_on, "答复书送达，办结"))
    return sorted(ev, key=lambda e: e[0])


def _excessive_events(case: RequestCase) -> list[tuple[date, str]]:
    """条例第三十五条: the request for reasons, the answer and the decision, as the file records them."""
    ev: list[tuple[date, str]] = []
    if case.excessive_asked_on:
        no = f"（{case.excessive_ask_doc_no}）" if case.excessive_ask_doc_no else ""
        ev.append((case.excessive_asked_on, f"发出说明理由通知书{no}：{case.excessive_facts.strip()}"))
    if case.excessive_reasons_on:
        ev.append((case.excessive_reasons_on, f"申请人说明理由：{case.excessive_reasons.strip()}"))
    if case.excessive_decided_on and case.excessive_decision:
        text = f"第三十五条处理决定：{ExcessiveDecision(case.excessive_decision).label}"
        if case.excessive_due_on:
            no = f"（{case.excessive_notice_doc_no}）" if case.excessive_notice_doc_no else ""
            text += f"，延迟答复至{_cn(case.excessive_due_on)}{no}"
        reason = case.excessive_decision_reason.strip()
        ev.append((case.excessive_decided_on, text + (f"：{reason}" if reason else "")))
    return ev


def _delivery(case: RequestCase) -> str:
    if not case.replied_on:
        return "—"
    parts = [_label(DeliveryMethod, case.reply_delivery_method)]
    if case.tracking_no:
        parts.append(f"邮件号{case.tracking_no}")
    if case.reply_delivery_note.strip():
        parts.append(case.reply_delivery_note.strip())
    if case.delivered_on:
        parts.append(f"{_cn(case.delivered_on)}送达")
    return "，".join(parts)


def handling_form_data(session: Session, case_id: int, today: date, printed_at: datetime) -> HandlingForm:
    case = get_case(session, case_id)
    calendar = load_calendar(session)
    deadline = case_deadline(case, calendar, today, fee_pauses_clock(session))
    contact = "；".join(x for x in (case.phone, case.email, case.address) if x.strip()) or "—"
    pauses = "\n".join(deadline.pause_lines) if deadline.pause_lines else "无"
    reply = _label(ReplyType, case.reply_type) if case.reply_type else "尚未答复"
    if case.reply_type and not case.replied_on:
        reply += "（答复稿，尚未发出）"
    rows = (
        ("受理编号", case.case_no),
        ("申请人", f"{case.applicant_name}（{_label(ApplicantType, case.applicant_type)}）"),
        ("联系方式", contact),
        ("申请方式", _label(Channel, case.channel)),
        ("提交日期", _cn(case.submitted_on or case.received_on)),
        ("收到申请日期", _cn(case.received_on) + (f"（{case.receipt_rule}）" if case.receipt_rule else "")),
        ("申请内容", case.content.strip()),
        ("答复期限", due_text(deadline)),
        ("期限扣除和延长", pauses),
        ("答复类型", reply),
        ("答复日期及文号", f"{_cn(case.replied_on)}　{case.reply_doc_no or '—'}"),
        ("送达", _delivery(case)),
        ("办理状态", _label(CaseStatus, case.status)),
    )
    signs = tuple(
        (_STEPS.get(s.step, s.step), s.signer_name, s.signed_at.strftime("%Y-%m-%d %H:%M"),
         ("同意" if s.decision == "approve" else "退回") + (f"：{s.opinion.strip()}" if s.opinion.strip() else ""))
        for s in signoffs_for(session, RECORD_TYPE, case.id)
    )
    return HandlingForm(
        org=str(get_setting(session, "org.name")), title=TITLE, rows=rows,
        events=tuple((_cn(d), text) for d, text in _events(case)), signs=signs,
        printed=printed_at.strftime("%Y-%m-%d %H:%M"),
    )


def handling_form(session: Session, actor: Actor, case_id: int, today: date, now: datetime) -> PrintedCopy:
    """The 办理单 as a .docx: filed under 办理单 while the case file is open; printed unfiled (and
    audited) for an archived case."""
    from reports.docx_footer import add_footer_note
    from reports.handling_form_docx import build_handling_form

    actor.require(*CASE_ROLES)
    data = handling_form_data(session, case_id, today, now)
    case = get_case(session, case_id)
    with tempfile.TemporaryDirectory(prefix="govinfo-form-") as tmp:
        path = Path(tmp) / "form.docx"
        build_handling_form(data).save(str(path))
        add_footer_note(path, footer_code(session))  # the paper anchor of the audit trail
        content = path.read_bytes()
    name = f"{TITLE}.docx"
    if case.status == CaseStatus.ARCHIVED.value:
        record(session, actor, "print_handling_form", RECORD_TYPE, case.id, after={"文书": name},
               summary=f"{case.case_no}：打印办理单（已归档，未入卷）")
        return PrintedCopy(name, content)
    doc = add_document(session, actor, case.id, "handling_form", name, content, "系统生成", letter_kind=LETTER_KIND)
    return PrintedCopy(doc.filename, content)
