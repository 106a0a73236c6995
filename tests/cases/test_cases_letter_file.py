"""A letter reaches the screen and the command line through one use case (app.cases.letter_file):
the command line's copy is the stored document, written whole and audited as an export."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from sqlalchemy import select

from app import paths
from app.audit.models import AuditEntry
from app.auth.roles import Role
from app.bootstrap import Database
from app.cases.archive import document_content
from app.cases.intake import register_case
from app.cases.letter_file import issue_letter, save_letter
from app.context import Actor
from app.errors import PermissionDenied, ValidationError
from app.settings import set_setting
from tests.reliability.rel_worker import TODAY, a_form


def _case(db: Database) -> int:
    with db.session_factory.begin() as s:
        office = (("org.address", "锦屏县三江镇 1 号"), ("org.phone", "0855-7221234"), ("org.postcode", "556700"))
        for key, value in office:
            set_setting(s, Actor.system(), key, value)
        return register_case(s, Actor.system(), a_form(1), TODAY).id


def test_saved_copy_is_the_stored_letter_and_is_audited(db: Database, make_user: Any, tmp_path: Path) -> None:
    case_id = _case(db)
    clerk = make_user("jingban", Role.DISCLOSURE_STAFF)
    out = tmp_path / "回执.docx"
    letter = save_letter(db, clerk, case_id, "receipt", paths.templates_dir(db.data_dir), out)
    with db.reader() as s:
        stored = document_content(s, letter.document_id)
        exports = s.scalars(select(AuditEntry).where(AuditEntry.action == "export")).all()
    assert hashlib.sha256(out.read_bytes()).digest() == hashlib.sha256(stored).digest()
    assert any("受理" in p.text for p in Document(str(out)).paragraphs)
    [entry] = exports
    assert (entry.username, entry.record_type, entry.record_id) == ("jingban", "request_case", str(case_id))
    assert letter.filename in entry.summary and "回执.docx" in entry.after_json
    assert not list(tmp_path.glob(".~*"))


def test_an_editor_gets_no_letter_and_no_file(db: Database, make_user: Any, tmp_path: Path) -> None:
    case_id = _case(db)
    editor = make_user("caibian", Role.EDITOR)
    out = tmp_path / "回执.docx"
    with pytest.raises(PermissionDenied, match="当前用户“caibian”无此权限"):
        save_letter(db, editor, case_id, "receipt", paths.templates_dir(db.data_dir), out)
    assert not out.exists()
    with db.session_factory.begin() as s, pytest.raises(PermissionDenied):
        issue_letter(s, editor, case_id, "receipt", paths.templates_dir(db.data_dir))


def test_a_copy_must_be_a_word_file(db: Database, make_user: Any, tmp_path: Path) -> None:
    case_id = _case(db)
    clerk = make_user("jingban", Role.DISCLOSURE_STAFF)
    with pytest.raises(ValidationError, match=r"应以 \.docx 结尾"):
        save_letter(db, clerk, case_id, "receipt", paths.templates_dir(db.data_dir), tmp_path / "回执.pdf")
    with db.reader() as s:  # refused before anything was generated
        assert s.scalars(select(AuditEntry).where(AuditEntry.action == "assign_doc_no")).all() == []
