"""系统设置 → 账户管理, driven through real widgets on a real SQLite database."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.audit.models import AuditEntry
from app.auth.models import User
from app.auth.roles import Role
from app.bootstrap import Database
from app.changes import Changes, RecordKind
from tests.admin._support import dialog_for, enter_new_password, user_row
from ui import messages
from ui.admin import AdminTab
from ui.admin.accounts_page import AccountsPage
from ui.admin.user_dialog import ResetPasswordDialog, UserDialog
from ui.admin.users_model import UsersModel
from ui.context import AppContext

pytestmark = pytest.mark.gui


@pytest.fixture
def ctx(db: Database, make_user) -> AppContext:
    admin = make_user("guanli", Role.ADMIN, display_name="管理员")
    make_user("lihua", Role.DISCLOSURE_STAFF, display_name="李华")
    return AppContext(db=db, actor=admin)


@pytest.fixture
def tab(qtbot: QtBot, ctx: AppContext) -> AdminTab:
    widget = AdminTab(ctx)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _page(tab: AdminTab) -> AccountsPage:
    assert tab.accounts_page is not None
    return tab.accounts_page


def _click_ok(qtbot: QtBot, buttons: QDialogButtonBox) -> None:
    qtbot.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_create_user_through_the_dialog(qtbot: QtBot, tab: AdminTab, ctx: AppContext) -> None:
    page = _page(tab)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.findChild(UserDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.username_edit, "zhangmin")
    dialog.display_name_edit.setText("张敏")  # QTest.keyClicks types ASCII only
    dialog.section_combo.setCurrentText("信息公开科")
    qtbot.keyClicks(dialog.password_edit, "Secret#2027")
    qtbot.keyClicks(dialog.password_again_edit, "Secret#2027")
    dialog.role_checks[Role.EDITOR].setChecked(True)
    dialog.role_checks[Role.SECTION_HEAD].setChecked(True)
    with qtbot.waitSignal(ctx.events.changed) as changed:
        _click_ok(qtbot, dialog.buttons)
    assert changed.args == [Changes.of(RecordKind.USERS)]
    assert not dialog.isVisible()

    user = user_row(ctx.db, "zhangmin")
    assert user.display_name == "张敏" and user.section == "信息公开科" and user.active
    assert user.role_names == {Role.EDITOR.value, Role.SECTION_HEAD.value}
    row = page.model.row_at(page.model.row_of(user.id))
    assert row is not None and row.roles_text == "信息采编员、科室负责人"
    assert page.selected_row() == row


def test_refused_input_keeps_the_dialog_open(qtbot: QtBot, tab: AdminTab, ctx: AppContext) -> None:
    page = _page(tab)
    page.new_user()
    dialog = page.findChild(UserDialog)
    assert dialog is not None
    dialog.username_edit.setText("LiHua")  # user names are unique regardless of case
    dialog.display_name_edit.setText("另一个李华")
    dialog.password_edit.setText("Secret#2027")
    dialog.password_again_edit.setText("Secret#2027")
    dialog.role_checks[Role.EDITOR].setChecked(True)
    _click_ok(qtbot, dialog.buttons)
    assert dialog.isVisible()
    box = dialog.findChild(QMessageBox)
    assert box is not None and "已被使用" in box.text()
    with ctx.reader() as s:
        assert s.scalar(select(User).where(User.display_name == "另一个李华")) is None


def test_password_mismatch_and_missing_role_are_reported(qtbot: QtBot, tab: AdminTab) -> None:
    page = _page(tab)
    page.new_user()
    dialog = page.findChild(UserDialog)
    assert dialog is not None
    dialog.username_edit.setText("wangwu")
    dialog.display_name_edit.setText("王五")
    dialog.password_edit.setText("Secret#2027")
    dialog.password_again_edit.setText("Secret#2028")
    _click_ok(qtbot, dialog.buttons)
    assert any("不一致" in b.text() for b in dialog.findChildren(QMessageBox))
    dialog.password_again_edit.setText("Secret#2027")
    _click_ok(qtbot, dialog.buttons)
    assert any("至少选择一个角色" in b.text() for b in dialog.findChildren(QMessageBox))
    assert dialog.isVisible()


def test_edit_roles(qtbot: QtBot, tab: AdminTab, ctx: AppContext) -> None:
    page = _page(tab)
    dialog = dialog_for(page, user_row(ctx.db, "lihua").id, page.edit_selected, UserDialog)
    assert dialog.username_edit.isReadOnly()
    assert dialog.role_checks[Role.DISCLOSURE_STAFF].isChecked()
    dialog.role_checks[Role.SECTION_HEAD].setChecked(True)
    dialog.display_name_edit.setText("李华华")
    _click_ok(qtbot, dialog.buttons)
    user = user_row(ctx.db, "lihua")
    assert user.display_name == "李华华"
    assert user.role_names == {Role.DISCLOSURE_STAFF.value, Role.SECTION_HEAD.value}


def test_deactivate_and_reactivate(
    qtbot: QtBot, tab: AdminTab, ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    def confirm(parent: object, title: str, text: str, **kw: object) -> bool:
        asked.append(text)
        return True

    monkeypatch.setattr(messages, "confirm", confirm)
    page = _page(tab)
    lihua = user_row(ctx.db, "lihua")
    page.select_user(lihua.id)
    assert page.toggle_button.text() == "停用"
    qtbot.mouseClick(page.toggle_button, Qt.MouseButton.LeftButton)
    assert asked and "李华" in asked[0]
    assert not user_row(ctx.db, "lihua").active
    row = page.selected_row()
    assert row is not None and row.status_text == "停用"
    assert page.toggle_button.text() == "启用"
    qtbot.mouseClick(page.toggle_button, Qt.MouseButton.LeftButton)
    assert user_row(ctx.db, "lihua").active
    assert len(asked) == 1  # reactivating needs no confirmation
    with ctx.reader() as s:
        summaries = list(s.scalars(select(AuditEntry.summary).where(AuditEntry.record_type == "user")))
    assert "停用账户 lihua" in summaries and "启用账户 lihua" in summaries


def test_cannot_deactivate_yourself(
    qtbot: QtBot, tab: AdminTab, ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(messages, "confirm", lambda _parent, title, *a, **kw: asked.append(title) or True)
    page = _page(tab)
    assert ctx.actor.user_id is not None
    page.select_user(ctx.actor.user_id)
    page.toggle_selected()
    box = page.findChild(QMessageBox)
    assert box is not None and box.text() == "不能停用自己正在使用的账户。"
    assert asked == []  # refused before "确定停用吗？", never after it (issue 14)
    assert user_row(ctx.db, "guanli").active


def test_reset_password(qtbot: QtBot, tab: AdminTab, ctx: AppContext) -> None:
    page = _page(tab)
    dialog = dialog_for(page, user_row(ctx.db, "lihua").id, page.reset_selected, ResetPasswordDialog)
    enter_new_password(qtbot, dialog, "short")
    assert dialog.isVisible()
    enter_new_password(qtbot, dialog, "Temp#12345")
    assert not dialog.isVisible()
    assert user_row(ctx.db, "lihua").must_change_password


def test_non_admin_sees_a_refusal(qtbot: QtBot, db: Database, make_user) -> None:
    editor = make_user("caibian", Role.EDITOR, display_name="采编")
    tab = AdminTab(AppContext(db=db, actor=editor))
    qtbot.addWidget(tab)
    assert tab.is_refused
    assert tab.refusal is not None and "仅供系统管理员" in tab.refusal.text() and "采编" in tab.refusal.text()
    assert tab.accounts_page is None and tab.nav is None


def test_tab_rebuilds_when_the_signed_in_user_changes(qtbot: QtBot, tab: AdminTab, ctx: AppContext,
                                                      make_user) -> None:
    assert not tab.is_refused and tab.nav is not None and tab.nav.count() == 5  # 账户管理 系统参数 节假日 审计记录 词库
    ctx.actor = make_user("lingdao", Role.PRINCIPAL_LEADER)
    ctx.events.actor_changed.emit()
    assert tab.is_refused


def test_users_model_passes_modeltester(qtmodeltester, tab: AdminTab) -> None:
    model = _page(tab).model
    assert isinstance(model, UsersModel) and model.rowCount() == 2
    qtmodeltester.check(model)
