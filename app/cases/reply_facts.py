"""Facts behind every reply type (RULES.md C.8 end; issue 11).

A reply that asserts a fact — the applicant did not correct in time, corrected and is still unclear,
did not pay, asked the same thing before, the third party was consulted — may only be chosen when
that fact is on file. `refusal` says, in Chinese, what is missing; `availability` gives the reason
for every reply type so the GUI can disable the ones it cannot choose and say why; the service
(`reply.save_reply_draft`) refuses with the same words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.cases.enums import ConsultationKind
from app.cases.excessive_rules import excessive_refusal
from app.cases.fees import fee_due_on
from app.cases.models import RequestCase
from app.cases.outcomes import ReplyType
from app.cases.validation import cn_date
from app.workdays.service import load_calendar

THIRD_PARTY_DETAIL = 3  # 不予公开 — 4.保护第三方合法权益
# Wording that tells the applicant a third party was asked: it needs the consultation on file.
_SAYS_CONSULTED = re.compile(
    r"征求[^。；\n]{0,15}第三方[^。；\n]{0,6}意见|第三方[^。；\n]{0,8}(不同意|同意)公开|第三方[^。；\n]{0,6}逾期未(提出|答复)"
)


@dataclass(frozen=True)
class EarlierCase:
    case_no: str
    received_on: date
    replied_on: date
    reply_doc_no: str

    @property
    def label(self) -> str:
        doc = f"，{self.reply_doc_no}" if self.reply_doc_no else ""
        return f"{self.case_no}（{cn_date(self.replied_on)}答复{doc}）"


def earlier_answered_cases(session: Session, case: RequestCase) -> list[EarlierCase]:
    """The same applicant's requests (same name, or same ID number when there is one) that were
    received no later than this one and already answered, newest first."""
    same = [RequestCase.applicant_name == case.applicant_name]
    if case.id_number.strip():
        same.append(RequestCase.id_number == case.id_number)
    rows = session.execute(
        select(RequestCase.case_no, RequestCase.received_on, RequestCase.replied_on, RequestCase.reply_doc_no)
        .where(or_(*same), RequestCase.id != case.id, RequestCase.replied_on.is_not(None),
               RequestCase.received_on <= case.received_on)
        .order_by(RequestCase.replied_on.desc(), RequestCase.id.desc())
    ).all()
    return [EarlierCase(no, rec, rep, doc) for no, rec, rep, doc in rows if rep is not None]


def has_third_party_consultation(case: RequestCase) -> bool:
    return any(c.kind == ConsultationKind.THIRD_PARTY.value for c in case.consultations)


def says_third_party_consulted(body: str) -> bool:
    return bool(_SAYS_CONSULTED.search(body))


def refusal(
    session: Session, case: RequestCase, reply_type: ReplyType, today: date, *,
    body: str = "", repeat_of: str | None = None,
) -> str | None:
    """Why `reply_type` cannot be chosen for `case` now (None: it can). `repeat_of` is checked only
    when given (the service passes it; the availability list only asks whether one exists)."""
    label = f"“{reply_type.label}”"
    if reply_type is ReplyType.NO_CORRECTION:
        if case.correction_notice_on is None:
            return f"本件没有发出补正告知，不能按{label}答复。"
        if case.correction_received_on is not None:
            return f"申请人已于{cn_date(case.correction_received_on)}提交补正材料，不能按{label}答复。"
        if case.correction_due_on is not None and today <= case.correction_due_on:
            return f"补正期限（{cn_date(case.correction_due_on)}）尚未届满，不能按{label}答复。"
    elif reply_type is ReplyType.UNCLEAR_AFTER_CORRECTION:
        if case.correction_received_on is None:
            return (f"本件没有登记收到补正材料，不能按{label}答复；申请内容不明确的，"
                    "应先发出补正告知（条例第三十条）。")
    elif reply_type is ReplyType.FEE_UNPAID:
        if case.fee_notice_on is None:
            return f"本件没有发出收费通知，不能按{label}答复。"
        if case.fee_paid_on is not None:
            return f"申请人已于{cn_date(case.fee_paid_on)}缴费，不能按{label}答复。"
        if case.fee_notice_received_on is None:
            return f"尚未登记申请人收到收费通知的日期，无法确认缴费期限已届满，不能按{label}答复。"
        due = fee_due_on(load_calendar(session), case.fee_notice_on, case.fee_notice_received_on)
        if today <= due:
            return f"缴费期限（{cn_date(due)}）尚未届满，不能按{label}答复。"
    elif reply_type is ReplyType.EXCESSIVE:
        if why := excessive_refusal(case):
            return why
    elif reply_type is ReplyType.REPEATED:
        earlier = earlier_answered_cases(session, case)
        if not earlier:
            return f"没有找到同一申请人此前已答复的申请，不能按{label}答复。"
        if repeat_of is not None:
            if not repeat_of.strip():
                return "请选择此前已答复的那件申请（受理编号），答复书将写明其答复日期和文号。"
            if repeat_of.strip() not in {e.case_no for e in earlier}:
                return f"“{repeat_of.strip()}”不是同一申请人此前已答复的申请，请重新选择。"
    if body and says_third_party_consulted(body) and not has_third_party_consultation(case):
        return ("答复正文写明已征求第三方意见，但本件没有登记征求第三方意见。"
                "请先在“办理过程”中登记征求第三方意见，或修改正文。")
    return None


def availability(session: Session, case: RequestCase, today: date) -> dict[ReplyType, str | None]:
    """Every reply type with the reason it cannot be chosen now (None: it can)."""
    return {t: refusal(session, case, t, today) for t in ReplyType}
