"""Attachments re-checked against their stored SHA-256 whenever their bytes leave the database, the
refusal recorded in the audit trail; files opened for viewing in a private folder (issue 13)."""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select, update

from app.attachment_check import AttachmentDamaged, record_damage_in
from app.audit.models import AuditEntry
from app.audit.service import verify
from app.bootstrap import Database
from app.cases.archive import add_document, document_content
from app.cases.case_file import export_case_file
from app.cases.enums import ApplicantType, Channel, DeliveryMethod
from app.cases.intake import CaseForm, register_case
from app.cases.models import CaseDocument
from app.context import Actor
from app.disclosure import service as disclosure
from app.disclosure.models import DisclosureAttachment
from app.disclosure.queries import attachment_content as disclosure_attachment
from app.export_unit import run_export
from app.review import posts
from app.review.enums import SourceKind
from app.review.models import PostAttachment
from app.review.ui_support import attachment_content as post_attachment
from app.roles import Role
from app.view_files import view_dir, write_for_viewing
from app.workdays.calendar import WorkCalendar

TODAY = date(2024, 6, 28)
PDF = b"%PDF-1.4 original scan"


def _tamper(db: Database, model: type, row_id: int) -> None:
    """What a SQL client can do: change the bytes, leave the stored hash."""
    with db.session_factory.begin() as s:
        s.execute(update(model).where(model.id == row_id).values(content=b"%PDF-1.4 forged scan!"))


def _refused_and_recorded(db: Database, actor: Actor, read: Callable[[], object], kind: str, row_id: int) -> None:
    with pytest.raises(AttachmentDamaged) as caught:
        read()
    message = str(caught.value)
    assert "已损坏或被改动" in message and "系统管理员" in message and "a.pdf" in message
    record_damage_in(db.session_factory.begin, actor, caught.value)
    with db.reader() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "integrity_failed")).one()
        assert (entry.record_type, entry.record_id, entry.username) == (kind, str(row_id), actor.username)
        assert "校验不符" in entry.summary
        assert verify(s).ok  # the refusal is a normal, chained entry


def test_post_attachment_changed_in_the_database_is_refused(db: Database, make_user) -> None:  # type: ignore[no-untyped-def]
    editor = make_user("bianji", Role.EDITOR)
    form = posts.PostForm(title="关于优化营商环境的通知", target="政策文件", body="正文",
                          source_kind=SourceKind.REPRINT,
                          source_site="中国政府网", reprinted_at=datetime(2024, 5, 6, 9, 30),
                          source_url="https://www.gov.cn/zhengce/content/1.htm")
    with db.session_factory.begin() as s:
        post = posts.create_post(s, editor, form, today=TODAY)
        s.flush()
        att_id = posts.add_attachment(s, editor, post.id, "a.pdf", PDF).id
    with db.reader() as s:
        assert post_attachment(s, att_id) == ("a.pdf", PDF)  # intact: handed out as stored
    _tamper(db, PostAttachment, att_id)
    with db.reader() as s:
        _refused_and_recorded(db, editor, lambda: post_attachment(s, att_id), "post_attachment", att_id)


def test_disclosure_attachment_changed_in_the_database_is_refused(db: Database, make_user) -> None:  # type: ignore[no-untyped-def]
    clerk = make_user("wenshu", Role.DISCLOSURE_STAFF)
    form = disclosure.ItemForm(title="关于印发某某办法的通知", category=2, section="文书科", formed_on=date(2024, 6, 3))
    with db.session_factory.begin() as s:
        item = disclosure.create_item(s, clerk, form, WorkCalendar(), TODAY)
        s.flush()
        att_id = disclosure.add_attachment(s, clerk, item.id, "a.pdf", PDF).id
    with db.reader() as s:
        assert disclosure_attachment(s, att_id) == ("a.pdf", PDF)
    _tamper(db, DisclosureAttachment, att_id)
    with db.reader() as s:
        _refused_and_recorded(db, clerk, lambda: disclosure_attachment(s, att_id), "disclosure_attachment", att_id)


def test_case_file_export_refuses_a_changed_document_and_writes_nothing(  # type: ignore[no-untyped-def]
    db: Database, make_user, tmp_path: Path
) -> None:
    clerk = make_user("wangfang", Role.DISCLOSURE_STAFF)
    form = CaseForm(applicant_type=ApplicantType.NATURAL, applicant_name="张三", id_type="居民身份证",
                    phone="13800138000", address="锦屏县三江镇飞山路1号", channel=Channel.IN_PERSON,
                    submitted_on=TODAY, content="申请公开招标文件", delivery_method=DeliveryMethod.POST)
    with db.session_factory.begin() as s:
        case_id = register_case(s, clerk, form, TODAY).id
        doc_id = add_document(s, clerk, case_id, "original_request", "a.pdf", PDF).id
    out = tmp_path / "案卷.zip"
    run_export(db, lambda s: export_case_file(s, clerk, case_id, out))
    assert zipfile.ZipFile(out).namelist()[1].endswith("a.pdf")
    out.unlink()
    _tamper(db, CaseDocument, doc_id)
    with pytest.raises(AttachmentDamaged):
        run_export(db, lambda s: export_case_file(s, clerk, case_id, out))
    with db.reader() as s:
        _refused_and_recorded(db, clerk, lambda: document_content(s, doc_id), "case_document", doc_id)
    assert not out.exists()  # the zip is written complete or not at all


@pytest.mark.sqlite_only  # about files on this PC, not the database
def test_files_for_viewing_are_private_and_never_written_through_a_planted_link(data_dir: Path, tmp_path: Path) -> None:
    first = write_for_viewing("../../答复书.docx", b"one", data_dir)
    second = write_for_viewing("答复书.docx", b"two", data_dir)
    assert first.name == second.name == "答复书.docx" and first.parent != second.parent  # no path escape
    assert first.parent.parent == second.parent.parent == view_dir(data_dir)
    assert len(first.parent.name) > 8  # an unpredictable folder name
    if os.name == "posix":
        assert (view_dir(data_dir).stat().st_mode & 0o777, first.stat().st_mode & 0o777) == (0o700, 0o600)
        # Someone replaces the private folder with a link to a folder of their choosing.
        victim = tmp_path / "elsewhere"
        victim.mkdir()
        for entry in view_dir(data_dir).iterdir():
            for f in entry.iterdir():
                f.unlink()
            entry.rmdir()
        view_dir(data_dir).rmdir()
        (data_dir / "opened").symlink_to(victim, target_is_directory=True)
        with pytest.raises(OSError):
            write_for_viewing("答复书.docx", b"three", data_dir)
        assert list(victim.iterdir()) == []
