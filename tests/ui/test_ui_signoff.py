"""The 签批 dialog against a real database: role checks, exclusion, lockout counting, on_signed."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.auth.models import User
from app.auth.roles import Role
from app.bootstrap import Database
from app.context import Actor
from app.errors import ValidationError
from app.signoff.models import SignOff
from app.signoff.service import Decision, record_signoff
from tests.conftest import TEST_PASSWORD
from ui.context import AppContext
from ui.signoff_dialog import SignOffDialog

pytestmark = pytest.mark.gui
ROLES = (Role.SECTION_HEAD, Role.LEADER_IN_CHARGE)


class Recorder:
    """An on_signed like a feature's: records the sign-off on a 'test' subject."""

    def __init__(self, author_id: int) -> None:
        self.author_id = author_id
        self.calls: list[tuple[str, Decision, str]] = []

    def __call__(self, session: Session, signer: Actor, decision: Decision, opinion: str) -> None:
        self.calls.append((signer.username, decision, opinion))
        record_signoff(
            session, signer, subject_type="test", subject_id=1, step="second", decision=decision,
            opinion=opinion, roles=ROLES, exclude_user_ids=[self.author_id],
        )


@pytest.fixture
def author(make_user: Callable[..., Actor]) -> Actor:
    return make_user("author", Role.EDITOR, Role.SECTION_HEAD, display_name="作者甲")


@pytest.fixture
def ctx(db: Database, author: Actor) -> AppContext:
    return AppContext(db, author)


@pytest.fixture
def recorder(author: Actor) -> Recorder:
    return Recorder(author.user_id or 0)


@pytest.fixture
def zhaomin(make_user: Callable[..., Actor], author: Actor) -> Actor:
    """A 科室负责人 who may sign 二审, created after the author."""
    return make_user("zhaomin", Role.SECTION_HEAD)


def make_dialog(qtbot: QtBot, ctx: AppContext, on_signed: Callable[..., None], author: Actor) -> SignOffDialog:
    assert author.user_id is not None
    dialog = SignOffDialog(
        ctx, title="二审签批", summary_html_or_text="<b>关于2024年政府信息公开工作的通知</b>", roles=ROLES,
        exclude_user_ids=[author.user_id], on_signed=on_signed,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


@pytest.fixture
def dialog(qtbot: QtBot, ctx: AppContext, recorder: Recorder, author: Actor) -> SignOffDialog:
    """The 二审 dialog, opened after any signer the test asks for before it."""
    return make_dialog(qtbot, ctx, recorder, author)


def fill(dialog: SignOffDialog, username: str, password: str = TEST_PASSWORD, opinion: str = "") -> None:
    dialog.username.setText(username)
    dialog.password.setText(password)
    dialog.opinion.setPlainText(opinion)


def press(qtbot: QtBot, dialog: SignOffDialog, button: QPushButton, username: str, password: str = TEST_PASSWORD,
          opinion: str = "") -> None:
    """Name, password and opinion typed in, then `button` (通过 or 退回) pressed."""
    fill(dialog, username, password, opinion)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def signoff_rows(db: Database) -> list[SignOff]:
    with db.session_factory() as s:
        return list(s.scalars(select(SignOff)))


def test_shows_what_is_approved(dialog: SignOffDialog) -> None:
    assert "关于2024年政府信息公开工作的通知" in dialog.summary.toPlainText()
    assert dialog.summary.isReadOnly()
    assert dialog.windowTitle() == "二审签批"


def test_signer_without_role_is_refused(
    qtbot: QtBot, ctx: AppContext, author: Actor, recorder: Recorder, make_user: Callable[..., Actor],
    db: Database,
) -> None:
    make_user("editor2", Role.EDITOR)
    dialog = make_dialog(qtbot, ctx, recorder, author)
    press(qtbot, dialog, dialog.approve_button, "editor2")
    assert "不具有签批此事项所需的角色" in dialog.message.text()
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert recorder.calls == [] and signoff_rows(db) == []


def test_excluded_author_is_refused(qtbot: QtBot, recorder: Recorder, dialog: SignOffDialog, db: Database) -> None:
    press(qtbot, dialog, dialog.approve_button, "author")
    assert "同一人不能签署两个环节" in dialog.message.text()
    assert recorder.calls == [] and signoff_rows(db) == []


def test_correct_signer_runs_on_signed_and_stores_the_signature(
    qtbot: QtBot, ctx: AppContext, author: Actor, recorder: Recorder, make_user: Callable[..., Actor],
    db: Database,
) -> None:
    leader = make_user("zhaomin", Role.SECTION_HEAD, display_name="赵敏")
    dialog = make_dialog(qtbot, ctx, recorder, author)
    fill(dialog, "zhaomin", opinion="同意发布。")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.mouseClick(dialog.approve_button, Qt.MouseButton.LeftButton)
    assert recorder.calls == [("zhaomin", Decision.APPROVE, "同意发布。")]
    (row,) = signoff_rows(db)
    assert (row.signer_id, row.decision, row.opinion, row.subject_type) == (
        leader.user_id, "approve", "同意发布。", "test"
    )
    assert dialog.signed_by is not None and dialog.signed_by.user_id == leader.user_id
    assert dialog.decision is Decision.APPROVE


def test_return_without_opinion_is_refused_before_any_check(
    qtbot: QtBot, recorder: Recorder, zhaomin: Actor, dialog: SignOffDialog, db: Database
) -> None:
    press(qtbot, dialog, dialog.return_button, "zhaomin", password="wrong-password")
    assert "退回时必须" in dialog.message.text()
    assert recorder.calls == []
    with db.session_factory() as s:  # the wrong password was never tried
        assert s.scalar(select(User.failed_attempts).where(User.username == "zhaomin")) == 0


def test_return_with_opinion_is_recorded(
    qtbot: QtBot, zhaomin: Actor, dialog: SignOffDialog, db: Database
) -> None:
    press(qtbot, dialog, dialog.return_button, "zhaomin", opinion="第二段数据需核实。")
    assert dialog.result() == QDialog.DialogCode.Accepted
    (row,) = signoff_rows(db)
    assert row.decision == "return" and row.opinion == "第二段数据需核实。"


def test_wrong_password_counts_toward_lockout(
    qtbot: QtBot, zhaomin: Actor, dialog: SignOffDialog, db: Database
) -> None:
    press(qtbot, dialog, dialog.approve_button, "zhaomin", password="wrong-password")
    assert "用户名或密码不正确" in dialog.message.text()
    with db.session_factory() as s:
        assert s.scalar(select(User.failed_attempts).where(User.username == "zhaomin")) == 1


def test_user_error_from_on_signed_keeps_dialog_and_inputs(
    qtbot: QtBot, ctx: AppContext, author: Actor, zhaomin: Actor, db: Database
) -> None:

    def on_signed(session: Session, signer: Actor, decision: Decision, opinion: str) -> None:
        Recorder(author.user_id or 0)(session, signer, decision, opinion)
        raise ValidationError("稿件已被作者撤回，不能签批。")

    dialog = make_dialog(qtbot, ctx, on_signed, author)
    press(qtbot, dialog, dialog.approve_button, "zhaomin", opinion="同意。")
    assert dialog.message.text() == "稿件已被作者撤回，不能签批。"
    assert dialog.isVisible() and dialog.signed_by is None
    assert (dialog.username.text(), dialog.password.text(), dialog.opinion.toPlainText()) == (
        "zhaomin", TEST_PASSWORD, "同意。"
    )
    assert signoff_rows(db) == []  # on_signed's transaction rolled back
    with db.session_factory() as s:  # the successful signer check was still committed
        assert s.scalar(select(func.count()).select_from(User).where(User.failed_attempts > 0)) == 0


def test_return_button_hidden_when_not_allowed(qtbot: QtBot, ctx: AppContext, author: Actor) -> None:
    dialog = SignOffDialog(
        ctx, title="延期审批", summary_html_or_text="延期 20 个工作日", roles=[Role.LEADER_IN_CHARGE],
        allow_return=False, on_signed=Recorder(author.user_id or 0),
    )
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.return_button.isVisible()
    assert dialog.summary.toPlainText() == "延期 20 个工作日"
