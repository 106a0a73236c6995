"""The case side of 区分处理: 拟公开材料, their marks, the released copies and the 区分处理说明.

The documents to be released are case documents (category release_source) stored with the other
attachments and never sent; each has one CaseRedaction row holding its marks. Generating makes
the released copy (category released_copy) and stores the statement rows (page, ground, count).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import PurePath

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.service import record
from app.availability import Availability, first, refused_for_roles
from app.cases.archive import CASE_ROLES, RECORD_TYPE, add_document, document_content, remove_document
from app.cases.handling import editable_refusal, ensure_editable
from app.cases.models import CaseDocument
from app.cases.queries import get_case
from app.context import Actor
from app.db.base import utcnow
from app.db.lookup import get_or_not_found, one_or_not_found
from app.errors import ConflictError, PermissionDenied, ValidationError
from app.redaction.grounds import Ground
from app.redaction.models import CaseRedaction, PartialDisclosureNote
from app.redaction.specs import MarkSpec, parse_mark_specs, source_kind
from app.review.checks import WordLists

RELEASE_SOURCE = "release_source"
RELEASED_COPY = "released_copy"


@dataclass(frozen=True, slots=True)
class StatementRow:
    """One line of the 区分处理说明: in `document`, on `page` (None for a Word copy), `count` marks on `ground`."""

    document: str
    page: int | None
    ground: Ground
    count: int


@dataclass(frozen=True, slots=True)
class ReleaseItem:
    """A document to be released, as the case's 拟公开材料 list shows it."""

    source_id: int
    filename: str
    mark_count: int
    output_format: str
    released_id: int | None
    released_name: str
    outdated: bool  # marks changed since the copy was made
    reviewed_by: str = ""  # the second person who checked the current marks ("" = not reviewed)


def _marks_digest(marks_json: str, output_format: str) -> str:
    return hashlib.sha256(f"{output_format}\n{marks_json}".encode()).hexdigest()[:16]


def add_release_source(
    session: Session, actor: Actor, case_id: int, filename: str, content: bytes
) -> CaseDocument:
    """Put a document to be released into the case (kept as it is; only its redacted copy goes out)."""
    kind = source_kind(filename)
    doc = add_document(session, actor, case_id, RELEASE_SOURCE, filename, content, "拟公开材料，不对外提供")
    session.add(CaseRedaction(
        case_id=case_id, source_document_id=doc.id, marks="[]", statement="{}",
        output_format="docx" if kind == "docx" else "pdf", updated_by=actor.username,
    ))
    session.flush()
    return doc


def get_redaction(session: Session, source_document_id: int) -> CaseRedaction:
    stmt = select(CaseRedaction).where(CaseRedaction.source_document_id == source_document_id)
    return one_or_not_found(session, stmt, "该材料不是拟公开材料，或已被删除。请刷新后重试。")


def load_marks(session: Session, source_document_id: int) -> list[MarkSpec]:
    return parse_mark_specs(json.loads(get_redaction(session, source_document_id).marks))


class MarkAction(StrEnum):
    SAVE = "save"  # the marks, and the released copy made from them


def mark_actions(session: Session, source_document_id: int, actor: Actor) -> Availability[MarkAction]:
    """Whether `actor` may mark this document now, and why not (the redaction view checks it before it
    offers to save, so nobody is asked "是否保存？" and then refused)."""
    case = get_case(session, get_redaction(session, source_document_id).case_id)
    role = refused_for_roles(actor.lacks(*CASE_ROLES))
    return Availability.of({MarkAction.SAVE: first(role, editable_refusal(case))})


def save_marks(
    session: Session, actor: Actor, source_document_id: int, specs: list[MarkSpec],
    output_format: str | None = None, *, expected_version: int | None = None,
) -> CaseRedaction:
    """Replace the document's marks (and, for a .docx, whether the copy is Word or PDF)."""
    mark_actions(session, source_document_id, actor).require(MarkAction.SAVE)
    red = get_redaction(session, source_document_id)
    case = get_case(session, red.case_id)
    if expected_version is not None and red.version != expected_version:
        raise ConflictError("其他用户刚刚修改了该材料的遮盖标记，请重新打开后再标记。")
    fmt = output_format or red.output_format
    source = session.get(CaseDocument, source_document_id)
    is_word = source is not None and source_kind(source.filename) == "docx"
    if fmt not in ("pdf", "docx") or (fmt == "docx" and not is_word):
        raise ValidationError("只有 Word 原件才能生成 Word 公开件。", field="output_format")
    before = _summary(red)
    red.marks = json.dumps([s.to_json() for s in specs], ensure_ascii=False)
    red.output_format = fmt
    red.updated_by = actor.username
    session.flush()
    record(session, actor, "redaction_marks", RECORD_TYPE, case.id, before=before, after=_summary(red),
           summary=f"案件{case.case_no}拟公开材料遮盖标记：{len(specs)}处")
    return red


def _summary(red: CaseRedaction) -> dict[str, object]:
    # Audit entries hold counts and grounds only: the marked text itself must not spread further.
    specs = json.loads(red.marks)
    grounds: dict[str, int] = {}
    for s in specs:
        grounds[s["ground"]] = grounds.get(s["ground"], 0) + 1
    return {"source_document_id": red.source_document_id, "marks": len(specs), "grounds": grounds,
            "output_format": red.output_format, "released_document_id": red.released_document_id}


def generate_released_copy(
    session: Session, actor: Actor, source_document_id: int, *, ocr: bool = False,
    lists: WordLists | None = None,
    progress: Callable[[int, int], None] | None = None, cancelled: Callable[[], bool] | None = None,
) -> CaseDocument:
    """生成公开件: the redacted copy replaces any earlier one; the statement rows are stored."""
    actor.require(*CASE_ROLES)
    red = get_redaction(session, source_document_id)
    case = get_case(session, red.case_id)
    ensure_editable(case)
    source = get_or_not_found(session, CaseDocument, source_document_id, "该拟公开材料已被删除。请刷新后重试。")
    specs = parse_mark_specs(json.loads(red.marks))
    if not specs:
        raise ValidationError(
            f"“{source.filename}”尚无遮盖标记，请先标记需要遮盖的内容；若无需遮盖，该材料可直接作为答复附件。"
        )
    from app.redaction.run import redact_file  # PDF and image libraries load only when a copy is made

    result = redact_file(document_content(session, source.id), source.filename, specs, ocr=ocr,
                         output="docx" if red.output_format == "docx" else "pdf", lists=lists,
                         progress=progress, cancelled=cancelled)
    if not result.applied:
        raise ValidationError(f"“{source.filename}”中找不到标记的文字，未生成公开件。请检查遮盖标记。")
    before = _summary(red)
    if red.released_document_id is not None:
        old = red.released_document_id
        red.released_document_id = None
        session.flush()
        remove_document(session, actor, old)
    name = f"{PurePath(source.filename).stem}（公开件）{result.suffix}"
    copy = add_document(session, actor, case.id, RELEASED_COPY, name, result.data, "公开件（区分处理后）")
    counts: dict[tuple[int | None, str], int] = {}
    for a in result.applied:
        counts[(a.page, a.ground.value)] = counts.get((a.page, a.ground.value), 0) + 1
    ordered = sorted(counts.items(), key=lambda kv: (kv[0][0] or 0, kv[0][1]))
    rows = [{"page": p, "ground": g, "count": n} for (p, g), n in ordered]
    red.statement = json.dumps({"marks": _marks_digest(red.marks, red.output_format), "rows": rows}, ensure_ascii=False)
    red.released_document_id = copy.id
    red.released_at = utcnow()
    session.flush()
    record(session, actor, "redaction_generate", RECORD_TYPE, case.id, before=before, after=_summary(red),
           summary=f"案件{case.case_no}生成公开件“{name}”（遮盖{len(result.applied)}处）")
    return copy


def release_items(session: Session, case_id: int) -> list[ReleaseItem]:
    """The case's 拟公开材料 with their marks and copies, in the order they were added."""
    reds = session.scalars(select(CaseRedaction).where(CaseRedaction.case_id == case_id)
                           .order_by(CaseRedaction.id)).all()
    items = []
    for red in reds:
        source = session.get(CaseDocument, red.source_document_id)
        released = session.get(CaseDocument, red.released_document_id) if red.released_document_id else None
        statement = json.loads(red.statement or "{}")
        outdated = released is not None and statement.get("marks") != _marks_digest(red.marks, red.output_format)
        digest = _marks_digest(red.marks, red.output_format)
        items.append(ReleaseItem(
            red.source_document_id, source.filename if source else "", len(json.loads(red.marks)),
            red.output_format, released.id if released else None, released.filename if released else "", outdated,
            red.reviewed_by if red.reviewed_marks == digest else "",
        ))
    return items


def statement_rows(session: Session, case_id: int) -> list[StatementRow]:
    """The 区分处理说明 of the case: one row per released copy, page and ground."""
    rows: list[StatementRow] = []
    for red in session.scalars(select(CaseRedaction).where(CaseRedaction.case_id == case_id)
                               .order_by(CaseRedaction.id)):
        if red.released_document_id is None:
            continue
        released = session.get(CaseDocument, red.released_document_id)
        if released is None:
            continue
        for r in json.loads(red.statement or "{}").get("rows", []):
            rows.append(StatementRow(released.filename, r["page"], Ground(r["ground"]), int(r["count"])))
    return rows


def review_released_copy(session: Session, actor: Actor, source_document_id: int) -> CaseRedaction:
    """A second person confirms the marks of a released copy (setting redaction.second_review)."""
    actor.require(*CASE_ROLES)
    red = get_redaction(session, source_document_id)
    case = get_case(session, red.case_id)
    ensure_editable(case)
    digest = _marks_digest(red.marks, red.output_format)
    statement = json.loads(red.statement or "{}")
    if red.released_document_id is None or statement.get("marks") != digest:
        raise ValidationError("请先按当前的遮盖标记生成公开件，再进行复核。")
    if actor.username == red.updated_by:
        raise PermissionDenied("遮盖标记由您本人所作，须由另一名工作人员复核。")
    before = {"reviewed_by": red.reviewed_by, "reviewed_marks": red.reviewed_marks}
    red.reviewed_by, red.reviewed_at, red.reviewed_marks = actor.username, utcnow(), digest
    session.flush()
    record(session, actor, "redaction_review", RECORD_TYPE, case.id, before=before,
           after={"reviewed_by": red.reviewed_by, "reviewed_marks": digest},
           summary=f"案件{case.case_no}复核公开件（材料 {source_document_id}）")
    return red


def record_no_copy_reason(session: Session, actor: Actor, case_id: int, reason: str) -> None:
    """Record (or, with an empty reason, withdraw) why a 部分公开 reply needs no redacted copy."""
    actor.require(*CASE_ROLES)
    case = get_case(session, case_id)
    ensure_editable(case)
    text = reason.strip()
    note = session.get(PartialDisclosureNote, case_id)
    before = {"no_copy_reason": note.no_copy_reason if note else ""}
    if not text:
        if note is not None:
            session.delete(note)
    elif note is None:
        session.add(PartialDisclosureNote(case_id=case_id, no_copy_reason=text, recorded_by=actor.username))
    else:
        note.no_copy_reason, note.recorded_by, note.recorded_at = text, actor.username, utcnow()
    session.flush()
    record(session, actor, "partial_no_copy_reason", RECORD_TYPE, case.id, before=before,
           after={"no_copy_reason": text},
           summary=f"案件{case.case_no}" + (f"登记无需公开件的理由：{text}" if text else "撤销无需公开件的理由"))


def no_copy_reason(session: Session, case_id: int) -> str:
    note = session.get(PartialDisclosureNote, case_id)
    return note.no_copy_reason if note else ""
