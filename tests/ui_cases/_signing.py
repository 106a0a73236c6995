"""Signing in a SignOffDialog the way the case GUI tests do: the clerk's own name is refused first,
then the 分管领导 陈军 (fenguan, from the `leaders` fixture) approves."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.conftest import TEST_PASSWORD
from ui.signoff_dialog import SignOffDialog


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
