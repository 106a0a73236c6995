"""The one way a widget runs a user action (Anki's CollectionOp): `ctx.run(op)`.

    ok, case_id = self.ctx.run(Op(lambda s: register_case(s, actor, form, today).id,
                                  RecordKind.CASES, parent=self, point_at=self.form.focus_field))

The runner opens the unit of work (committed when `do` returns, rolled back when it raises),
turns a UserError into its Chinese sentence — in the dialog's own message line when `message` is
given, else in a message box — and points at the offending field of a ValidationError; any
other exception is logged with its traceback and reported generically. After the commit it
announces `Changes` (the record kinds the action changed) on `ctx.events.changed`, which lists and
dashboards listen to. Widgets do not write try/except around services.

Slow work (imports, batch changes) is a `BackgroundOp`: `do(session, progress)` runs on a worker
thread with a progress dialog and 取消; `on_done(result)` runs on the GUI thread after the
change was announced. `ctx.run` returns the TaskHandle.

An export is an `ExportOp` whose `do(session, progress)` calls an app/ export use case (the one the
command line calls too): it runs through `app.export_unit.run_export` on a worker thread, so it reads
from a read session and its audit entry is appended once the file exists.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QWidget
from sqlalchemy.orm import Session

from app.attachment_check import record_damage_in
from app.changes import Changes, RecordKind
from app.errors import NotFound, ValidationError
from app.export_unit import run_export
from ui.messages import logged_error_text, show_error
from ui.style import Sheet, apply_style
from ui.workers import Progress, TaskHandle, run_task

if TYPE_CHECKING:
    from app.bootstrap import Database
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

    def report(self, exc: BaseException, retry: Callable[[], object] | None = None) -> None:
        """Say what went wrong where the user is looking; point at the field a rule names.
        `retry` runs the same action again from the box's 重试 button when the database was away."""
        if self.message is not None:
            self.message.setText(logged_error_text(exc, f"Operation failed: {self.title or ''}"))
            apply_style(self.message, ERROR_STYLE)
            self.message.show()
        else:
            show_error(self.parent, exc, title=self.title, retry=retry)
        if isinstance(exc, ValidationError) and exc.field and self.point_at is not None:
            self.point_at(exc.field)


class RollBack(Exception):
    """Raised by an Op's `do` to undo its unit of work on purpose (e.g. to show warnings before a
    save is kept): nothing is reported as an error; `on_rollback(value)` is called instead."""

    def __init__(self, value: object = None) -> None:
        super().__init__("rolled back on purpose")
        self.value = value


@dataclass
class Op(Generic[T], _Reporting):
    """A quick user action: `do(session)` in one unit of work on the GUI thread."""

    do: Callable[[Session], T]
    changes: RecordKind | Iterable[RecordKind] = ()
    on_rollback: Callable[[Any], None] | None = None
    # What 重试 runs after an outage; by default the same Op again. A form whose save does more
    # than the Op (shows the result, closes) passes its own save.
    retry: Callable[[], object] | None = None


@dataclass
class BackgroundOp(Generic[T], _Reporting):
    """A slow user action: `do(session, progress)` in one unit of work on a worker thread."""

    do: Callable[[Session, Progress], T]
    changes: RecordKind | Iterable[RecordKind] = ()
    on_done: Callable[[T], None] | None = None
    label: str = ""
    cancellable: bool = True


@dataclass
class ExportOp(Generic[T], _Reporting):
    """An export: `do(session, progress)` calls an app/ export use case on a worker thread (run_export)."""

    do: Callable[[Session, Progress], T]
    on_done: Callable[[T], None] | None = None
    label: str = ""
    cancellable: bool = True


class OpResult(NamedTuple, Generic[T]):
    ok: bool
    value: T | None


def run_op(ctx: AppContext, op: Op[T]) -> OpResult[T]:
    result = _run(ctx.unit_of_work, op, ctx)
    if result.ok:
        announce(ctx, op.changes)
    return result


def run_signed_out(db: Database, op: Op[T]) -> OpResult[T]:
    """An Op before anyone is signed in (login, the forced password change): the same unit of work
    and error reporting as `ctx.run`; there is no context yet, so no lists to tell."""
    return _run(db.session_factory.begin, op)


def _run(unit_of_work: Callable[[], AbstractContextManager[Session]], op: Op[T],
         ctx: AppContext | None = None) -> OpResult[T]:
    try:
        with unit_of_work() as session:
            value = op.do(session)
    except RollBack as stop:
        if op.on_rollback is not None:
            op.on_rollback(stop.value)
        return OpResult(False, None)
    except Exception as exc:  # a UserError rolled the transaction back: nothing was saved
        if ctx is None:  # signed out: no attachment can be opened, and the sign-in form itself is the retry
            op.report(exc)
            return OpResult(False, None)
        record_damage_in(ctx.unit_of_work, ctx.actor, exc)  # a refused damaged attachment stays on record
        op.report(exc, retry=op.retry or (lambda: run_op(ctx, op)))
        return OpResult(False, None)
    return OpResult(True, value)


@contextmanager
def busy_cursor() -> Iterator[None]:
    """The wait cursor while a password is checked (scrypt takes a noticeable moment)."""
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()


def start_op(ctx: AppContext, op: BackgroundOp[T]) -> TaskHandle[T]:
    def work(progress: Progress) -> T:
        try:
            with ctx.unit_of_work() as session:
                return op.do(session, progress)
        except Exception as exc:
            record_damage_in(ctx.unit_of_work, ctx.actor, exc)
            raise

    def done(value: T) -> None:
        announce(ctx, op.changes)
        if op.on_done is not None:
            op.on_done(value)

    return run_task(op.parent, op.title or "", work, done, on_error=op.report, cancellable=op.cancellable,
                    label=op.label)


def start_export(ctx: AppContext, op: ExportOp[T]) -> TaskHandle[T]:
    def export(session: Session, progress: Progress) -> T:
        from app.auth.service import current_actor

        # As ctx.unit_of_work does: a role taken away since sign-in applies to this export already.
        ctx.actor = current_actor(session, ctx.actor)
        return op.do(session, progress)

    def work(progress: Progress) -> T:
        return run_export(ctx.db, lambda session: export(session, progress))

    return run_task(op.parent, op.title or "", work, op.on_done, on_error=op.report, cancellable=op.cancellable,
                    label=op.label)


def precheck(check: Callable[[], object], *, parent: QWidget | None = None, title: str | None = None,
             message: QLabel | None = None) -> bool:
    """Run a service's own rule check (no session) before asking the user anything — a file name, a
    confirmation — and show its refusal the way an Op would. True when the action may go on."""
    try:
        check()
    except Exception as exc:
        _Reporting(parent=parent, title=title, message=message).report(exc)
        return False
    return True


def announce(ctx: AppContext, changes: RecordKind | Iterable[RecordKind]) -> None:
    """Tell lists and dashboards which kinds of record changed (for work done outside an Op)."""
    kinds = _kinds(changes)
    if kinds:
        ctx.events.changed.emit(Changes.of(*kinds))


def read(ctx: AppContext, fn: Callable[[Session], T]) -> T:
    """`fn(session)` on a read session (it never waits for a writer); return plain values. An
    attachment refused as damaged is recorded in the audit trail in a unit of work of its own."""
    try:
        with ctx.reader() as session:
            return fn(session)
    except Exception as exc:
        record_damage_in(ctx.unit_of_work, ctx.actor, exc)
        raise


def read_if_present(ctx: AppContext, fn: Callable[[Session], T]) -> T | None:
    """`read(ctx, fn)`, or None when the record it loads is gone (another PC deleted it meanwhile):
    a detail pane then shows nothing rather than an error. Any other refusal still raises."""
    try:
        return read(ctx, fn)
    except NotFound:
        return None


def read_reported(ctx: AppContext, fn: Callable[[Session], T], *, parent: QWidget | None = None,
                  title: str | None = None, message: QLabel | None = None) -> OpResult[T]:
    """`read(ctx, fn)` with a failure shown the way an Op's is (a message box, or the dialog's own
    line): for a read the screen reports rather than raises (the dashboard's items, a file to open)."""
    try:
        return OpResult(True, read(ctx, fn))
    except Exception as exc:  # reported, with its traceback logged, like any refused Op
        _Reporting(parent=parent, title=title, message=message).report(exc)
        return OpResult(False, None)
