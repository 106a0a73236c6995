"""生成办理单 in 案卷材料: the form of any case, read back, filed under 办理单."""

from __future__ import annotations

import io

import pytest
from docx import Document
from PySide6.QtCore import Qt

from app.cases.handling import start_handling
from ui.cases.case_detail import CaseDetail

pytestmark = pytest.mark.gui


def test_handling_form_button_files_and_opens_the_form(qtbot, db, ctx, clerk, add_case, opened, boxes) -> None:
    case_id = add_case(name="李梅")
    with db.session_factory.begin() as s:
        start_handling(s, clerk, case_id)
    detail = CaseDetail(ctx)
    qtbot.addWidget(detail)
    ctx.events.changed.connect(lambda _changes: detail.reload())
    detail.show_case(case_id)
    docs = detail.documents
    assert any(r.code == "handling_form" and r.missing for r in docs.view.checklist)  # type: ignore[union-attr]
    qtbot.mouseClick(docs.form_button, Qt.MouseButton.LeftButton)
    assert opened and opened[-1].name.startswith("政府信息公开申请办理单"), boxes.texts()
    doc = Document(io.BytesIO(opened[-1].read_bytes()))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "李梅（自然人）" in cells and "办理中" in cells
    assert not any(r.code == "handling_form" and r.missing for r in docs.view.checklist)  # type: ignore[union-attr]
    assert [d.filename for d in docs.documents.rows if d.letter_kind == "handling-form"] == [
        "政府信息公开申请办理单.docx"]
