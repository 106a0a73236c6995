"""Notices changes made on other PCs (or by other windows) and tells the lists to refresh.

Polls app.changes.change_stamp off the GUI thread; only lists refresh, never an open form, so
nobody's unsaved typing is replaced — a save over a newer record is refused by the services'
version check instead.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from app.changes import change_stamp
from app.db.retry import describe_db_error
from ui.context import AppContext
from ui.workers import Progress, TaskHandle, run_task

log = logging.getLogger(__name__)
DEFAULT_INTERVAL_MS = 10_000


class ChangeWatcher(QObject):
    """Emits ctx.events.remote_changed (the context outlives any window, so a lookup that
    finishes after its window closed is still safe to report)."""

    reachability_changed = Signal(bool, str)
    """The database became unreachable (False, the Chinese reason) or reachable again (True, "")."""

    def __init__(self, ctx: AppContext, parent: QObject | None = None, interval_ms: int = DEFAULT_INTERVAL_MS) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._last: int | None = None
        self._task: TaskHandle[int] | None = None
        self._stopped = False
        self.reachable = True
        self._failing = False  # the last poll failed (for any reason): logged once until it succeeds
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)
        self.timer.start()
        self.poll()

    @Slot()
    def poll(self) -> None:
        if self._stopped or (self._task is not None and not self._task.is_finished):
            return  # a slow server: never pile up lookups

        def look(_progress: Progress) -> int:
            with self.ctx.reader() as s:
                return change_stamp(s)

        self._task = run_task(None, "", look, self._seen, on_error=self._failed, cancellable=False,
                              show_progress=False)

    def _seen(self, stamp: int) -> None:
        if self._failing:
            log.info("change poll: the database answers again")
            self._failing = False
        if not self.reachable:
            self.reachable = True
            self.reachability_changed.emit(True, "")
        if self._last is not None and stamp != self._last:
            self.ctx.events.remote_changed.emit()
        self._last = stamp

    def _failed(self, exc: BaseException) -> None:
        # One line when the state changes, not a traceback every poll: an outage of an hour and a
        # half must not push every older entry out of the rotating log.
        if not self._failing:
            first = (str(exc).strip().splitlines() or [""])[0][:200]
            log.warning("change poll failed (%s): %s; logged again when it recovers", type(exc).__name__, first)
            self._failing = True
        lost = describe_db_error(exc)
        if lost is not None and self.reachable:
            # Shown in the status bar before the clerk acts; the action itself still reports it.
            self.reachable = False
            self.reachability_changed.emit(False, lost)

    @Slot()
    def stop(self) -> None:
        self._stopped = True
        self.timer.stop()
