"""GUI fixtures: Qt configured like the real program (zh_CN translator, CJK font), throw-away
QSettings, and an AppContext for a freshly created user."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from app.auth.roles import Role
from app.bootstrap import Database
from app.context import Actor
from ui.app_setup import configure_application
from ui.context import AppContext

if TYPE_CHECKING:
    from ui.main_window import MainWindow


@pytest.fixture(scope="session", autouse=True)
def _configured_qapp(qapp: QApplication) -> QApplication:
    configure_application(qapp)
    return qapp


@pytest.fixture(autouse=True)
def _close_stray_windows(qapp: QApplication) -> Iterator[None]:
    """Non-blocking message boxes a test opened must not leak into the next test."""
    yield
    for widget in QApplication.topLevelWidgets():
        if widget.isVisible():
            widget.close()


@pytest.fixture
def qsettings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def make_ctx(db: Database, make_user: Callable[..., Actor]) -> Callable[..., AppContext]:
    """make_ctx("wangfang", Role.EDITOR) → an AppContext signed in as a new user with those roles."""

    def _make(username: str, *roles: Role, display_name: str | None = None) -> AppContext:
        return AppContext(db, make_user(username, *roles, display_name=display_name))

    return _make


@pytest.fixture
def admin_ctx(make_ctx: Callable[..., AppContext]) -> AppContext:
    return make_ctx("admin1", Role.ADMIN, display_name="管理员甲")


@pytest.fixture
def visible_message_boxes() -> Callable[[], list[QMessageBox]]:
    """Returns a function listing the message boxes this test opened and that are still shown (they
    open non-blocking); a box another test left behind is not this test's."""
    before = {id(w) for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)}

    def _boxes() -> list[QMessageBox]:
        return [w for w in QApplication.topLevelWidgets()
                if isinstance(w, QMessageBox) and w.isVisible() and id(w) not in before]

    return _boxes


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    """A plain shown widget to parent the dialogs and boxes a test opens."""
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.fixture
def clerk_window(qtbot: QtBot, make_ctx: Callable[..., AppContext], tmp_path: Path) -> MainWindow:
    """The main window, shown and active, for 王芳 (依申请公开 clerk and 信息采编员) with throw-away settings."""
    from tests.ui.date_typing import activate
    from ui.main_window import MainWindow

    ctx = make_ctx("wangfang", Role.DISCLOSURE_STAFF, Role.EDITOR, display_name="王芳")
    win = MainWindow(ctx, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), idle_timeout=0)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    activate(win)
    return win


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """The sample data, filled once per module (it takes a while); the tests only read it."""
    from datetime import date

    from app.bootstrap import open_database
    from app.demo import fill_demo
    from app.workdays.service import load_calendar

    database = open_database(tmp_path_factory.mktemp("demo"))
    with database.session_factory.begin() as s:
        fill_demo(s, load_calendar(s), date.today())
    yield database
    database.dispose()
