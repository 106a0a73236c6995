"""编辑账户 saved on another PC first is not a dead end (issue 19): the fields that differ, theirs /
yours, a choice per field, and the save goes through on the account as it is now.

The other PC is a second session calling the account service while this dialog is open.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.auth.models import User
from app.auth.roles import Role
from app.auth.service import update_user
from app.bootstrap import Database
from app.context import Actor
from app.errors import ConflictError
from ui.admin.accounts_page import AccountsPage
from ui.admin.user_dialog import UserDialog
from ui.context import AppContext

pytestmark = pytest.mark.gui


@pytest.fixture
def ctx(db: Database, make_user) -> AppContext:  # type: ignore[no-untyped-def]
    admin = make_user("guanli", Role.ADMIN, display_name="管理员")
    make_user("lihua", Role.DISCLOSURE_STAFF, display_name="李华")
    return AppContext(db=db, actor=admin)


def _lihua(db: Database) -> User:
    with db.session_factory() as s:
        user = s.scalar(select(User).where(User.username == "lihua"))
        assert user is not None
        _ = user.role_names  # load the roles before the session closes
        return user


@pytest.fixture
def page(qtbot: QtBot, ctx: AppContext) -> AccountsPage:
    widget = AccountsPage(ctx)  # held by the test: the editor dialog is its child
    qtbot.addWidget(widget)
    return widget


def _open_editor(page: AccountsPage) -> UserDialog:
    page.select_user(_lihua(page.ctx.db).id)
    page.edit_selected()
    dialog = page.findChild(UserDialog)
    assert dialog is not None
    return dialog


def _other_pc(db: Database, **changes: object) -> None:
    """Another administrator's save, in its own session, on the version it read just now."""
    user = _lihua(db)
    with db.session_factory.begin() as s:
        update_user(s, Actor.system(), user.id, expected_version=user.version, **changes)  # type: ignore[arg-type]


def _message_boxes() -> list[QMessageBox]:
    from PySide6.QtWidgets import QApplication

    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


def test_an_account_changed_on_another_pc_shows_theirs_and_yours_and_saves_the_choice(
    qtbot: QtBot, ctx: AppContext, page: AccountsPage
) -> None:
    dialog = _open_editor(page)
    _other_pc(ctx.db, section="办公室", roles=[Role.DISCLOSURE_STAFF, Role.EDITOR])
    dialog.display_name_edit.setText("李华华")
    dialog.role_checks[Role.SECTION_HEAD].setChecked(True)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)

    conflict = dialog.conflict
    assert conflict is not None and conflict.isVisible()
    intro = conflict.findChild(QLabel)
    assert intro is not None and "已被其他人修改" in intro.text() and "lihua" in intro.text()
    assert _message_boxes() == []  # the dialog, not the old dead-end message box
    assert [r.field for r in conflict.rows] == ["display_name", "section", "roles"]
    rows = {r.field: r for r in conflict.rows}
    assert rows["display_name"].theirs == "李华" and rows["display_name"].yours == "李华华"
    assert rows["section"].theirs == "办公室" and rows["section"].yours == "（空）"
    assert Role.EDITOR.label in rows["roles"].theirs and Role.SECTION_HEAD.label in rows["roles"].yours
    # What the administrator typed is kept by default; what only the other PC changed is taken.
    assert conflict.mine["display_name"].isChecked() and conflict.mine["roles"].isChecked()
    assert conflict.theirs["section"].isChecked()
    conflict.theirs["roles"].setChecked(True)  # on second thoughts: the other PC's roles
    assert _lihua(ctx.db).display_name == "李华"  # nothing saved yet
    qtbot.mouseClick(conflict.save_button, Qt.MouseButton.LeftButton)

    user = _lihua(ctx.db)
    assert (user.display_name, user.section) == ("李华华", "办公室")
    assert user.role_names == {Role.DISCLOSURE_STAFF.value, Role.EDITOR.value}
    assert dialog.result() == dialog.DialogCode.Accepted


def test_a_role_only_change_on_another_pc_is_a_conflict_too(ctx: AppContext, db: Database) -> None:
    # Roles live in their own rows: the account's version must move with them, or the stale form
    # below would silently take the new role away again.
    before = _lihua(db)
    _other_pc(db, roles=[Role.DISCLOSURE_STAFF, Role.EDITOR])
    with pytest.raises(ConflictError, match="已被其他人修改"), db.session_factory.begin() as s:
        update_user(s, Actor.system(), before.id, display_name="李华华", roles=[Role.DISCLOSURE_STAFF],
                    expected_version=before.version)
    assert _lihua(db).role_names == {Role.DISCLOSURE_STAFF.value, Role.EDITOR.value}


def test_cancelling_the_conflict_keeps_the_form_and_saves_nothing(
    qtbot: QtBot, ctx: AppContext, page: AccountsPage
) -> None:
    dialog = _open_editor(page)
    _other_pc(ctx.db, display_name="李华（借调）")
    dialog.display_name_edit.setText("李华华")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    conflict = dialog.conflict
    assert conflict is not None
    qtbot.mouseClick(conflict.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.display_name_edit.text() == "李华华"
    assert _lihua(ctx.db).display_name == "李华（借调）"
