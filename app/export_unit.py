"""An export as one unit: read a snapshot, write the file holding no lock, then audit it.

    count = run_export(db, lambda s: export_register(s, actor, path, year=2024))

`run_export` gives the export a read session (a deferred transaction on SQLite: in WAL mode it
blocks no reader and no writer, however long the file takes to write). The export audits itself
with `record_export`; inside `run_export` that entry is written after the export returned, in
its own short unit of work, so the write lock is held for one audit append and not for the time
it takes to write thousands of rows. Called with an ordinary unit of work (tests, scripts),
`record_export` appends at once, as `app.audit.service.record` does.

An export that also keeps a record of what it wrote (the guide's edition) adds that change with
`after_export(session, step)`: `step(session)` runs in the same short unit of work as the audit entry,
once the file exists, so a failed write leaves neither the record nor the entry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy.orm import Session

from app.audit.service import record

if TYPE_CHECKING:  # not at load time: app.audit.export uses this module, and app.auth writes audit entries
    from app.bootstrap import Database
    from app.context import Actor

T = TypeVar("T")
_PENDING = "govinfo.pending_export_audit"


@dataclass(frozen=True)
class _Entry:
    actor: Actor
    record_type: str
    record_id: object
    after: dict[str, Any]
    summary: str

    def write(self, session: Session) -> None:
        record(session, self.actor, "export", self.record_type, self.record_id, after=self.after,
               summary=self.summary)


def record_export(session: Session, actor: Actor, record_type: str, record_id: object, *,
                  after: dict[str, Any], summary: str) -> None:
    """Audit an export (action "export"); deferred until the file exists inside `run_export`."""
    after_export(session, _Entry(actor, record_type, record_id, after, summary).write)


def after_export(session: Session, step: Callable[[Session], None]) -> None:
    """Run `step(session)` once the file exists: inside `run_export` in its short write unit of work,
    otherwise (an ordinary unit of work) at once."""
    pending: list[Callable[[Session], None]] | None = session.info.get(_PENDING)
    if pending is None:
        step(session)
    else:
        pending.append(step)


def run_export(db: Database, export: Callable[[Session], T]) -> T:
    """Run `export(session)` on a read session, then the audit entries and records it noted."""
    pending: list[Callable[[Session], None]] = []
    with db.reader() as session:
        session.info[_PENDING] = pending
        result = export(session)
    if pending:
        with db.session_factory.begin() as session:
            for step in pending:
                step(session)
    return result
