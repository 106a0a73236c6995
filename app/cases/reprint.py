"""打印副本: a letter already issued — also of an archived case, whose file is read-only — printed
again from the stored document, marked “副本”. Nothing is regenerated, so the copy carries the number
and the wording the applicant received; no number is drawn and the case file gains nothing. The
reprint is audited on the case (who printed which letter, when).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.audit.service import record
from app.cases.archive import CASE_ROLES, RECORD_TYPE, document_content
from app.cases.models import CaseDocument, RequestCase
from app.context import Actor
from app.db.lookup import get_or_not_found
from app.errors import ValidationError

DRAFT_NOTE = "草稿，未编号"  # what generate_letter writes on a draft reply's note


@dataclass(frozen=True)
class PrintedCopy:
    filename: str
    content: bytes


def copy_name(filename: str) -> str:
    stem, dot, ext = filename.rpartition(".")
    return f"{stem}（副本）.{ext}" if dot else f"{filename}（副本）"


def print_copy(session: Session, actor: Actor, document_id: int) -> PrintedCopy:
    """The stored letter `document_id` marked 副本, for printing; audited, the case file unchanged."""
    from reports.letters.copy_mark import mark_copy  # late: document code loads only when printing

    actor.require(*CASE_ROLES)
    doc = get_or_not_found(session, CaseDocument, document_id, "该案卷材料不存在，可能已被删除。请刷新后查看。")
    if not doc.letter_kind:
        raise ValidationError(
            f"“{doc.filename}”是上传的材料，不是本系统发出的文书，不能打印副本；请直接打开后打印。", field="document")
    if DRAFT_NOTE in doc.note:
        raise ValidationError(
            f"“{doc.filename}”是未经审定的草稿，没有文号，不是发出的文书，不能打印副本。", field="document")
    if not doc.filename.lower().endswith(".docx"):
        raise ValidationError(f"“{doc.filename}”不是 Word 文档，不能加注“副本”。", field="document")
    case = session.get(RequestCase, doc.case_id)
    assert case is not None
    content = mark_copy(document_content(session, doc.id))
    number = doc.note.split("文号：", 1)[1].split("；", 1)[0] if "文号：" in doc.note else ""
    record(session, actor, "print_copy", RECORD_TYPE, case.id,
           after={"文书": doc.filename, "材料编号": doc.id, **({"文号": number} if number else {})},
           summary=f"{case.case_no}：打印副本“{doc.filename}”" + (f"（{number}）" if number else ""))
    return PrintedCopy(copy_name(doc.filename), content)
