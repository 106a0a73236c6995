"""Application-wide event filters (keyboard policy, screen fit) are installed once per QApplication,
however often start-up code and tests ask: the filter is kept on the application under a name."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

F = TypeVar("F", bound=QObject)


def install_once(app: QApplication, name: str, make: Callable[[QApplication], F], kind: type[F]) -> F:
    """The filter kept as `name` on `app`, or a new one from `make(app)` installed and kept there."""
    existing = getattr(app, name, None)
    if isinstance(existing, kind):
        return existing
    installed = make(app)
    app.installEventFilter(installed)
    setattr(app, name, installed)
    return installed
