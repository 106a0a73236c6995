"""Fixtures the 系统管理 page tests share: the administrator's context and a page shown on screen."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.auth.roles import Role
from app.bootstrap import Database
from ui.context import AppContext

W = TypeVar("W", bound=QWidget)


@pytest.fixture
def ctx(db: Database, make_user) -> AppContext:  # type: ignore[no-untyped-def]
    """Signed in as the administrator 'guanli' (a module may define its own `ctx` instead)."""
    return AppContext(db=db, actor=make_user("guanli", Role.ADMIN))


@pytest.fixture
def shown(qtbot: QtBot) -> Callable[[W], W]:
    """`shown(widget)`: the widget handed to qtbot (closed after the test) and shown."""

    def _show(widget: W) -> W:
        qtbot.addWidget(widget)
        widget.show()
        return widget

    return _show
