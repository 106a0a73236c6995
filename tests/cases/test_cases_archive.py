"""The C.13 archive checklist, documents stored in the database, and archiving a closed case."""

from __future__ import annotations

import hashlib
import zipfile
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.models import AuditEntry
from app.auth.roles import Role
from app.cases.archive import (
    ARCHIVE_ITEMS,
    add_document,
    archive_case,
    checklist,
    document_content,
    export_case_file,
    missing_items,
    remove_document,
)
from app.cases.enums import CaseStatus, ConsultationKind
from app.cases.models import Consultation, RequestCase
from app.context import Actor
from app.errors import PermissionDenied, ValidationError
from app.settings import set_setting

PDF = b"%PDF-1.4\n1 0 obj<</Type /Page>>endobj\n%%EOF\n"


def _closed_case(session: Session, **extra: object) -> RequestCase:
    case = RequestCase(
        case_no="锦府办依申〔2024〕12号", status=CaseStatus.CLOSED.value, applicant_type="natural",
        applicant_name="李四", channel="letter_registered", received_on=date(2024, 5, 6),
        content="2023年度县级财政预决算", delivery_method="post", reply_delivery_method="post",
        replied_on=date(2024, 5, 30), delivered_on=date(2024, 6, 2), **extra,
    )
    session.add(case)
    session.flush()
    return case


def test_checklist_order_and_codes() -> None:
    assert [i.code for i in ARCHIVE_ITEMS] == [
        "original_request", "applicant_id", "correction_notice", "third_party_letter", "handling_form",
        "department_feedback", "reply_letter", "delivery_proof", "receipt_recording", "other",
        "release_source", "released_copy",  # 区分处理 (issue 15), after the county's own list
    ]
    assert ARCHIVE_ITEMS[0].label == "依申请公开件原件（含信封）"


def test_archive_refused_until_mandatory_items_present(session: Session) -> None:
    actor = Actor.system()
    case = _closed_case(session, correction_notice_on=date(2024, 5, 8))
    session.add(Consultation(case_id=case.id, kind=ConsultationKind.THIRD_PARTY.value, party="某建筑公司",
                             sent_on=date(2024, 5, 10), due_on=date(2024, 5, 31)))
    session.flush()
    missing = missing_items(session, case.id)
    assert missing == [
        "依申请公开件原件（含信封）", "申请人证件及其他证明材料", "补正告知书", "第三方意见征询书", "办理单",
        "答复书及附件材料", "EMS邮寄单据或单号",
    ]
    with pytest.raises(ValidationError) as err:
        archive_case(session, actor, case.id)
    assert "尚缺以下必备存档材料" in str(err.value) and "“补正告知书”" in str(err.value)
    assert case.status == CaseStatus.CLOSED.value

    for code in ("original_request", "applicant_id", "correction_notice", "third_party_letter",
                 "handling_form", "reply_letter"):
        add_document(session, actor, case.id, code, f"{code}.pdf", PDF)
    assert missing_items(session, case.id) == ["EMS邮寄单据或单号"]
    case.tracking_no = "EA123456789CN"  # the EMS number recorded on the case counts as the item
    assert missing_items(session, case.id) == []
    rows = {r.code: r for r in checklist(session, case.id)}
    assert rows["delivery_proof"].satisfied and rows["delivery_proof"].documents == 0
    assert not rows["department_feedback"].required and not rows["receipt_recording"].required

    archive_case(session, actor, case.id)
    assert case.status == CaseStatus.ARCHIVED.value and case.archived_at is not None
    actions = session.scalars(select(AuditEntry.action).where(AuditEntry.record_id == str(case.id))).all()
    assert actions.count("add_document") == 6 and "archive" in actions
    with pytest.raises(ValidationError, match="已归档"):
        add_document(session, actor, case.id, "other", "补充.pdf", PDF)


def test_lapsed_request_needs_no_reply_letter(session: Session) -> None:
    # 逾期不补正 (条例第三十条): the request is treated as abandoned and no reply goes out.
    case = _closed_case(session, reply_type="no_correction", correction_notice_on=date(2024, 5, 8))
    assert missing_items(session, case.id) == [
        "依申请公开件原件（含信封）", "申请人证件及其他证明材料", "补正告知书", "办理单",
    ]


def test_only_closed_cases_can_be_archived(session: Session) -> None:
    case = _closed_case(session)
    case.status = CaseStatus.IN_PROGRESS.value
    with pytest.raises(ValidationError, match="只有已办结"):
        archive_case(session, Actor.system(), case.id)


def test_document_stored_with_hash_and_safe_name(session: Session) -> None:
    case = _closed_case(session)
    doc = add_document(session, Actor.system(), case.id, "original_request", "../../x.pdf", PDF, "信封另扫")
    assert doc.filename == "x.pdf" and doc.mime_type == "application/pdf"
    assert doc.sha256 == hashlib.sha256(PDF).hexdigest() and doc.size == len(PDF)
    assert document_content(session, doc.id) == PDF
    con = add_document(session, Actor.system(), case.id, "other", "CON.txt", b"x")
    assert con.filename == "_CON.txt"
    with pytest.raises(ValidationError, match="未知的材料类别"):
        add_document(session, Actor.system(), case.id, "nonsense", "a.pdf", PDF)
    remove_document(session, Actor.system(), con.id)
    assert [r.documents for r in checklist(session, case.id) if r.code == "other"] == [0]


def test_size_limit(session: Session) -> None:
    case = _closed_case(session)
    set_setting(session, Actor.system(), "attachments.max_mb", 1)
    with pytest.raises(ValidationError, match="超过单个附件上限 1 MB"):
        add_document(session, Actor.system(), case.id, "receipt_recording", "录音.mp3", b"0" * (1024 * 1024 + 1))


def test_roles_enforced(session: Session) -> None:
    case = _closed_case(session)
    editor = Actor(user_id=99, username="li", display_name="李强", roles=frozenset({Role.EDITOR}))
    with pytest.raises(PermissionDenied):
        add_document(session, editor, case.id, "other", "a.pdf", PDF)
    with pytest.raises(PermissionDenied):
        archive_case(session, editor, case.id)


def test_export_case_file_zip_with_index(session: Session, tmp_path: Path) -> None:
    actor = Actor.system()
    case = _closed_case(session, tracking_no="EA1")
    add_document(session, actor, case.id, "reply_letter", "答复书.pdf", PDF)
    add_document(session, actor, case.id, "original_request", "申请书.pdf", PDF, "含信封")
    add_document(session, actor, case.id, "other", "CON.txt", b"note")
    out = export_case_file(session, actor, case.id, tmp_path / "案卷.zip")
    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
        assert names == [
            "卷内目录.docx",
            "01_依申请公开件原件（含信封）_申请书.pdf", "02_答复书及附件材料_答复书.pdf", "03_其他材料__CON.txt",
        ]
        assert zf.read(names[1]) == PDF
        index_path = tmp_path / "index.docx"
        index_path.write_bytes(zf.read("卷内目录.docx"))
    document = Document(str(index_path))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "卷内目录" in text and case.case_no in text
    cells = [c.text for row in document.tables[0].rows for c in row.cells]
    assert cells[:6] == ["序号", "文件名称", "类别", "日期", "页数/大小", "备注"]
    assert "申请书.pdf" in cells and "含信封" in cells and "1页" in " ".join(cells)
    assert not list(tmp_path.glob(".~*"))  # no temp file left behind
