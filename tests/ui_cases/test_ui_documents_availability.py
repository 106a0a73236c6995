"""The case file's buttons take their state from app.cases.archive.document_actions_for: a user who
may not remove a document sees 删除 off with the reason and is never asked "确定…删除…吗？" (issue 14)."""

from __future__ import annotations

import pytest

from app.auth.roles import Role
from app.cases.archive import add_document
from tests.ui_cases._support import show_detail
from ui.context import AppContext

pytestmark = pytest.mark.gui
PDF = b"%PDF-1.4\n1 0 obj<</Type /Page>>endobj\n%%EOF\n"


def test_removal_is_refused_before_the_question(qtbot, db, clerk, add_case, make_user, answers, boxes) -> None:  # type: ignore[no-untyped-def]
    case_id = add_case()
    with db.session_factory.begin() as s:
        add_document(s, clerk, case_id, "original_request", "申请.pdf", PDF)
    editor = make_user("caibian", Role.EDITOR, display_name="周采编")
    panel = show_detail(qtbot, AppContext(db=db, actor=editor), case_id).documents
    role = "此操作需要以下角色之一：信息公开工作人员、系统管理员。当前用户“周采编”无此权限。"
    assert not panel.remove_button.isEnabled() and panel.remove_button.toolTip() == role
    assert not panel.add_button.isEnabled() and panel.add_button.toolTip() == role
    panel.doc_table.selectRow(0)
    assert panel.selected_document() is not None
    assert not panel.remove_selected()
    assert answers == [] and boxes.texts() == [role]

    clerk_panel = show_detail(qtbot, AppContext(db=db, actor=clerk), case_id).documents
    assert clerk_panel.remove_button.isEnabled()
    clerk_panel.doc_table.selectRow(0)
    assert clerk_panel.remove_selected() and answers == ["删除材料"]
