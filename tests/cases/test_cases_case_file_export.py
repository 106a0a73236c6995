"""The case file (案卷) export goes through the export pipeline: role checked in the service, the zip
read back, and the export audited on the case (it carries the applicant's personal data)."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from sqlalchemy import select

from app.audit.models import AuditEntry
from app.auth.roles import Role
from app.bootstrap import Database
from app.cases.archive import add_document
from app.cases.case_file import export_case_file
from app.cases.enums import CaseStatus
from app.cases.models import RequestCase
from app.context import Actor
from app.errors import PermissionDenied, ValidationError
from app.export_unit import run_export

PDF = b"%PDF-1.4\n1 0 obj << /Type /Page >> endobj\n%%EOF"


def _case(db: Database) -> int:
    with db.session_factory.begin() as s:
        case = RequestCase(case_no="锦府办依申〔2024〕7号", status=CaseStatus.CLOSED.value, applicant_type="natural",
                           applicant_name="李四", channel="letter_registered", received_on=date(2024, 5, 6),
                           content="2023年度县级财政预决算", delivery_method="post", replied_on=date(2024, 5, 30))
        s.add(case)
        s.flush()
        add_document(s, Actor.system(), case.id, "reply_letter", "答复书.pdf", PDF)
        return case.id


def _exports(db: Database) -> list[AuditEntry]:
    with db.reader() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.action == "export",
                                                       AuditEntry.record_type == "request_case")))


def test_an_editor_may_not_take_the_case_file_out(db: Database, make_user: Any, tmp_path: Path) -> None:
    case_id = _case(db)
    editor = make_user("caibian", Role.EDITOR, Role.SECTION_HEAD)
    out = tmp_path / "案卷.zip"
    with pytest.raises(PermissionDenied, match="当前用户“caibian”无此权限"):
        run_export(db, lambda s: export_case_file(s, editor, case_id, out))
    assert not out.exists() and _exports(db) == []


def test_wrong_extension_is_refused(db: Database, make_user: Any, tmp_path: Path) -> None:
    case_id = _case(db)
    clerk = make_user("jingban", Role.DISCLOSURE_STAFF)
    with pytest.raises(ValidationError, match=r"应以 \.zip 结尾"):
        run_export(db, lambda s: export_case_file(s, clerk, case_id, tmp_path / "案卷.docx"))


def test_case_file_is_read_back_and_audited(db: Database, make_user: Any, tmp_path: Path) -> None:
    case_id = _case(db)
    leader = make_user("fenguan", Role.LEADER_IN_CHARGE)
    out = run_export(db, lambda s: export_case_file(s, leader, case_id, tmp_path / "案卷.zip"))
    with zipfile.ZipFile(out) as zf:
        assert zf.namelist() == ["卷内目录.docx", "01_答复书及附件材料_答复书.pdf"]
        assert zf.read("01_答复书及附件材料_答复书.pdf") == PDF
        (tmp_path / "index.docx").write_bytes(zf.read("卷内目录.docx"))
    index = Document(str(tmp_path / "index.docx"))
    text = "\n".join(p.text for p in index.paragraphs)
    assert "受理编号：锦府办依申〔2024〕7号" in text and "办结日期：2024年5月30日" in text and "本卷共 1 件。" in text
    number, name, category, _day, extent, note = (c.text for c in index.tables[0].rows[1].cells)
    assert (number, name, category, note) == ("1", "答复书.pdf", "答复书及附件材料", "")
    assert extent.startswith("1页")  # one /Type /Page object in the PDF
    [entry] = _exports(db)
    assert entry.username == "fenguan" and entry.record_id == str(case_id) and "案卷.zip" in entry.summary
