"""read_if_present / read_reported (ui/operations.py): a detail pane whose record is gone shows
nothing; a read the screen reports shows the refusal in a box, the way an Op would."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session

from app.disclosure.queries import load_item
from app.errors import ValidationError
from ui.context import AppContext
from ui.operations import read_if_present, read_reported


def _refuse(_s: Session) -> int:
    raise ValidationError("请先选择统计年度。", field="year")


def test_read_if_present_is_none_only_for_a_record_that_is_gone(admin_ctx: AppContext) -> None:
    assert read_if_present(admin_ctx, lambda s: load_item(s, 987654)) is None  # no such item: deleted meanwhile
    assert read_if_present(admin_ctx, lambda _s: 42) == 42
    with pytest.raises(ValidationError):  # any other refusal is not "gone"
        read_if_present(admin_ctx, _refuse)


def test_read_reported_shows_the_refusal_and_returns_nothing(
    qtbot: QtBot, admin_ctx: AppContext, visible_message_boxes: Callable[[], list[QMessageBox]],
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    assert read_reported(admin_ctx, lambda _s: "ok", parent=parent) == (True, "ok")
    assert visible_message_boxes() == []

    ok, value = read_reported(admin_ctx, _refuse, parent=parent, title="工作台")
    assert (ok, value) == (False, None)
    texts = [box.text() for box in visible_message_boxes()]
    assert any("请先选择统计年度。" in t for t in texts), texts
