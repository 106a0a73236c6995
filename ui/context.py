"""What every tab and dialog is handed: the open database, the signed-in user, the event bus."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, TypeVar, overload

from PySide6.QtCore import QObject, Signal
from sqlalchemy.orm import Session

from app.bootstrap import Database
from app.clock import Clock, SystemClock
from app.context import Actor

if TYPE_CHECKING:
    from ui.operations import BackgroundOp, ExportOp, Op, OpResult
    from ui.workers import TaskHandle

T = TypeVar("T")


class AppEvents(QObject):
    """Application-wide notifications so lists refresh after changes made elsewhere."""

    changed = Signal(object)
    """A user action here changed records; carries app.changes.Changes (which kinds)."""

    actor_changed = Signal()
    """The signed-in user changed (login after a screen lock by someone else)."""

    remote_changed = Signal()
    """Something changed in the database (possibly on another PC): lists should refresh."""


@dataclass
class AppContext:
    db: Database
    actor: Actor
    events: AppEvents = field(default_factory=AppEvents)
    clock: Clock = field(default_factory=SystemClock)

    def today(self) -> date:
        """Today's date as this program sees it (tests set `clock`)."""
        return self.clock.today()

    def now(self) -> datetime:
        """The local time as this program sees it."""
        return self.clock.now()

    def unit_of_work(self) -> AbstractContextManager[Session]:
        """`with ctx.unit_of_work() as s:` — one transaction per user action, committed on exit.
        The signed-in account is re-read first, so role changes and deactivation take effect at
        the next action (ctx.actor is refreshed before the caller reads it inside the block)."""
        return self._fresh_unit_of_work()

    @contextmanager
    def _fresh_unit_of_work(self) -> Iterator[Session]:
        from app.auth.service import current_actor

        with self.db.session_factory.begin() as session:
            self.actor = current_actor(session, self.actor)
            yield session

    @overload
    def run(self, op: Op[T]) -> OpResult[T]: ...

    @overload
    def run(self, op: BackgroundOp[T]) -> TaskHandle[T]: ...

    @overload
    def run(self, op: ExportOp[T]) -> TaskHandle[T]: ...

    def run(self, op: Op[T] | BackgroundOp[T] | ExportOp[T]) -> Any:
        """Run one user action (ui/operations.py): its unit of work, errors shown, changes announced."""
        from ui.operations import BackgroundOp, ExportOp, run_op, start_export, start_op

        if isinstance(op, ExportOp):
            return start_export(self, op)
        return start_op(self, op) if isinstance(op, BackgroundOp) else run_op(self, op)

    def reader(self) -> Session:
        """`with ctx.reader() as s:` — a read-only look that never waits for a writer; nothing is committed."""
        return self.db.reader()
