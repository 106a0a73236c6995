"""Fixtures for the 主动公开 GUI tests: a clerk and a section head on a real SQLite database, a fixed
"today", and items recorded through the real services."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from app.auth.roles import Role
from app.bootstrap import Database
from app.context import Actor
from app.disclosure.enums import Decision
from app.disclosure.service import ItemForm, create_item, decide, secrecy_review
from app.workdays.service import load_calendar
from tests.seen_hashes import seen_item
from tests.ui.conftest import _close_stray_windows, _configured_qapp  # noqa: F401  (the same Qt set-up)
from ui.context import AppContext
from ui.disclosure.tab import DisclosureTab

TODAY = date(2024, 10, 30)


@pytest.fixture
def clerk(make_user: Callable[..., Actor]) -> Actor:
    return make_user("sunli", Role.DISCLOSURE_STAFF, display_name="孙丽")


@pytest.fixture
def head(make_user: Callable[..., Actor]) -> Actor:
    return make_user("zhaomin", Role.SECTION_HEAD, display_name="赵敏")


@pytest.fixture
def ctx(db: Database, clerk: Actor, head: Actor) -> AppContext:
    return AppContext(db=db, actor=clerk)


@pytest.fixture
def tab(qtbot: QtBot, ctx: AppContext) -> DisclosureTab:
    widget = DisclosureTab(ctx, today=lambda: TODAY)
    qtbot.addWidget(widget)
    widget.resize(1300, 860)
    widget.show()
    return widget


def boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


@pytest.fixture
def add_item(db: Database, clerk: Actor, head: Actor) -> Callable[..., int]:
    """Record an item through the service (fast set-up); `stage` takes it to reviewed or decided."""

    def _add(title: str = "锦屏县人民政府关于印发某某办法的通知", *, category: int = 2, section: str = "文书科",
             formed_on: date = date(2024, 10, 8), stage: str = "draft", **kw: object) -> int:
        form = ItemForm(title=title, category=category, section=section, formed_on=formed_on)
        for key, value in kw.items():
            setattr(form, key, value)
        with db.session_factory.begin() as s:
            item = create_item(s, clerk, form, load_calendar(s), TODAY)
            if stage in ("reviewed", "proactive"):
                secrecy_review(s, head, item.id, "经审查，不涉密。", TODAY, seen_hash=seen_item(s, item.id))
            if stage == "proactive":
                decide(s, clerk, item.id, Decision.PROACTIVE, load_calendar(s))
            return item.id

    return _add
