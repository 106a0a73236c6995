"""The shell of a page that shows one year's report (年度报告, 政府网站工作年度报表): computed off the GUI
thread, computed again when a change elsewhere is seen, and the buttons every such page has."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QPushButton, QWidget
from sqlalchemy.orm import Session

from app.availability import Availability
from app.report_lock import ReportAction
from ui.availability import refused
from ui.context import AppContext
from ui.workers import Progress, TaskHandle, run_task
from ui.yearly_report_parts import ReportYearBox


class YearlyReportPage(QWidget):
    """A subclass builds `year` and `recompute_button`, and says how a year is computed and shown."""

    year: ReportYearBox
    recompute_button: QPushButton

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.task: TaskHandle[Any] | None = None
        self._stale = False

    @property
    def current_year(self) -> int:
        return self.year.value()

    # -- what a subclass says ------------------------------------------------------------------
    def compute_year(self, session: Session, year: int) -> Any:
        """Runs off the GUI thread in a read session; the result goes to `show_result`."""
        raise NotImplementedError

    def show_result(self, result: Any) -> None:
        raise NotImplementedError

    def computing_texts(self, year: int) -> tuple[str, str]:
        """The progress dialog's title and message."""
        raise NotImplementedError

    def report_actions(self, session: Session, year: int) -> Availability[ReportAction]:
        """What the signed-in user may do to the year's report now (the report's service says)."""
        raise NotImplementedError

    def actions_now(self) -> Availability[ReportAction]:
        """Read afresh: another PC may have locked or unlocked the year since the page was drawn."""
        year = self.current_year
        with self.ctx.reader() as session:
            return self.report_actions(session, year)

    def refused(self, action: ReportAction, title: str) -> bool:
        """Shows the refusal and returns True when `action` is not available; lock() and unlock()
        stop there, before their question."""
        return refused(self, self.actions_now(), action, title)

    def lock(self) -> bool:
        raise NotImplementedError

    def unlock(self) -> bool:
        raise NotImplementedError

    # -- computing -----------------------------------------------------------------------------
    def reload(self) -> TaskHandle[Any]:
        """Compute the year off the GUI thread; the result replaces what is shown."""
        ctx, year = self.ctx, self.current_year
        self._stale = False
        title, message = self.computing_texts(year)

        def work(progress: Progress) -> Any:
            progress.report(0, 0, message)
            with ctx.reader() as session:
                return self.compute_year(session, year)

        self.recompute_button.setEnabled(False)
        self.task = run_task(self, title, work, on_done=self.show_result, cancellable=False)
        self.task.finished.connect(self._on_task_finished)
        return self.task

    def reload_when_seen(self) -> None:
        # A hidden page computes when it is shown again, not for every change made elsewhere.
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    # -- slots ---------------------------------------------------------------------------------
    # Signals go to the _on_* slots, which return nothing; the methods they call return
    # their task or dialog for callers and tests.
    @Slot()
    def _on_task_finished(self) -> None:
        self.recompute_button.setEnabled(True)

    @Slot()
    def _on_recompute(self) -> None:
        self.reload()

    @Slot()
    def _on_lock(self) -> None:
        self.lock()

    @Slot()
    def _on_unlock(self) -> None:
        self.unlock()
