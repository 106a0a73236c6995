"""The redaction view takes 保存标记/生成公开件 from app.redaction.service.mark_actions: a user who may not
save sees them off with the reason and is not asked "是否保存？" when leaving (issue 14)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.auth.roles import Role
from tests.redaction.pdf_samples import text_pdf, to_bytes
from tests.ui_cases.test_ui_cases_redaction import _open_case
from ui.cases.redaction_view import RedactionDialog
from ui.context import AppContext

pytestmark = pytest.mark.gui


def test_a_user_who_may_not_save_is_not_asked_to(qtbot, db, ctx, clerk, add_case, make_user, answers,  # type: ignore[no-untyped-def]
                                                 tmp_path: Path) -> None:
    tab = _open_case(qtbot, db, ctx, clerk, add_case)
    source = tmp_path / "审批表.pdf"
    source.write_bytes(to_bytes(text_pdf([["其余内容可以公开。"]])))
    assert tab.detail.redaction.add_file(source)
    case_id = tab.detail.case_id

    editor = make_user("caibian", Role.EDITOR, display_name="周采编")
    other = _open_case(qtbot, db, AppContext(db=db, actor=editor), clerk, add_case)
    other.detail.show_case(case_id)
    dlg = other.detail.redaction.open_selected()
    assert isinstance(dlg, RedactionDialog)
    role = "此操作需要以下角色之一：信息公开工作人员、系统管理员。当前用户“周采编”无此权限。"
    for button in (dlg.save_button, dlg.generate_button):
        assert not button.isEnabled() and button.toolTip() == role
    dlg.editor.changed = True  # what drawing a mark does
    dlg.close()
    assert answers == []

    mine = tab.detail.redaction.open_selected()
    assert isinstance(mine, RedactionDialog) and mine.save_button.isEnabled()
    mine.editor.changed = True
    mine.close()
    assert answers == ["遮盖处理"]
