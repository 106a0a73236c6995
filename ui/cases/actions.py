"""Running one case service as one user action: a unit of work, errors in Chinese, a refresh."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from app.errors import UserError
from ui.context import AppContext
from ui.messages import confirm, show_error

T = TypeVar("T")
log = logging.getLogger("govinfo.ui")

# Replaceable in GUI tests: confirm() blocks in a nested event loop, which a test cannot answer.
ask: Callable[[QWidget | None, str, str], bool] = confirm

AREA = "cases"


def run_change(parent: QWidget | None, ctx: AppContext, fn: Callable[[Session], T], *,
               notify: bool = True) -> tuple[bool, T | None]:
    """Run `fn(session)` in its own transaction. A UserError (a rule the service enforces) is shown
    as its Chinese sentence and the transaction rolls back, so nothing changes.

    Returns (ok, result); `fn` should return plain values, not ORM objects."""
    try:
        with ctx.unit_of_work() as session:
            result = fn(session)
    except UserError as exc:
        show_error(parent, exc)
        return False, None
    except Exception as exc:  # unexpected: logged with traceback by show_error, told generically
        show_error(parent, exc)
        return False, None
    if notify:
        ctx.events.data_changed.emit(AREA)
    return True, result


def read(ctx: AppContext, fn: Callable[[Session], T]) -> T:
    with ctx.reader() as session:
        return fn(session)
