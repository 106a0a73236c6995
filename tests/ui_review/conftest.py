"""Fixtures for the 发布审核 GUI tests: an editor, a section head and a leader on a real SQLite
database, Qt set up like the program, and helpers that drive the review and sign-off dialogs."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import datetime

import pytest
from PySide6.QtCore import QDateTime, Qt, QThreadPool
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from app.bootstrap import Database
from app.context import Actor
from app.review.enums import SourceKind
from app.review.posts import PostForm, create_post, get_post
from tests.conftest import TEST_PASSWORD
from tests.review_people import review_people
from tests.ui.conftest import _configured_qapp  # noqa: F401  (the same Qt set-up)
from ui.context import AppContext
from ui.review.checklist_model import COL_OK
from ui.review.post_editor import PostEditor
from ui.review.review_dialog import ReviewDialog
from ui.signoff_dialog import SignOffDialog

GOV_URL = "https://www.gov.cn/zhengce/content/202405/content_6949.htm"


@pytest.fixture(autouse=True)
def _clean_up_windows(qapp: QApplication) -> Iterator[None]:
    """Checks run on pool threads and boxes open without blocking: finish both before the next test."""
    yield
    QThreadPool.globalInstance().waitForDone(10_000)
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, PostEditor):
            widget.dirty = False
        if widget.isVisible():
            widget.close()


@pytest.fixture
def people(make_user: Callable[..., Actor]) -> dict[str, Actor]:
    return review_people(make_user, "editor", "head", "leader", "admin")


@pytest.fixture
def ctx(db: Database, people: dict[str, Actor]) -> AppContext:
    return AppContext(db, people["editor"])


def reprint_form(title: str = "国务院办公厅关于优化营商环境的通知", body: str = "正文内容……", **kw: object) -> PostForm:
    form = PostForm(title=title, target="政策文件", body=body, source_kind=SourceKind.REPRINT,
                    source_site="中国政府网", reprinted_at=datetime(2024, 5, 6, 1, 30), source_url=GOV_URL)
    for key, value in kw.items():
        setattr(form, key, value)
    return form


@pytest.fixture
def add_post(db: Database, people: dict[str, Actor]) -> Callable[..., int]:
    """Create a draft through the real service (fast set-up); returns its id."""

    def _add(**kw: object) -> int:
        with db.session_factory.begin() as s:
            return create_post(s, people["editor"], reprint_form(**kw)).id

    return _add


def status_of(db: Database, post_id: int) -> str:
    with db.session_factory() as s:
        return get_post(s, post_id).status


def tick_all(dialog: ReviewDialog) -> None:
    """Tick every point and requirement, as a reviewer clicking each box does."""
    for model in (dialog.points, dialog.requirements):
        for row in range(model.rowCount()):
            assert model.setData(model.index(row, COL_OK), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)


def sign(qtbot: QtBot, dialog: SignOffDialog, username: str, *, approve: bool = True,
         password: str = TEST_PASSWORD) -> None:
    """The signer types their own user name and password on this PC and clicks."""
    qtbot.keyClicks(dialog.username, username)
    qtbot.keyClicks(dialog.password, password)
    button = dialog.approve_button if approve else dialog.return_button
    assert button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type `text` as a user does: ASCII key by key, Chinese as an input method commits it
    (QTest's key clicks only know ASCII)."""
    widget.setFocus()
    for chunk in re.findall(r"[\x20-\x7e]+|[^\x20-\x7e]+", text):
        if chunk.isascii():
            qtbot.keyClicks(widget, chunk)
        else:
            event = QInputMethodEvent()
            event.setCommitString(chunk)
            QApplication.sendEvent(widget, event)


def reprint_time() -> QDateTime:
    return QDateTime(2024, 5, 6, 9, 30, 0)


class Boxes:
    """The message boxes the UI opened (non-blocking, so a test can read and close them)."""

    def texts(self) -> list[str]:
        return [w.text() for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]

    def close(self) -> None:
        for w in QApplication.topLevelWidgets():
            if isinstance(w, QMessageBox):
                w.close()


@pytest.fixture
def boxes() -> Iterator[Boxes]:
    b = Boxes()
    yield b
    b.close()
