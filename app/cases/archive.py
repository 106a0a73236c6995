"""The case file (案卷) and archiving (county text 七、存档; RULES.md C.13).

Documents — scans, recordings, generated letters — are stored in the database with their
SHA-256, so a backup or a shared server carries the whole file. Each document belongs to one item
of the county's checklist; archiving a closed case requires every item that applies to it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.attachment_check import checked
from app.attachments import check_size, guess_mime_type, sanitise_filename
from app.audit.service import record, snapshot
from app.auth.roles import Role
from app.availability import Availability, Refusal, first, refused_for_roles
from app.cases.enums import CaseStatus, ConsultationKind, DeliveryMethod
from app.cases.models import CaseDocument, Consultation, RequestCase
from app.cases.outcomes import ReplyType
from app.context import Actor
from app.db.base import utcnow
from app.db.lookup import get_or_not_found, row_or_not_found
from app.errors import ValidationError

CASE_ROLES = (Role.DISCLOSURE_STAFF, Role.ADMIN)
RECORD_TYPE = "request_case"


@dataclass(frozen=True)
class CaseFacts:
    """What decides which checklist items apply, read once per check."""

    had_correction: bool
    third_party: bool
    other_agencies: bool
    by_post: bool
    tracking_no: str
    reply_sent: bool  # False when closed as 逾期不补正: the request lapsed, no reply letter went out


def _always(facts: CaseFacts) -> bool:
    return True


def _never(facts: CaseFacts) -> bool:
    return False


@dataclass(frozen=True)
class ArchiveItem:
    code: str
    label: str
    when: str  # when the item is mandatory, in words for the checklist view
    required: Callable[[CaseFacts], bool]
    # An item the case record itself can satisfy without a document (EMS 单号 typed on the case).
    satisfied_by_case: Callable[[CaseFacts], bool] = _never


# The county text's list, in its order. Co-producing agencies (条例第三十四条) are "other
# departments" here: their written opinion is feedback from another organ, not a third party's.
ARCHIVE_ITEMS: tuple[ArchiveItem, ...] = (
    ArchiveItem("original_request", "依申请公开件原件（含信封）", "必备", _always),
    ArchiveItem("applicant_id", "申请人证件及其他证明材料", "必备", _always),
    ArchiveItem("correction_notice", "补正告知书", "发出过补正告知时必备", lambda f: f.had_correction),
    ArchiveItem("third_party_letter", "第三方意见征询书", "征求过第三方意见时必备", lambda f: f.third_party),
    ArchiveItem("handling_form", "办理单", "必备", _always),
    ArchiveItem("department_feedback", "其他部门的反馈意见", "与其他部门协商时必备", lambda f: f.other_agencies),
    ArchiveItem("reply_letter", "答复书及附件材料", "必备（逾期不补正、不再处理的除外）", lambda f: f.reply_sent),
    ArchiveItem(
        "delivery_proof", "EMS邮寄单据或单号", "邮寄送达时必备（案件已登记邮寄单号的视为已具备）",
        lambda f: (f.by_post and f.reply_sent) or bool(f.tracking_no), lambda f: bool(f.tracking_no),
    ),
    ArchiveItem("receipt_recording", "确定受理时间的录音资料", "可选", _never),
    ArchiveItem("other", "其他材料", "可选", _never),
    # 区分处理 (issue 15): the documents to be released as they are, never sent, and their
    # redacted copies (公开件), which are what the reply's attachments are.
    ArchiveItem("release_source", "拟公开材料（原件，不对外提供）", "部分公开时按需", _never),
    ArchiveItem("released_copy", "公开件（区分处理后）", "部分公开时按需", _never),
)
ITEMS_BY_CODE: dict[str, ArchiveItem] = {item.code: item for item in ARCHIVE_ITEMS}

# Which checklist item a generated letter files under. The 受理回执 and 延期告知书 are not on the
# county's list, so they go to 其他材料; a 部门协商函 is the 办理单 sent round to the department.
LETTER_CATEGORY: dict[str, str] = {
    "receipt": "other",
    "correction": "correction_notice",
    "extension": "other",
    "third-party": "third_party_letter",
    "consultation": "handling_form",
    "reply": "reply_letter",
    "fee": "other",
    "consult-notice": "other",
    "disclosure-notice": "third_party_letter",
    "excessive-ask": "other",
    "excessive-later": "other",
}


def category_label(code: str) -> str:
    item = ITEMS_BY_CODE.get(code)
    return item.label if item else code


@dataclass(frozen=True)
class ChecklistRow:
    code: str
    label: str
    when: str
    required: bool
    documents: int
    satisfied: bool  # has a document, or the case record fills it (tracking number)

    @property
    def missing(self) -> bool:
        return self.required and not self.satisfied


def _get_case(session: Session, case_id: int) -> RequestCase:
    return get_or_not_found(session, RequestCase, case_id, "该依申请公开案件不存在，可能已被删除。请刷新列表。")


def _facts(session: Session, case: RequestCase) -> CaseFacts:
    kinds = set(session.scalars(select(Consultation.kind).where(Consultation.case_id == case.id)))
    return CaseFacts(
        had_correction=case.correction_notice_on is not None,
        third_party=ConsultationKind.THIRD_PARTY.value in kinds,
        other_agencies=bool(kinds & {ConsultationKind.DEPARTMENT.value, ConsultationKind.CO_PRODUCER.value}),
        by_post=(case.reply_delivery_method or case.delivery_method) == DeliveryMethod.POST.value,
        tracking_no=case.tracking_no.strip(),
        # Closed for a missing supplement or an unpaid fee: no reply letter was ever sent.
        reply_sent=case.reply_type not in (ReplyType.NO_CORRECTION.value, ReplyType.FEE_UNPAID.value),
    )


def checklist(session: Session, case_id: int) -> list[ChecklistRow]:
    """The C.13 checklist for one case: what applies, what is there."""
    case = _get_case(session, case_id)
    facts = _facts(session, case)
    counts: dict[str, int] = {
        category: n
        for category, n in session.execute(
            select(CaseDocument.category, func.count(CaseDocument.id))
            .where(CaseDocument.case_id == case_id)
            .group_by(CaseDocument.category)
        )
    }
    rows = []
    for item in ARCHIVE_ITEMS:
        n = counts.get(item.code, 0)
        rows.append(
            ChecklistRow(
                item.code, item.label, item.when, item.required(facts), n, n > 0 or item.satisfied_by_case(facts)
            )
        )
    return rows


def missing_items(session: Session, case_id: int) -> list[str]:
    """Chinese labels of the mandatory items that have no document yet."""
    return [row.label for row in checklist(session, case_id) if row.missing]


class DocumentAction(StrEnum):
    ADD = "add"  # a file or a generated letter
    REMOVE = "remove"


def document_actions_for(case: RequestCase, actor: Actor) -> Availability[DocumentAction]:
    """Who may add to or remove from the case file now, and why not (the panel's buttons say it)."""
    refusal = first(
        refused_for_roles(actor.lacks(*CASE_ROLES)),
        Refusal(f"案件“{case.case_no}”已归档，案卷材料不能再增删。") if case.status == CaseStatus.ARCHIVED.value
        else None,
    )
    return Availability.of({DocumentAction.ADD: refusal, DocumentAction.REMOVE: refusal})


def document_actions(session: Session, case_id: int, actor: Actor) -> Availability[DocumentAction]:
    return document_actions_for(_get_case(session, case_id), actor)


def _doc_view(doc: CaseDocument) -> dict[str, object]:
    return snapshot(doc, exclude=("content",))


def add_document(
    session: Session,
    actor: Actor,
    case_id: int,
    category: str,
    filename: str,
    content: bytes,
    note: str = "",
    *,
    letter_kind: str = "",
) -> CaseDocument:
    """Put a file into the case file under a checklist item; name sanitised, size limited."""
    case = _get_case(session, case_id)
    document_actions_for(case, actor).require(DocumentAction.ADD)
    if category not in ITEMS_BY_CODE:
        raise ValidationError(f"未知的材料类别：{category}", field="category")
    name = sanitise_filename(filename)
    check_size(session, len(content), name)
    doc = CaseDocument(
        case_id=case.id,
        category=category,
        filename=name,
        mime_type=guess_mime_type(name),
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        content=content,
        letter_kind=letter_kind,
        note=note.strip()[:300],
        added_by=actor.username,
    )
    session.add(doc)
    session.flush()
    record(
        session, actor, "add_document", RECORD_TYPE, case.id, after=_doc_view(doc),
        summary=f"案件{case.case_no}添加材料“{name}”（{category_label(category)}）",
    )
    return doc


def _get_document(session: Session, doc_id: int) -> CaseDocument:
    return get_or_not_found(session, CaseDocument, doc_id, "该案卷材料不存在，可能已被删除。请刷新后查看。")


def remove_document(session: Session, actor: Actor, doc_id: int) -> None:
    doc = _get_document(session, doc_id)
    case = _get_case(session, doc.case_id)
    document_actions_for(case, actor).require(DocumentAction.REMOVE)
    before = _doc_view(doc)
    session.delete(doc)
    session.flush()
    record(
        session, actor, "remove_document", RECORD_TYPE, case.id, before=before,
        summary=f"案件{case.case_no}删除材料“{before['filename']}”",
    )


def document_content(session: Session, doc_id: int) -> bytes:
    """The stored bytes (the column is deferred so lists of documents stay light); AttachmentDamaged
    when they no longer match the hash taken when the document was added."""
    row = row_or_not_found(session, select(CaseDocument.filename, CaseDocument.sha256, CaseDocument.content)
                           .where(CaseDocument.id == doc_id), "该案卷材料不存在，可能已被删除。请刷新后查看。")
    # Checked each time the bytes leave the database (issue 13): a changed file is refused.
    return checked("case_document", doc_id, row.filename, bytes(row.content), row.sha256)


def list_documents(session: Session, case_id: int) -> list[CaseDocument]:
    """The case's documents in checklist order, then in the order they were added."""
    order = {item.code: i for i, item in enumerate(ARCHIVE_ITEMS)}
    docs = session.scalars(select(CaseDocument).where(CaseDocument.case_id == case_id)).all()
    return sorted(docs, key=lambda d: (order.get(d.category, len(order)), d.added_at, d.id))


def check_archive(session: Session, actor: Actor, case_id: int) -> RequestCase:
    """Every refusal `archive_case` gives, read-only: the GUI runs it before asking “确定归档？”."""
    actor.require(*CASE_ROLES)
    case = _get_case(session, case_id)
    if case.status == CaseStatus.ARCHIVED.value:
        raise ValidationError(f"案件“{case.case_no}”已经归档。")
    if case.status != CaseStatus.CLOSED.value:
        label = CaseStatus(case.status).label
        raise ValidationError(f"案件“{case.case_no}”当前状态为“{label}”，只有已办结（已送达）的案件才能归档。")
    missing = missing_items(session, case_id)
    if missing:
        raise ValidationError(
            f"案件“{case.case_no}”尚缺以下必备存档材料，不能归档：" + "、".join(f"“{m}”" for m in missing)
            + "。请在“案卷材料”中补充后再归档。",
            field="documents",
        )
    return case


def archive_case(session: Session, actor: Actor, case_id: int) -> RequestCase:
    """CLOSED → ARCHIVED once every mandatory item of the checklist is in the case file."""
    case = check_archive(session, actor, case_id)
    before = {"status": case.status, "archived_at": None}
    case.status = CaseStatus.ARCHIVED.value
    case.archived_at = utcnow()
    session.flush()
    record(
        session, actor, "archive", RECORD_TYPE, case.id, before=before,
        after={"status": case.status, "archived_at": case.archived_at},
        summary=f"案件{case.case_no}归档",
    )
    return case


def export_case_file(session: Session, actor: Actor, case_id: int, out_zip: Path) -> Path:
    """A .zip of every document plus the 卷内目录 (see app.cases.case_file)."""
    # Imported here: case_file builds on this module's checklist, so a top-level import would cycle.
    from app.cases.case_file import export_case_file as export

    return export(session, actor, case_id, out_zip)
