"""run_task, the message helpers and Qt's Chinese translation."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from app.errors import UserError
from ui.messages import confirm, error_text, show_error
from ui.workers import Progress, TaskCancelled, run_task

pytestmark = pytest.mark.gui


def test_standard_buttons_read_chinese() -> None:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    assert [b.text() for b in box.buttons()] == ["确定", "取消"]


def test_result_arrives_on_gui_thread(qtbot: QtBot, parent: QWidget) -> None:
    seen: dict[str, object] = {}

    def work(progress: Progress) -> int:
        seen["worker_thread"] = threading.current_thread()
        for i in range(3):
            progress.report(i + 1, 3, f"第 {i + 1} 步")
        return 42

    def done(value: int) -> None:
        seen["value"] = value
        seen["done_thread"] = threading.current_thread()

    handle = run_task(parent, "测试", work, done)
    with qtbot.waitSignal(handle.finished, timeout=5000):
        pass
    assert seen["value"] == 42
    assert handle.result == 42
    assert seen["done_thread"] is threading.main_thread()
    assert seen["worker_thread"] is not threading.main_thread()


def test_user_error_is_shown_as_its_sentence(
    qtbot: QtBot, parent: QWidget, visible_message_boxes: Callable[[], list[QMessageBox]]
) -> None:
    done: list[object] = []

    def work(_progress: Progress) -> None:
        raise UserError("备份文件夹不存在，请重新选择。")

    handle = run_task(parent, "备份数据库", work, done.append)
    qtbot.waitUntil(lambda: handle.is_finished, timeout=5000)
    assert done == []
    assert isinstance(handle.error, UserError)
    boxes = visible_message_boxes()
    assert [b.text() for b in boxes] == ["备份文件夹不存在，请重新选择。"]
    assert boxes[0].windowTitle() == "备份数据库"


def test_unexpected_error_gets_generic_chinese_message(
    qtbot: QtBot, parent: QWidget, visible_message_boxes: Callable[[], list[QMessageBox]],
    caplog: pytest.LogCaptureFixture,
) -> None:
    def work(_progress: Progress) -> None:
        raise KeyError("internal")

    handle = run_task(parent, "导出", work)
    qtbot.waitUntil(lambda: handle.is_finished, timeout=5000)
    (box,) = visible_message_boxes()
    assert "意外错误" in box.text() and "KeyError" in box.text()
    assert "Traceback" not in box.text()
    assert any("internal" in (r.exc_text or "") or r.exc_info for r in caplog.records)


def test_cancel_stops_a_cooperative_task(qtbot: QtBot, parent: QWidget) -> None:
    started = threading.Event()
    outcome: list[str] = []

    def work(progress: Progress) -> str:
        started.set()
        deadline = time.monotonic() + 10  # a safety net so a broken cancel cannot hang the suite
        while time.monotonic() < deadline:
            progress.check()
            time.sleep(0.002)
        return "ran to the end"

    handle = run_task(parent, "长任务", work, outcome.append, on_cancelled=lambda: outcome.append("cancelled"))
    qtbot.waitUntil(started.is_set, timeout=5000)
    handle.cancel()
    qtbot.waitUntil(lambda: handle.is_finished, timeout=5000)
    assert outcome == ["cancelled"]
    assert isinstance(handle.error, TaskCancelled)


def test_progress_dialog_cancel_button(qtbot: QtBot, parent: QWidget) -> None:
    started = threading.Event()

    def work(progress: Progress) -> None:
        started.set()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            progress.check()
            time.sleep(0.002)

    handle = run_task(parent, "长任务", work, min_duration_ms=0)
    qtbot.waitUntil(started.is_set, timeout=5000)
    assert handle.dialog is not None
    qtbot.waitUntil(lambda: handle.dialog is not None and handle.dialog.isVisible(), timeout=5000)
    cancel = [b for b in handle.dialog.findChildren(QPushButton) if b.text() == "取消"]
    assert cancel, "the progress dialog offers 取消"
    cancel[0].click()
    qtbot.waitUntil(lambda: handle.is_finished, timeout=5000)
    assert handle.cancelled
    assert handle.dialog is None


def test_error_text_for_plain_and_user_errors() -> None:
    assert error_text("请选择文件。") == "请选择文件。"
    assert error_text(UserError("账户已停用。")) == "账户已停用。"
    assert "ZeroDivisionError" in error_text(ZeroDivisionError())


def test_show_error_with_deleted_parent_still_shows(qtbot: QtBot) -> None:
    widget = QWidget()
    widget.deleteLater()
    qtbot.waitUntil(lambda: not _alive(widget), timeout=2000)
    box = show_error(widget, UserError("窗口已关闭也要提示。"))
    assert box.isVisible()
    box.close()


def _alive(widget: QWidget) -> bool:
    from shiboken6 import isValid

    return isValid(widget)


@pytest.mark.parametrize(("button", "expected"), [("确定", True), ("取消", False)])
def test_confirm_returns_the_choice(qtbot: QtBot, parent: QWidget, button: str, expected: bool) -> None:
    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        (target,) = [b for b in box.buttons() if b.text() == button]
        target.click()

    QTimer.singleShot(0, answer)
    assert confirm(parent, "删除", "确定删除吗？") is expected


def test_a_lost_database_server_gets_a_clear_message_not_a_crash_report() -> None:
    from sqlalchemy.exc import OperationalError

    from ui.messages import error_text

    lost = OperationalError("SELECT 1", {}, Exception("server closed the connection unexpectedly"))
    lost.connection_invalidated = True
    text = error_text(lost)
    assert "无法连接数据库服务器" in text and "意外错误" not in text


def test_progress_reported_just_before_returning_is_no_error(
    qtbot: QtBot, parent: QWidget, visible_message_boxes: Callable[[], list[QMessageBox]]
) -> None:
    """A register writer reports its last progress right before it returns. On a shown modal dialog
    setValue processes events, which delivered the queued result and closed the dialog in the
    middle of the progress update: an AttributeError box followed the success."""
    shown = threading.Event()
    done: list[str] = []

    def work(progress: Progress) -> str:
        progress.report(0, 10, "开始")
        shown.wait(10)  # the dialog is on screen, so setValue now processes events
        progress.report(10, 10, "写完了")
        return "ok"

    handle = run_task(parent, "导出", work, done.append, min_duration_ms=0)
    qtbot.waitUntil(lambda: handle.dialog is not None and handle.dialog.isVisible(), timeout=5000)
    shown.set()
    qtbot.waitUntil(lambda: handle.is_finished, timeout=5000)
    qtbot.wait(50)  # anything queued behind the result (a second report) gets its chance to fail
    assert done == ["ok"]
    assert handle.error is None and handle.dialog is None
    assert visible_message_boxes() == []
