"""The steps the case GUI tests take most: show a started case, press a panel's button and take the
form dialog it opened; in a sign-off dialog, the clerk's own name refused before 陈军 (fenguan, from
the `leaders` fixture) approves."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton
from pytestqt.qtbot import QtBot

from app.bootstrap import Database
from app.context import Actor
from tests.conftest import TEST_PASSWORD
from tests.ui_cases._support import show_detail, started_case
from ui.cases.case_detail import CaseDetail
from ui.cases.form_dialog import FormDialog
from ui.context import AppContext
from ui.signoff_dialog import SignOffDialog


class OpensDialogs(Protocol):
    """A panel that keeps the form dialog its last button opened (handling, 第三十五条 panels)."""

    @property
    def dialog(self) -> FormDialog | None: ...


def shown_started_case(qtbot: QtBot, db: Database, ctx: AppContext, clerk: Actor,
                       add_case: Callable[..., int]) -> tuple[int, CaseDetail]:
    """A case registered and started today, and its detail view."""
    case_id = started_case(db, clerk, add_case)
    return case_id, show_detail(qtbot, ctx, case_id)


def dialog_from(qtbot: QtBot, panel: OpensDialogs, button: QAbstractButton) -> FormDialog:
    """The dialog a click on one of `panel`'s buttons opens."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = panel.dialog
    assert dialog is not None
    return dialog


def clerk_refused_then_leader_approves(qtbot: QtBot, sign: SignOffDialog) -> None:
    """The clerk types his own name and password: refused, the dialog stays open with its message;
    then 陈军 signs and approves."""
    qtbot.keyClicks(sign.username, "clerk")
    qtbot.keyClicks(sign.password, TEST_PASSWORD)
    qtbot.mouseClick(sign.approve_button, Qt.MouseButton.LeftButton)
    assert sign.isVisible() and sign.message.text()
    sign.username.setText("fenguan")
    sign.password.setText(TEST_PASSWORD)
    qtbot.mouseClick(sign.approve_button, Qt.MouseButton.LeftButton)
