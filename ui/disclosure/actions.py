"""Running one disclosure service as one user action: a unit of work, errors in Chinese, a refresh."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QLabel, QWidget
from sqlalchemy.orm import Session

from ui.context import AppContext
from ui.messages import logged_error_text, show_error

T = TypeVar("T")
AREA = "disclosure"
ERROR_STYLE = "color: #b3261e;"


def run_change(parent: QWidget | None, ctx: AppContext, fn: Callable[[Session], T], *,
               message: QLabel | None = None) -> tuple[bool, T | None]:
    """Run `fn(session)` in its own transaction and tell the other screens on success.

    A UserError (a rule the service enforces) rolls the transaction back, so nothing is saved;
    its sentence goes to `message` (a dialog's inline label) or else into a message box.
    `fn` should return plain values, not ORM objects."""
    try:
        with ctx.unit_of_work() as session:
            result = fn(session)
    except Exception as exc:  # UserError: a rule said no; anything else is logged with its traceback
        if message is None:
            show_error(parent, exc)
        else:
            message.setText(logged_error_text(exc, "Disclosure change failed"))
            message.setStyleSheet(ERROR_STYLE)
            message.show()
        return False, None
    ctx.events.data_changed.emit(AREA)
    return True, result


def read(ctx: AppContext, fn: Callable[[Session], T]) -> T:
    with ctx.reader() as session:
        return fn(session)


def error_label(parent: QWidget) -> QLabel:
    """The inline message line of a dialog: hidden until a service refuses something."""
    label = QLabel(parent)
    label.setObjectName("dialogMessage")
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.hide()
    return label
