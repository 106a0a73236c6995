"""Opening a case document (issue 13): the stored hash is re-checked, a changed file is refused and
recorded, and what is opened goes to a private per-user folder, not the shared temp folder."""

from __future__ import annotations

import os
import stat
import tempfile
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select, update

from app.audit.models import AuditEntry
from app.bootstrap import Database
from app.cases.archive import add_document
from app.cases.models import CaseDocument
from app.context import Actor
from app.view_files import FOLDER_NAME, clear_view_dir
from ui.cases.case_view import load_case_view
from ui.cases.documents_panel import DocumentsPanel
from ui.context import AppContext

pytestmark = pytest.mark.gui
PDF = b"%PDF-1.4\n1 0 obj << /Type /Page >> endobj\n%%EOF\n"


def _panel(qtbot, ctx: AppContext, db: Database, case_id: int) -> DocumentsPanel:  # type: ignore[no-untyped-def]
    panel = DocumentsPanel(ctx)
    qtbot.addWidget(panel)
    with db.reader() as s:
        panel.set_case(load_case_view(s, case_id, date.today()))
    panel.doc_table.selectRow(0)
    return panel


def test_opened_document_goes_to_a_private_folder_and_a_changed_one_is_refused(
    qtbot, db: Database, ctx: AppContext, clerk: Actor, add_case, opened: list[Path], boxes, data_dir: Path,  # type: ignore[no-untyped-def]
) -> None:
    case_id = add_case()
    with db.session_factory.begin() as s:
        doc_id = add_document(s, clerk, case_id, "original_request", "申请书.pdf", PDF).id
    panel = _panel(qtbot, ctx, db, case_id)

    panel.open_selected()
    assert len(opened) == 1 and opened[0].read_bytes() == PDF and opened[0].name == "申请书.pdf"
    private = data_dir / FOLDER_NAME
    assert opened[0].parent.parent == private  # under the data folder, in a sub-folder of its own
    assert not str(opened[0]).startswith(str(Path(tempfile.gettempdir()) / "govinfo-desk-documents"))
    if os.name == "posix":
        assert stat.S_IMODE(private.stat().st_mode) == 0o700
        assert stat.S_IMODE(opened[0].parent.stat().st_mode) == 0o700
        assert stat.S_IMODE(opened[0].stat().st_mode) == 0o600
    panel.open_selected()  # the same file again (the first still open in Word) never clashes
    assert len(opened) == 2 and opened[1] != opened[0]

    # Someone changes the stored bytes with a SQL client, keeping the size.
    with db.session_factory.begin() as s:
        s.execute(update(CaseDocument).where(CaseDocument.id == doc_id).values(content=PDF.replace(b"Page", b"Pagf")))
    panel.open_selected()
    assert len(opened) == 2  # nothing handed to Word
    assert any("申请书.pdf" in t and "已损坏或被改动" in t and "系统管理员" in t for t in boxes.texts()), boxes.texts()
    with db.reader() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "integrity_failed")).one()
    assert (entry.record_type, entry.record_id, entry.username) == ("case_document", str(doc_id), "clerk")

    assert clear_view_dir(data_dir) == 0  # at exit (and at the next start) nothing opened is left
    assert list(private.iterdir()) == []
