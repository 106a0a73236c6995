"""The one way to run slow work off the GUI thread: a pure function, progress, cancel, errors.

    def export(progress: Progress) -> Path:
        for i, row in enumerate(rows):
            progress.check()            # raises TaskCancelled once the user pressed 取消
            progress.report(i, len(rows), "正在写入…")
        return path

    run_task(self, self.tr("导出"), export, on_done=lambda path: show_info(...))

The function runs on a QThreadPool thread and must not touch widgets; if it needs the database it
opens its own session there (`with ctx.reader() as s:`). `on_done` runs on the GUI thread.
A UserError is shown as its own Chinese sentence; anything else is logged and reported generically.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.errors import UserError

T = TypeVar("T")
log = logging.getLogger("govinfo.ui")

# Handles must stay alive until their signals were delivered; the pool does not own them.
_RUNNING: set[TaskHandle[Any]] = set()


class TaskCancelled(Exception):
    """Raised inside a task (by Progress.check) when the user cancelled it."""


class Progress:
    """Handed to the task function; safe to use from the worker thread."""

    def __init__(self, handle: TaskHandle[Any]) -> None:
        self._handle = handle
        self._cancel = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def check(self) -> None:
        """Raise TaskCancelled if the user cancelled: call it between steps of the work."""
        if self._cancel.is_set():
            raise TaskCancelled

    def report(self, done: int, total: int, text: str = "") -> None:
        # Emitted from the worker thread; Qt queues it to the handle in the GUI thread.
        self._handle.progressed.emit(int(done), int(total), text)


class TaskHandle(QObject, Generic[T]):
    """A running task. Signals are delivered on the GUI thread."""

    progressed = Signal(int, int, str)
    """The task reported progress: done, total, text."""

    succeeded = Signal(object)
    """The task function returned; carries its result."""

    failed = Signal(object)
    """The task function raised; carries the exception (TaskCancelled when cancelled)."""

    finished = Signal()
    """The task ended in any way; emitted after succeeded/failed were handled."""

    def __init__(self, parent_widget: QWidget | None, title: str) -> None:
        super().__init__()
        self.parent_widget = parent_widget
        self.title = title
        self.progress = Progress(self)
        self.result: T | None = None
        self.error: BaseException | None = None
        self.is_finished = False
        self.cancellable = False
        self.dialog: QProgressDialog | None = None
        self.on_done: Callable[[T], None] | None = None
        self.on_error: Callable[[BaseException], None] | None = None
        self.on_cancelled: Callable[[], None] | None = None
        self.progressed.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self.succeeded.connect(self._on_succeeded, Qt.ConnectionType.QueuedConnection)
        self.failed.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)

    @property
    def cancelled(self) -> bool:
        return self.progress.cancelled

    @Slot()
    def cancel(self) -> None:
        """Ask the task to stop; it does at its next Progress.check()."""
        self.progress.cancel()
        if self.dialog is not None:
            self.dialog.setLabelText(QCoreApplication.translate("workers", "正在取消…"))

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, text: str) -> None:
        if self.dialog is None or self.is_finished:
            return
        if total > 0:
            self.dialog.setMaximum(total)
            self.dialog.setValue(min(done, total))
        else:
            self.dialog.setMaximum(0)  # busy indicator when the total is unknown
        # setValue() on a modal progress dialog processes events, which may deliver the task's
        # result and close the dialog before we get here.
        if text and not self.cancelled and self.dialog is not None:
            self.dialog.setLabelText(text)

    @Slot(object)
    def _on_succeeded(self, result: object) -> None:
        self.result = result  # type: ignore[assignment]
        self._close_dialog()
        try:
            if self.on_done is not None:
                self.on_done(result)  # type: ignore[arg-type]
        except Exception as exc:
            self._report(exc)
        self._finish()

    @Slot(object)
    def _on_failed(self, exc: object) -> None:
        assert isinstance(exc, BaseException)
        self.error = exc
        self._close_dialog()
        try:
            if isinstance(exc, TaskCancelled):
                if self.on_cancelled is not None:
                    self.on_cancelled()
            elif self.on_error is not None:
                self.on_error(exc)
            else:
                self._report(exc)
        except Exception as inner:
            self._report(inner)
        self._finish()

    def _report(self, exc: BaseException) -> None:
        from ui.messages import show_error

        show_error(self.parent_widget, exc, title=self.title)

    def _close_dialog(self) -> None:
        if self.dialog is not None:
            if self.cancellable:
                # Closing the dialog emits canceled; the task is over, so that must not count.
                self.dialog.canceled.disconnect(self.cancel)
            self.dialog.reset()
            self.dialog.hide()
            self.dialog.deleteLater()
            self.dialog = None

    def _finish(self) -> None:
        self.is_finished = True
        self.finished.emit()
        _RUNNING.discard(self)


class _Runnable(QRunnable):
    def __init__(self, handle: TaskHandle[Any], fn: Callable[[Progress], Any]) -> None:
        super().__init__()
        self._handle = handle
        self._fn = fn

    def run(self) -> None:
        try:
            result = self._fn(self._handle.progress)
        except BaseException as exc:  # everything must reach the GUI thread, even SystemExit
            if not isinstance(exc, UserError | TaskCancelled):
                log.error("Task %r failed", self._handle.title, exc_info=exc)
            self._handle.failed.emit(exc)
        else:
            self._handle.succeeded.emit(result)


def run_task(
    parent: QWidget | None,
    title: str,
    fn: Callable[[Progress], T],
    on_done: Callable[[T], None] | None = None,
    *,
    on_error: Callable[[BaseException], None] | None = None,
    on_cancelled: Callable[[], None] | None = None,
    cancellable: bool = True,
    show_progress: bool = True,
    label: str = "",
    min_duration_ms: int = 400,
    pool: QThreadPool | None = None,
) -> TaskHandle[T]:
    """Run `fn(progress)` on a worker thread with a modal progress dialog; see the module docstring.

    `on_error` replaces the default report (message box) for exceptions other than TaskCancelled.
    The dialog only appears if the task takes longer than `min_duration_ms`, so quick work does not
    flash a window."""
    handle: TaskHandle[T] = TaskHandle(parent, title)
    handle.on_done = on_done
    handle.on_error = on_error
    handle.on_cancelled = on_cancelled
    if show_progress:
        dialog = QProgressDialog(parent)
        dialog.setWindowTitle(title)
        dialog.setLabelText(label or QCoreApplication.translate("workers", "正在处理，请稍候…"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(min_duration_ms)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setRange(0, 0)
        dialog.setMinimumWidth(360)
        handle.cancellable = cancellable
        if cancellable:
            dialog.setCancelButtonText(QCoreApplication.translate("workers", "取消"))
            dialog.canceled.connect(handle.cancel)
        else:
            dialog.setCancelButton(None)
        dialog.setValue(0)
        handle.dialog = dialog
    _RUNNING.add(handle)
    (pool or QThreadPool.globalInstance()).start(_Runnable(handle, fn))
    return handle


def wait_for_all_tasks(timeout_ms: int = 30_000) -> bool:
    """At exit: let running tasks (a backup, say) finish before the process ends."""
    return QThreadPool.globalInstance().waitForDone(timeout_ms)
