"""The one way a widget runs a user action (Anki's CollectionOp): `ctx.run(op)`.

    ok, case_id = self.ctx.run(Op(lambda s: register_case(s, actor, form, today).id,
                                  RecordKind.CASES, parent=self, point_at=self.form.focus_field))

The runner opens the unit of work (committed when `do` returns, rolled back when it raises),
turns a UserError into its Chinese sentence — in the dialog's own message line when `message` is
given, else in a message box — and points at the offending field of a ValidationError; any
other exception is logged with its traceback and reported generically. After the commit it
announces `Changes` (the record kinds the action changed) on `ctx.events.changed`, which lists and
dashboards listen to. Widgets do not write try/except around services.

Slow work (exports, imports) is a `BackgroundOp`: `do(session, progress)` runs on a worker
thread with a progress dialog and 取消; `on_done(result)` runs on the GUI thread after the
change was announced. `ctx.run` returns the TaskHandle.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, NamedTuple, TypeVar

from PySide6.QtWidgets import QLabel, QWidget
from sqlalchemy.orm import Session

from app.changes import Changes, RecordKind
from app.errors import ValidationError
from ui.messages import logged_error_text, show_error
from ui.style import Sheet, apply_style
from ui.workers import Progress, TaskHandle, run_task

if TYPE_CHECKING:
    from ui.context import AppContext

T = TypeVar("T")
ERROR_STYLE = Sheet.ERROR


def _kinds(changes: RecordKind | Iterable[RecordKind]) -> tuple[RecordKind, ...]:
    return (changes,) if isinstance(changes, RecordKind) else tuple(changes)


@dataclass(kw_only=True)
class _Reporting:
    parent: QWidget | None = None
    title: str | None = None
    message: QLabel | None = None
    point_at: Callable[[str], None] | None = None

    def report(self, exc: BaseException) -> None:
        """Say what went wrong where the user is looking; point at the field a rule names."""
        if self.message is not None:
            self.message.setText(logged_error_text(exc, f"Operation failed: {self.title or ''}"))
            apply_style(self.message, ERROR_STYLE)
            self.message.show()
        else:
            show_error(self.parent, exc, title=self.title)
        if isinstance(exc, ValidationError) and exc.field and self.point_at is not None:
            self.point_at(exc.field)


@dataclass
class Op(Generic[T], _Reporting):
    """A quick user action: `do(session)` in one unit of work on the GUI thread."""

    do: Callable[[Session], T]
    changes: RecordKind | Iterable[RecordKind] = ()


@dataclass
class BackgroundOp(Generic[T], _Reporting):
    """A slow user action: `do(session, progress)` in one unit of work on a worker thread."""

    do: Callable[[Session, Progress], T]
    changes: RecordKind | Iterable[RecordKind] = ()
    on_done: Callable[[T], None] | None = None
    label: str = ""
    cancellable: bool = True


class OpResult(NamedTuple, Generic[T]):
    ok: bool
    value: T | None


def run_op(ctx: AppContext, op: Op[T]) -> OpResult[T]:
    try:
        with ctx.unit_of_work() as session:
            value = op.do(session)
    except Exception as exc:  # a UserError rolled the transaction back: nothing was saved
        op.report(exc)
        return OpResult(False, None)
    announce(ctx, op.changes)
    return OpResult(True, value)


def start_op(ctx: AppContext, op: BackgroundOp[T]) -> TaskHandle[T]:
    def work(progress: Progress) -> T:
        with ctx.unit_of_work() as session:
            return op.do(session, progress)

    def done(value: T) -> None:
        announce(ctx, op.changes)
        if op.on_done is not None:
            op.on_done(value)

    return run_task(op.parent, op.title or "", work, done, on_error=op.report, cancellable=op.cancellable,
                    label=op.label)


def announce(ctx: AppContext, changes: RecordKind | Iterable[RecordKind]) -> None:
    """Tell lists and dashboards which kinds of record changed (for work done outside an Op)."""
    kinds = _kinds(changes)
    if kinds:
        ctx.events.changed.emit(Changes.of(*kinds))


def read(ctx: AppContext, fn: Callable[[Session], T]) -> T:
    """`fn(session)` on a read session (it never waits for a writer); return plain values."""
    with ctx.reader() as session:
        return fn(session)
