"""Issue 13: a trail cut short (SQL on the database) is announced when the window opens, and the
program stays usable read-only."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from app.audit.service import AuditTampered, record
from app.auth.roles import Role
from app.bootstrap import Database
from app.context import Actor
from ui.audit_warning import warn_if_tampered
from ui.context import AppContext

pytestmark = pytest.mark.gui


def test_a_cut_trail_is_announced_and_saves_are_refused(
    qtbot: QtBot, db: Database, make_user: Callable[..., Actor]
) -> None:
    admin = make_user("guanli", Role.ADMIN, display_name="管理员")
    window = QMainWindow()
    qtbot.addWidget(window)
    assert warn_if_tampered(db, window) is None  # a sound trail: nothing to say
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_entries"))
        conn.execute(text("UPDATE audit_head SET last_seq = 0, last_hash = :g"), {"g": "0" * 64})
    box = warn_if_tampered(db, window)
    assert box is not None and "末尾被删除" in box.text() and "只读" in box.text()
    assert "只读" in window.statusBar().currentMessage()
    ctx = AppContext(db, admin)
    with pytest.raises(AuditTampered), ctx.unit_of_work() as s:
        record(s, ctx.actor, "update", "case", 1, summary="保存")
    box.close()
