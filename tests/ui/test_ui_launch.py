"""The whole start-up, driven like a user: first run, main window, log out, log in, quit."""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable, Iterator
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from app import paths
from app.backup import list_backups
from tests.ui._support import fill_wizard
from ui import launch
from ui.db_error_dialog import DbErrorDialog
from ui.first_run_wizard import FirstRunWizard
from ui.login_dialog import LoginDialog
from ui.main_window import MainWindow

pytestmark = pytest.mark.gui
PASSWORD = "Kaishi#2024"

Step = Callable[[], bool]
W = TypeVar("W", bound=QWidget)


class Script:
    """Runs steps from a timer while the launcher sits in its own (modal) event loops.

    Each step returns True once it has done its part; a deadline ends a stuck script by closing
    every window so the launcher returns and the test fails instead of hanging."""

    def __init__(self, steps: list[Step], timeout_s: float = 30) -> None:
        self.steps = steps
        self.done: list[int] = []
        self.error: str = ""
        self.deadline = time.monotonic() + timeout_s
        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        if not self.steps:
            self.timer.stop()
            return
        if time.monotonic() > self.deadline:
            self.error = f"stuck at step {len(self.done) + 1}"
            self.timer.stop()
            for widget in QApplication.topLevelWidgets():
                widget.close()
            QApplication.quit()
            return
        try:
            finished = self.steps[0]()
        except Exception as exc:  # report in the test, do not raise inside Qt
            self.error = f"step {len(self.done) + 1} raised {exc!r}"
            finished = False
            self.deadline = 0
        if finished:
            self.steps.pop(0)
            self.done.append(len(self.done) + 1)


def visible(kind: type[W]) -> W | None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, kind) and widget.isVisible():
            return widget
    return None


def on(kind: type[W], act: Callable[[W], None]) -> Step:
    """A step that waits until a `kind` window is visible, then does `act` with it."""

    def step() -> bool:
        widget = visible(kind)
        if widget is None:
            return False
        act(widget)
        return True

    return step


@pytest.fixture
def launcher_env(monkeypatch: pytest.MonkeyPatch, qapp: QApplication) -> Iterator[None]:
    """run() changes process-wide state (excepthook, logging, quit policy); put it back."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(sys, "argv", ["govinfo-desk"])
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    quit_policy = qapp.quitOnLastWindowClosed()
    screen_fit = getattr(qapp, "_govinfo_screen_fit", None)
    yield
    fit = getattr(qapp, "_govinfo_screen_fit", None)
    if screen_fit is None and fit is not None:
        # run() fits every later window into the offscreen platform's 800×600 screen otherwise, and
        # the layout tests that follow would measure a window narrower than the screen they fit to.
        qapp.removeEventFilter(fit)
        del qapp._govinfo_screen_fit  # type: ignore[attr-defined]
        fit.deleteLater()
    for handler in root.handlers:
        if handler not in handlers and isinstance(handler, RotatingFileHandler):
            handler.close()
            root.removeHandler(handler)
    root.setLevel(level)
    qapp.setQuitOnLastWindowClosed(quit_policy)


def test_first_run_then_logout_and_login(launcher_env: None, data_dir: Path) -> None:
    seen: dict[str, object] = {}

    def wizard(w: FirstRunWizard) -> None:
        fill_wizard(w, "锦屏县人民政府办公室", "锦府办", PASSWORD)
        w.accept()

    def main_window_then_logout(w: MainWindow) -> None:
        seen["title"] = w.windowTitle()
        seen["tabs"] = w.tab_titles()
        seen["user"] = w.user_label.text()
        w.log_out()

    def login(d: LoginDialog) -> None:
        d.username.setText("zhangsan")
        d.password.setText(PASSWORD)
        d.attempt_login()

    def quit_app(w: MainWindow) -> None:
        seen["second_user"] = w.user_label.text()
        w.close()

    script = Script([on(FirstRunWizard, wizard), on(MainWindow, main_window_then_logout), on(LoginDialog, login),
                     on(MainWindow, quit_app)])
    code = launch.run(str(data_dir), None)
    assert script.error == ""
    assert code == 0
    assert seen["title"] == "锦屏县人民政府办公室 — 政务公开工作台"
    assert seen["tabs"] == ["工作台", "发布审核", "主动公开", "依申请公开", "统计报表", "系统设置"]
    assert seen["user"] == seen["second_user"] == "当前用户：张三（系统管理员）"
    assert len(list_backups(data_dir)) == 1  # the daily backup ran off the GUI thread
    assert (data_dir / "logs" / "govinfo.log").is_file()


def test_damaged_database_offers_restore_and_quit(launcher_env: None, data_dir: Path) -> None:
    (data_dir / paths.DB_FILE_NAME).write_bytes(b"garbage" * 500)
    seen: dict[str, object] = {}

    def quit_from_error_dialog(d: DbErrorDialog) -> None:
        seen["buttons"] = [d.latest_button.text(), d.choose_button.text(), d.quit_button.text()]
        d.quit_button.click()

    script = Script([on(DbErrorDialog, quit_from_error_dialog)])
    code = launch.run(str(data_dir), None)
    assert script.error == ""
    assert code == 1
    assert seen["buttons"] == ["从最近的备份恢复", "选择备份文件…", "退出"]
    assert (data_dir / paths.DB_FILE_NAME).read_bytes() == b"garbage" * 500


def test_damage_inside_a_table_is_found_at_start_and_restore_offered(launcher_env: None, data_dir: Path) -> None:
    """Issue 13: the quick check at start (not only the daily backup) finds a damaged table page."""
    from PySide6.QtWidgets import QLabel

    from tests.bench_support.test_startup_checks import _damage_a_table

    _damage_a_table(data_dir)
    seen: dict[str, object] = {}

    def quit_from_error_dialog(d: DbErrorDialog) -> None:
        seen["texts"] = [label.text() for label in d.findChildren(QLabel)]
        d.quit_button.click()

    script = Script([on(DbErrorDialog, quit_from_error_dialog)])
    code = launch.run(str(data_dir), None)
    assert script.error == ""
    assert code == 1
    texts = seen["texts"]
    assert isinstance(texts, list)
    assert any("启动时的快速完整性检查" in t and "从最近的备份恢复" in t for t in texts), texts
