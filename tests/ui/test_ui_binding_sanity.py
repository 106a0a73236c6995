"""The Qt binding itself must not corrupt the interpreter (PySide6 6.12.0 on Python 3.11 does)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot


def test_calls_returning_nothing_do_not_leak_references_to_none(qtbot: QtBot) -> None:
    widget, label = QWidget(), QLabel()
    qtbot.addWidget(widget)
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2000):  # far below the count that aborted, enough to see a leak
        widget.update()
        label.setText("x")
    assert abs(sys.getrefcount(None) - before) < 100  # the broken build takes references away
