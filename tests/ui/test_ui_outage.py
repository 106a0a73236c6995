"""A lost database server (issue 19): visible in the status bar before the clerk acts, logged once
per state change by the background check, and the outage message offers the 重试 it names."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from app.bootstrap import Database
from app.context import Actor
from ui.change_watcher import ChangeWatcher
from ui.connection_indicator import ConnectionIndicator
from ui.context import AppContext
from ui.operations import Op


def _gone() -> OperationalError:
    # What SQLAlchemy raises when the database (here: its file's disk) cannot be reached.
    return OperationalError("SELECT 1", {}, sqlite3.OperationalError("unable to open database file"))


class _Outage:
    """Makes the context's database unreachable until `end()`."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx, self.down = ctx, False
        self._reader, self._unit = ctx.reader, ctx.unit_of_work

        def reader() -> AbstractContextManager[Session]:
            if self.down:
                raise _gone()
            return self._reader()

        def unit_of_work() -> AbstractContextManager[Session]:
            if self.down:
                raise _gone()
            return self._unit()

        ctx.reader = reader  # type: ignore[method-assign]
        ctx.unit_of_work = unit_of_work  # type: ignore[method-assign]


def _poll(qtbot: QtBot, watcher: ChangeWatcher) -> None:
    watcher.poll()
    qtbot.waitUntil(lambda: watcher._task is not None and watcher._task.is_finished, timeout=5000)
    qtbot.wait(20)  # the result is delivered to the GUI thread


def test_the_status_bar_shows_a_lost_server_and_the_log_gets_one_line_per_change(
        qtbot: QtBot, db: Database, caplog: pytest.LogCaptureFixture) -> None:
    ctx = AppContext(db=db, actor=Actor.system())
    outage = _Outage(ctx)
    watcher = ChangeWatcher(ctx, interval_ms=60_000)  # polled by hand below
    indicator = ConnectionIndicator()
    qtbot.addWidget(indicator)
    watcher.reachability_changed.connect(indicator.set_reachable)
    qtbot.waitUntil(lambda: watcher._last is not None)
    assert indicator.isHidden()

    caplog.set_level(logging.INFO, logger="ui.change_watcher")
    outage.down = True
    for _ in range(5):  # fifty seconds of outage
        _poll(qtbot, watcher)
    assert not indicator.isHidden() and "数据库连接中断" in indicator.text()
    assert "无法访问数据库文件" in indicator.toolTip()
    lines = [r for r in caplog.records if r.name == "ui.change_watcher"]
    assert len(lines) == 1 and lines[0].levelno == logging.WARNING and lines[0].exc_info is None
    assert "\n" not in lines[0].getMessage() and "OperationalError" in lines[0].getMessage()

    outage.down = False
    _poll(qtbot, watcher)
    _poll(qtbot, watcher)
    assert indicator.isHidden()
    lines = [r for r in caplog.records if r.name == "ui.change_watcher"]
    assert [r.levelno for r in lines] == [logging.WARNING, logging.INFO]
    watcher.stop()


def test_the_outage_message_offers_retry_and_retry_runs_the_action_again(
        qtbot: QtBot, db: Database, visible_message_boxes: Callable[[], list[QMessageBox]]) -> None:
    ctx = AppContext(db=db, actor=Actor.system())
    parent = QWidget()
    qtbot.addWidget(parent)
    outage = _Outage(ctx)
    runs: list[int] = []
    outage.down = True
    assert not ctx.run(Op(lambda s: runs.append(1), parent=parent, title="保存")).ok
    (box,) = visible_message_boxes()
    assert "恢复后重试" in box.text()
    names = sorted(b.text() for b in box.buttons())
    assert names == ["取消", "重试"]  # the buttons its text speaks of; no lone 确定
    outage.down = False  # the server is back
    retry = next(b for b in box.buttons() if b.text() == "重试")
    retry.click()
    qtbot.waitUntil(lambda: runs == [1])
    assert visible_message_boxes() == []


def test_a_registration_saved_during_an_outage_is_kept_and_saved_by_retry(
        qtbot: QtBot, db: Database, make_user: Callable[..., Actor],
        visible_message_boxes: Callable[[], list[QMessageBox]]) -> None:
    from sqlalchemy import func, select

    from app.auth.roles import Role
    from app.cases.models import RequestCase
    from tests.ui_cases._intake import VALID_ID, fill_request
    from ui.cases.intake_dialog import IntakeDialog

    ctx = AppContext(db=db, actor=make_user("clerk", Role.DISCLOSURE_STAFF))
    outage = _Outage(ctx)
    dialog = IntakeDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    form = dialog.form
    fill_request(form, VALID_ID)
    outage.down = True
    assert not dialog.save()
    (box,) = visible_message_boxes()
    assert sorted(b.text() for b in box.buttons()) == ["取消", "重试"]
    assert dialog.isVisible() and form.applicant_name.text() == "张三"  # nothing typed is lost
    outage.down = False
    next(b for b in box.buttons() if b.text() == "重试").click()

    def saved() -> bool:
        with db.session_factory() as s:
            return s.scalar(select(func.count()).select_from(RequestCase)) == 1

    qtbot.waitUntil(lambda: dialog.saved_case_id is not None or not dialog.warning_frame.isHidden())
    assert dialog.warning_frame.isHidden(), dialog.warnings.text()
    assert saved()
