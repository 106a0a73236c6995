"""Helpers shared by the 统计报表 GUI tests (kept out of conftest so tests can import them)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

TODAY = date(2025, 2, 10)  # reports are written early in the year: the tab opens on 2024


def wait(qtbot: QtBot, holder: object, attr: str = "task") -> None:
    """Until the holder's run_task handle (`holder.task` by default) has finished."""
    qtbot.waitUntil(lambda: getattr(holder, attr) is not None and getattr(holder, attr).is_finished,
                    timeout=20_000)


def message_boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
