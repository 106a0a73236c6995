"""打印副本: an issued letter printed again from the stored original, marked 副本, audited, with
its number and no new one — also when the case is archived and its file is read-only."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document
from sqlalchemy import func, select

from app.audit.models import AuditEntry
from app.auth.roles import Role
from app.bootstrap import Database
from app.cases.archive import add_document
from app.cases.enums import CaseStatus
from app.cases.handling import record_fee_notice
from app.cases.letters import generate_letter
from app.cases.models import CaseDocument
from app.cases.reprint import copy_name, print_copy
from app.context import Actor
from app.errors import PermissionDenied, ValidationError
from app.numbering import DocCounter
from app.settings import set_setting
from tests.cases.test_cases_fee_letter import NOTICE, TODAY, _office, _started

NUMBER = "锦府办依告〔2024〕1号"


@pytest.fixture
def clerk(make_user) -> Actor:  # type: ignore[no-untyped-def]
    return make_user("clerk", Role.DISCLOSURE_STAFF, display_name="张经办")


def _archived_with_letter(db: Database, clerk: Actor, tmp_path: Path, letterhead: bool = True) -> tuple[int, int]:
    with db.session_factory.begin() as s:
        _office(s)
        if not letterhead:
            set_setting(s, Actor.system(), "letters.letterhead_kinds", [])
        case = _started(s, clerk)
        record_fee_notice(s, clerk, case.id, NOTICE, "per_page", 250, today=TODAY)
        doc = generate_letter(s, clerk, case.id, "fee", tmp_path / "templates")
        # Set-up shortcut: archiving and its checklist are tested in test_cases_archive.py.
        case.status = CaseStatus.ARCHIVED.value
        return case.id, doc.id


def _headers(content: bytes) -> list[str]:
    doc = Document(io.BytesIO(content))
    texts = []
    for section in doc.sections:
        headers = [section.header]
        if section.different_first_page_header_footer:
            headers.append(section.first_page_header)
        for header in headers:
            texts.append("".join(p.text for p in header.paragraphs))
    return texts


def _body(content: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)


@pytest.mark.parametrize("letterhead", [True, False])
def test_archived_letter_reprinted_as_copy_with_its_number(
    db: Database, clerk: Actor, tmp_path: Path, letterhead: bool
) -> None:
    case_id, doc_id = _archived_with_letter(db, clerk, tmp_path, letterhead)
    with db.session_factory.begin() as s:
        # The archive is read-only: generating again is refused and points to 打印副本.
        with pytest.raises(ValidationError, match=r"已归档.*打印副本"):
            generate_letter(s, clerk, case_id, "fee", tmp_path / "templates")
        copy = print_copy(s, clerk, doc_id)
        original = s.get_one(CaseDocument, doc_id)
        original_body = _body(original.content)
        documents = s.scalar(select(func.count(CaseDocument.id)))
        counter = s.scalar(select(func.max(DocCounter.last_number)).where(DocCounter.kind == "notice"))
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "print_copy")).one()
    assert copy.filename == "政府信息公开信息处理费收费通知书（副本）.docx"
    # Every header in use carries the mark (the 信函格式 first page has its own header).
    marked = _headers(copy.content)
    assert marked and all("副本" in h for h in marked)
    assert _body(copy.content) == original_body  # the text is the issued letter's, unchanged
    assert NUMBER in original_body
    assert "副本" not in original_body
    assert documents == 1 and counter == 1  # nothing filed, no number drawn
    assert entry.record_id == str(case_id) and NUMBER in entry.summary and "打印副本" in entry.summary
    assert entry.username == "clerk"


def test_uploads_and_drafts_have_no_original_to_copy(db: Database, clerk: Actor, tmp_path: Path) -> None:
    with db.session_factory.begin() as s:
        case = _started(s, clerk)
        upload = add_document(s, clerk, case.id, "original_request", "申请书.pdf", b"%PDF-1.4\n%%EOF\n")
        draft = add_document(s, clerk, case.id, "other", "政府信息公开申请答复书（草稿）.docx", b"PK",
                             "系统生成；草稿，未编号", letter_kind="reply")
        with pytest.raises(ValidationError, match="上传的材料"):
            print_copy(s, clerk, upload.id)
        with pytest.raises(ValidationError, match="草稿"):
            print_copy(s, clerk, draft.id)
        assert s.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.action == "print_copy")) == 0


def test_only_case_staff_print_copies(db: Database, clerk: Actor, make_user, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _, doc_id = _archived_with_letter(db, clerk, tmp_path)
    leader = make_user("leader", Role.LEADER_IN_CHARGE)
    with db.session_factory.begin() as s, pytest.raises(PermissionDenied):
        print_copy(s, leader, doc_id)


def test_copy_name() -> None:
    assert copy_name("答复书.docx") == "答复书（副本）.docx"
    assert copy_name("答复书") == "答复书（副本）"
