"""The 办理单 for every case (county text 七; RULES.md C.13): facts, dates, pauses, events, reply and
sign-offs on one A4 form, filed under 办理单 — or printed unfiled, and audited, once archived."""

from __future__ import annotations

import io
from datetime import date, datetime

from docx import Document
from docx.shared import Mm
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.models import AuditEntry
from app.cases.archive import missing_items
from app.cases.enums import CaseStatus, ConsultationKind, DeliveryMethod
from app.cases.handling import add_consultation, answer_consultation, start_handling
from app.cases.handling_form import handling_form
from app.cases.intake import register_case
from app.cases.models import CaseDocument
from app.cases.outcomes import ReplyType
from app.cases.reply import (
    STEP_LEADER,
    STEP_PRINCIPAL,
    record_delivery,
    save_reply_draft,
    send_reply,
)
from app.context import Actor
from tests.cases._support import approve_as_seen, review_as_seen
from tests.cases.test_cases_reply import BODY, TODAY, a_form, drafted, people  # noqa: F401  (fixture)

NOW = datetime(2024, 6, 28, 9, 30)


def _text(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    parts += [cell.text for t in doc.tables for row in t.rows for cell in row.cells]
    return "\n".join(parts)


def test_form_of_an_answered_case_carries_its_whole_history(
    session: Session, people: dict[str, Actor],  # noqa: F811
) -> None:
    clerk = people["clerk"]
    case = register_case(session, clerk, a_form(), TODAY)  # received 2024-03-04 in person
    start_handling(session, clerk, case.id, today=TODAY)
    c = add_consultation(session, clerk, case.id, ConsultationKind.THIRD_PARTY, "锦屏县某建材公司", "是否同意公开",
                         date(2024, 3, 6), today=TODAY)
    answer_consultation(session, clerk, c.id, date(2024, 3, 11), "agree", "同意公开", "disclose", "", today=TODAY)
    save_reply_draft(session, clerk, case.id, ReplyType.DISCLOSABLE, None, BODY, today=TODAY)
    review_as_seen(session, clerk, case.id, date(2024, 3, 20), "经审核，答复内容合法。", today=TODAY)
    approve_as_seen(session, people["leader"], case.id, STEP_LEADER)
    approve_as_seen(session, people["boss"], case.id, STEP_PRINCIPAL, "同意发出")
    send_reply(session, clerk, case.id, date(2024, 3, 25), DeliveryMethod.POST, "EA123456789CN", today=TODAY)
    record_delivery(session, clerk, case.id, date(2024, 3, 27), today=TODAY)
    assert "办理单" in missing_items(session, case.id)

    form = handling_form(session, clerk, case.id, TODAY, NOW)
    text = _text(form.content)
    assert form.filename == "政府信息公开申请办理单.docx"
    assert "办理单" not in missing_items(session, case.id)  # filed under the checklist item
    filed = session.scalars(select(CaseDocument).where(CaseDocument.letter_kind == "handling-form")).one()
    assert filed.category == "handling_form"
    for expected in (
        case.case_no, "王小明（自然人）", "申请公开本县低保资金发放情况", "2024年3月4日",
        # The third party's pause: sent 3/6, answered 3/11 — 3/7, 3/8, 3/11 are the working days
        # left out (3/9–3/10 a weekend), so the deadline line names the consultation.
        "征求意见", "征求第三方意见：锦屏县某建材公司", "锦屏县某建材公司回复：同意公开",
        "司法局审核：经审核，答复内容合法。", f"发出答复书（{case.reply_doc_no}）", "邮件号EA123456789CN",
        "2024年3月27日送达", "分管领导审定", "李分管", "主要领导审定", "赵主要", "同意：同意发出",
        "经办人（签字）", "已办结",
    ):
        assert expected in text, expected
    doc = Document(io.BytesIO(form.content))
    assert abs(doc.sections[0].page_width - Mm(210)) < Mm(1) and abs(doc.sections[0].page_height - Mm(297)) < Mm(1)


def test_form_of_a_new_case_and_of_an_archived_one(session: Session, people: dict[str, Actor]) -> None:  # noqa: F811
    clerk = people["clerk"]
    case = drafted(session, clerk)
    text = _text(handling_form(session, clerk, case.id, TODAY, NOW).content)
    assert "答复稿，尚未发出" in text and "收到申请" in text and "分管领导审定" not in text
    # Set-up shortcut: archiving is tested in test_cases_archive.py.
    case.status = CaseStatus.ARCHIVED.value
    session.flush()
    documents = session.scalars(select(CaseDocument.id)).all()
    form = handling_form(session, clerk, case.id, TODAY, NOW)
    assert "已归档" in _text(form.content)
    assert session.scalars(select(CaseDocument.id)).all() == documents  # the archive is not touched
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "print_handling_form")).one()
    assert entry.record_id == str(case.id) and "已归档" in entry.summary
