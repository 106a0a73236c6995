"""The letters of a request case, filled from the case and the office's settings.

`letter_context` gives every placeholder of the reports.letters templates a value; it never
draws a document number, so a preview costs nothing. `generate_letter` draws the number (告知书
from docno.notice; the 答复书 keeps or receives case.reply_doc_no), renders the office's template
and files the result in the case file — all inside a savepoint, so a letter that fails to render
gives its number back.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.anchor import footer_code
from app.audit.service import record
from app.cases.archive import CASE_ROLES, LETTER_CATEGORY, RECORD_TYPE, add_document
from app.cases.deadlines import compute, due_text
from app.cases.docnos import issue_doc_no
from app.cases.enums import CaseStatus, Channel, ConsultationKind
from app.cases.intake import receipt_date
from app.cases.models import CaseDocument, Consultation, RequestCase
from app.cases.outcomes import ReplyType
from app.cases.recompute import case_deadline, deadline_input
from app.cases.reply_text import REGULATION, remedy_for_case, unfilled_markers
from app.context import Actor
from app.db.lookup import get_or_not_found
from app.errors import ValidationError
from app.letters_layout import letter_layout
from app.settings import get_setting
from app.workdays.service import load_calendar

if TYPE_CHECKING:
    from reports.letters.layout import LetterLayout


@dataclass(frozen=True)
class LetterKind:
    code: str
    title: str  # also the file name in the case file
    series: str  # numbering series: "notice" (docno.notice), "reply" (docno.reply) or "" (none)
    consultation_kinds: tuple[ConsultationKind, ...] = ()


LETTER_KINDS: dict[str, LetterKind] = {
    k.code: k
    for k in (
        # A 受理回执 is a receipt, not a 公文: it carries the 受理编号 and no 文号 of its own.
        LetterKind("receipt", "政府信息公开申请受理回执", ""),
        LetterKind("correction", "政府信息公开申请补正告知书", "notice"),
        LetterKind("extension", "政府信息公开申请延期答复告知书", "notice"),
        LetterKind("third-party", "政府信息公开第三方意见征询书", "notice", (ConsultationKind.THIRD_PARTY,)),
        LetterKind(
            "consultation", "政府信息公开申请部门协商函", "notice",
            (ConsultationKind.DEPARTMENT, ConsultationKind.CO_PRODUCER),
        ),
        LetterKind("reply", "政府信息公开申请答复书", "reply"),
        LetterKind("fee", "政府信息公开信息处理费收费通知书", "notice"),
        LetterKind("consult-notice", "政府信息公开申请征求意见告知书", "notice",
                   (ConsultationKind.THIRD_PARTY, ConsultationKind.CO_PRODUCER)),
        LetterKind("disclosure-notice", "政府信息公开第三方告知书", "notice", (ConsultationKind.THIRD_PARTY,)),
        LetterKind("excessive-ask", "政府信息公开申请说明理由通知书", "notice"),
        LetterKind("excessive-later", "政府信息公开申请延迟答复告知书", "notice"),
    )
}
_DOC_NO_NOTE = re.compile(r"文号：([^；]+)")
_CLOSING = "。；！？…”"
_CITATION = re.compile(r"（((?:[^（）]|（[一二三四五六七八九十]+）)*条例(?:[^（）]|（[一二三四五六七八九十]+）)*)）$")
_ORG_SETTINGS = (("org.address", "机关地址"), ("org.phone", "联系电话"), ("org.postcode", "邮政编码"))


_MENTIONS_ATTACHMENT = re.compile(r"见附件|所附|附后")
_ATTACHMENT_LINE = re.compile(r"^\s*附件[：:]", re.MULTILINE)


def _attachment_name(content: str) -> str:
    first = next((line.strip() for line in content.splitlines() if line.strip()), "") or "所申请的政府信息"
    for verb in ("申请公开", "申请获取"):
        first = first.removeprefix(verb).lstrip("：:，, ")
    return first.rstrip("。．.；;") or "所申请的政府信息"


def cn_date(d: date | None) -> str:
    """2024年3月5日: Arabic numerals, no leading zeros (GB/T 9704)."""
    return f"{d.year}年{d.month}月{d.day}日" if d else ""


def _kind(kind: str) -> LetterKind:
    if kind not in LETTER_KINDS:
        raise ValidationError(f"未知的文书类型：{kind}", field="kind")
    return LETTER_KINDS[kind]


def _or_marker(value: str, marker: str) -> str:
    return value.strip() or f"[{marker}]"


def _sentences(text: str, marker: str) -> str:
    """Lines as the letter prints them (one paragraph each), each closed with a full stop."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return "\n".join(line if line[-1] in _CLOSING else line + "。" for line in lines) or f"[{marker}]"


def _rule_text(rule: str) -> str:
    # The rule is printed inside parentheses after the date; a citation in parentheses at its
    # end would nest them, so it becomes a clause: “…为收到申请之日，依据《条例》第三十一条第（二）项”.
    # The receipt has not named the regulation before this cell, and does not abbreviate it (its
    # rule text may carry no citation): the full title here and in the body.
    text = _CITATION.sub(lambda m: "，依据" + m.group(1), rule.strip().rstrip("。"))
    return re.sub(r"《?条例》?第", f"{REGULATION}第", text, count=1)


def _consultation(session: Session, case: RequestCase, kind: LetterKind, consultation_id: int | None) -> Consultation:
    query = select(Consultation).where(
        Consultation.case_id == case.id, Consultation.kind.in_([k.value for k in kind.consultation_kinds])
    )
    if consultation_id is not None:
        query = query.where(Consultation.id == consultation_id)
    found = session.scalars(query.order_by(Consultation.id.desc())).first()
    if found is None:
        what = {"third-party": "征求第三方意见", "disclosure-notice": "征求第三方意见",
                "consult-notice": "征求第三方或共同制作机关意见"}.get(kind.code, "部门协商")
        raise ValidationError(f"本申请件尚未登记{what}，请先在“办理”中登记后再生成{kind.title}。", field="kind")
    return found


def letter_day(session: Session, case: RequestCase, kind: str, consultation_id: int | None = None) -> date:
    """The default 落款日期: the day of the event the letter records (a correction notice is dated
    the day it was recorded as sent, even when printed again later), else today."""
    info = _kind(kind)
    event: date | None = {
        "receipt": case.received_on,
        "correction": case.correction_notice_on,
        "extension": case.extension_notified_on,
        "reply": case.replied_on,
        "fee": case.fee_notice_on,
        "excessive-ask": case.excessive_asked_on,
        "excessive-later": case.excessive_decided_on,
    }.get(kind)
    if info.consultation_kinds:
        consultation = _consultation(session, case, info, consultation_id)
        # The 第三十二条 notice goes out with the decision, recorded with the third party's answer.
        event = consultation.answered_on if kind == "disclosure-notice" else consultation.sent_on
    return event or date.today()


def _deadlines(session: Session, case: RequestCase, today: date) -> tuple[date, date]:
    """The reply deadline without and with the 20-day extension, whatever the case's state now,
    so the 延期告知书 can be previewed before the extension is recorded."""
    data = deadline_input(case, bool(get_setting(session, "cases.fee_pauses_clock")))
    data = replace(data, awaiting_correction=False)
    calendar = load_calendar(session)
    base = compute(calendar, replace(data, extended=False), today).due
    extended = compute(calendar, replace(data, extended=True), today).due
    assert base is not None and extended is not None
    return base, extended


def _due_text(session: Session, case: RequestCase) -> str:
    fee_pauses = bool(get_setting(session, "cases.fee_pauses_clock"))
    return due_text(case_deadline(case, load_calendar(session), date.today(), fee_pauses))


def letter_context(
    session: Session,
    case: RequestCase,
    kind: str,
    *,
    letter_date: date | None = None,
    doc_no: str | None = None,
    consultation_id: int | None = None,
) -> dict[str, str]:
    """Every placeholder value of letter `kind` for `case`. A fact the office has not entered yet
    is a bracketed marker (“[补正事项]”), so a preview shows what is missing."""
    info = _kind(kind)
    day = letter_date or letter_day(session, case, kind, consultation_id)
    if doc_no is None:
        stored = _stored_doc_no(case, info, _consultation(session, case, info, consultation_id)
                                if info.consultation_kinds else None)
        doc_no = stored or (DRAFT_MARK if info.series == "reply" else "")
    if not doc_no and info.series:
        doc_no = "[文号在发出时编定]"
    try:
        channel_label = Channel(case.channel).label
        # Imported cases may lack the stored rule; intake words it the same way by channel.
        receipt_rule = receipt_date(Channel(case.channel), None, None).rule_text
    except ValueError:
        channel_label, receipt_rule = case.channel, ""
    context = {
        "机关名称": str(get_setting(session, "org.name")),
        **{label: _or_marker(str(get_setting(session, key)), label) for key, label in _ORG_SETTINGS},
        "落款日期": cn_date(day),
        "文号": doc_no,
        "受理编号": case.case_no,
        "申请人": case.applicant_name,
        "收到申请日期": cn_date(case.received_on),
        "申请内容": case.content.strip(),
    }
    if kind == "receipt":
        # What the date is, with the days left out named; never "20个工作日内" for a paused date.
        due = _due_text(session, case)
        context.update({
            "申请方式": channel_label,
            "提交日期": cn_date(case.submitted_on or case.received_on),
            "收到日期依据": _rule_text(case.receipt_rule or receipt_rule),
            "答复期限": due,
        })
    elif kind == "correction":
        context.update({
            "补正事项": _sentences(case.correction_items, "补正事项"),
            "补正期限": cn_date(case.correction_due_on) or "[补正期限]",
        })
    elif kind == "extension":
        base, extended = _deadlines(session, case, day)
        context.update({
            "原答复期限": cn_date(base),
            "延期后答复期限": cn_date(extended),
            # The template reads “因{{延期理由}}，不能…”: no closing punctuation of its own.
            "延期理由": _or_marker(case.extension_reason.strip().rstrip("。；;，,.！! "), "延期理由"),
        })
    elif kind in ("third-party", "consultation"):
        consultation = _consultation(session, case, info, consultation_id)
        party_key = "第三方名称" if kind == "third-party" else "协商部门"
        context.update({
            party_key: consultation.party,
            "征询事项": _sentences(consultation.matter, "征询事项"),
            "征询答复期限": cn_date(consultation.due_on),
        })
    elif kind == "fee":
        from app.cases.fee_letter import fee_context

        context.update(fee_context(session, case))
    elif kind in ("excessive-ask", "excessive-later"):
        from app.cases.excessive_letters import excessive_context

        context.update(excessive_context(session, case, kind))
    elif kind in ("consult-notice", "disclosure-notice"):
        from app.cases.consult_letters import consult_context

        context.update(consult_context(_consultation(session, case, info, consultation_id), kind))
    else:
        body = case.reply_body.strip()
        if not body and case.reply_type:
            # Imported here: app.redaction builds on app.cases, the reply path only calls into it.
            from app.redaction.reply_rules import reply_body

            body = reply_body(session, ReplyType(case.reply_type), case.outcome_detail, case)
        if _MENTIONS_ATTACHMENT.search(body) and not _ATTACHMENT_LINE.search(body):
            # “（见附件）” needs an 附件说明 (GB/T 9704 7.3.4); what is enclosed is the information asked
            # for. A clerk who encloses something else writes the line “附件：……” in the reply text.
            body += "\n附件：" + _attachment_name(case.content)
        context.update({"答复正文": _or_marker(body, "答复正文"), "救济途径": remedy_for_case(session, case)})
    return context


def _previous_doc_no(session: Session, case_id: int, kind: str, party: str) -> str:
    """The number an earlier copy of this letter received: regenerating must not draw a new one."""
    notes = session.scalars(
        select(CaseDocument.note).where(CaseDocument.case_id == case_id, CaseDocument.letter_kind == kind)
        .order_by(CaseDocument.id.desc())
    )
    for note in notes:
        match = _DOC_NO_NOTE.search(note)
        if match and (not party or f"对象：{party}" in note):
            return match.group(1).strip()
    return ""


DRAFT_MARK = "草稿"


def _stored_doc_no(case: RequestCase, info: LetterKind, consultation: Consultation | None) -> str:
    if info.series == "reply":
        return case.reply_doc_no
    if consultation is not None:
        return {"consult-notice": consultation.applicant_notice_doc_no,
                "disclosure-notice": consultation.disclosure_notice_doc_no}.get(info.code, consultation.doc_no)
    return {"correction": case.correction_doc_no, "extension": case.extension_doc_no,
            "fee": case.fee_doc_no, "excessive-ask": case.excessive_ask_doc_no,
            "excessive-later": case.excessive_notice_doc_no}.get(info.code, "")


def _doc_no_for(
    session: Session, actor: Actor, case: RequestCase, info: LetterKind, consultation: Consultation | None, day: date,
) -> str:
    """The letter's number as issued. A reply not yet approved is a draft: "草稿" and no number. A
    notice recorded before numbers were drawn when sending (older versions) keeps the number an
    earlier print gave it, or receives one now, stored so later prints keep it."""
    if not info.series:
        return ""
    number = _stored_doc_no(case, info, consultation)
    if number or info.series == "reply":
        return number or DRAFT_MARK
    party = consultation.party if consultation is not None else ""
    number = _previous_doc_no(session, case.id, info.code, party) or issue_doc_no(session, "notice", day.year)
    if consultation is not None and info.code == "consult-notice":
        consultation.applicant_notice_doc_no = number
    elif consultation is not None and info.code == "disclosure-notice":
        consultation.disclosure_notice_doc_no = number
    elif consultation is not None:
        consultation.doc_no = number
    elif info.code == "correction":
        case.correction_doc_no = number
    elif info.code == "extension":
        case.extension_doc_no = number
    elif info.code == "fee":
        case.fee_doc_no = number
    elif info.code == "excessive-ask":
        case.excessive_ask_doc_no = number
    elif info.code == "excessive-later":
        case.excessive_notice_doc_no = number
    session.flush()
    record(session, actor, "assign_doc_no", RECORD_TYPE, case.id, after={"文号": number, "文书": info.title},
           summary=f"{case.case_no}：{info.title}编号{number}")
    return number


def render_case_letter(kind: str, context: dict[str, str], out_path: Path, template_folder: Path,
                       layout: LetterLayout | None = None) -> Path:
    """Render with the office's templates (bundled ones are written there first if missing)."""
    from reports.letters import ensure_templates, render_letter

    ensure_templates(template_folder)
    render_letter(kind, context, out_path, template_folder, layout)
    return out_path


def generate_letter(
    session: Session,
    actor: Actor,
    case_id: int,
    kind: str,
    template_folder: Path,
    *,
    letter_date: date | None = None,
    consultation_id: int | None = None,
) -> CaseDocument:
    """Render letter `kind` and file it in the case file (letter_kind set, checklist category).

    Refused while a placeholder still shows a bracketed marker: a stored letter is one the office
    prints and seals, so “[负责公开的机关名称及联系方式]” must be filled in first.
    """
    actor.require(*CASE_ROLES)
    info = _kind(kind)
    case = get_or_not_found(session, RequestCase, case_id, "该依申请公开案件不存在，可能已被删除。请刷新列表。")
    if case.status == CaseStatus.ARCHIVED.value:
        raise ValidationError(f"案件“{case.case_no}”已归档，案卷不能再增加文书；如需重印已发出的文书，"
                              "请在“案卷材料”中选中该文书，点“打印副本”。")
    if kind == "reply" and not case.reply_type:
        raise ValidationError("尚未选择答复类型、起草答复正文，不能生成答复书。", field="kind")
    if kind == "fee":
        from app.cases.fee_letter import require_fee_on_file

        require_fee_on_file(case)  # named refusal before the generic marker check
    if kind in ("excessive-ask", "excessive-later"):
        from app.cases.excessive_letters import require_excessive_on_file

        require_excessive_on_file(case, kind)
    if kind == "receipt":
        from app.cases.receipt_template import refuse_outdated_receipt

        refuse_outdated_receipt(template_folder)
    if kind == "disclosure-notice":
        from app.cases.consult_letters import require_overruled_objection

        require_overruled_objection(_consultation(session, case, _kind(kind), consultation_id))
    day = letter_date or letter_day(session, case, kind, consultation_id)
    consultation = _consultation(session, case, info, consultation_id) if info.consultation_kinds else None
    party = consultation.party if consultation is not None else ""
    preview = letter_context(session, case, kind, letter_date=day, doc_no="（预检）", consultation_id=consultation_id)
    markers = [m for value in preview.values() for m in unfilled_markers(value)]
    if markers:
        raise ValidationError(
            f"{info.title}中尚有未填写的内容：" + "、".join(dict.fromkeys(markers))
            + "。请补全（机关信息请管理员在“系统设置 → 系统参数 → 机关信息”中填写"
            + ("，缴费方式在“系统设置 → 系统参数 → 依申请公开 → 信息处理费缴费方式”中填写" if kind == "fee" else "")
            + "）后再生成。",
            field="kind",
        )
    from reports.docx_footer import add_footer_note

    with session.begin_nested():
        doc_no = _doc_no_for(session, actor, case, info, consultation, day)
        context = letter_context(session, case, kind, letter_date=day, doc_no=doc_no, consultation_id=consultation_id)
        with tempfile.TemporaryDirectory(prefix="govinfo-letter-") as tmp:
            out = render_case_letter(kind, context, Path(tmp) / "letter.docx", template_folder,
                                     letter_layout(session, kind))
            add_footer_note(out, footer_code(session))  # the paper anchor of the audit trail
            content = out.read_bytes()
        draft = doc_no == DRAFT_MARK
        parts = ("系统生成", "草稿，未编号" if draft else (f"文号：{doc_no}" if doc_no else ""),
                 f"对象：{party}" if party else "")
        note = "；".join(p for p in parts if p)
        name = f"{info.title}（{party}）.docx" if party else f"{info.title}.docx"
        if draft:
            name = f"{info.title}（草稿）.docx"
        # A draft is kept for the file's history, but it is not the issued letter the archive needs.
        category = "other" if draft else LETTER_CATEGORY[kind]
        return add_document(session, actor, case.id, category, name, content, note, letter_kind=kind)
