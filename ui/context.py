"""What every tab and dialog is handed: the open database, the signed-in user, the event bus."""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal
from sqlalchemy.orm import Session

from app.bootstrap import Database
from app.context import Actor


class AppEvents(QObject):
    """Application-wide notifications so lists refresh after changes made elsewhere."""

    data_changed = Signal(str)
    """A record of the named area changed: cases, review, disclosure, users, calendar, settings."""

    actor_changed = Signal()
    """The signed-in user changed (login after a screen lock by someone else)."""

    remote_changed = Signal()
    """Something changed in the database (possibly on another PC): lists should refresh."""


@dataclass
class AppContext:
    db: Database
    actor: Actor
    events: AppEvents = field(default_factory=AppEvents)

    def unit_of_work(self) -> AbstractContextManager[Session]:
        """`with ctx.unit_of_work() as s:` — one transaction per user action, committed on exit."""
        return self.db.session_factory.begin()

    def reader(self) -> Session:
        """`with ctx.reader() as s:` — a read-only look that never waits for a writer; nothing is committed."""
        return self.db.reader()
