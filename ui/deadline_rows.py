"""How the case list and the disclosure list show a record's deadline: the row of a record due within
a few working days amber, of an overdue one red; its due date and working days left bold in the
row's colour, the days left centred; a due date that counts on holidays not yet entered explained."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont

from ui.translate import translator

_tr = translator("DeadlineRows")

AMBER = QColor("#fff3cd")
AMBER_TEXT = QColor("#8a5a00")
RED = QColor("#fde2e1")
RED_TEXT = QColor("#b3261e")


def urgency(left: int | None, soon_days: int) -> str:
    """"overdue", "soon" or "" for `left` working days left (None: no deadline runs)."""
    if left is None:
        return ""
    return "overdue" if left < 0 else "soon" if left <= soon_days else ""


def left_text(left: int | None) -> str:
    if left is None:
        return ""
    return _tr("超期 {n} 个工作日").format(n=-left) if left < 0 else str(left)


def unconfirmed_tip() -> str:
    return _tr("期限跨越节假日安排尚未确认的年份，仅按周末计算，请管理员录入节假日。")


def deadline_data(level: str, column: int, role: int, due_column: int, left_column: int) -> Any:
    """The background, text colour, font or alignment a deadline gives a cell; None for any other."""
    due_cell = column in (due_column, left_column)
    if role == Qt.ItemDataRole.BackgroundRole:
        return QBrush(RED if level == "overdue" else AMBER) if level else None
    if role == Qt.ItemDataRole.ForegroundRole:
        return QBrush(RED_TEXT if level == "overdue" else AMBER_TEXT) if level and due_cell else None
    if role == Qt.ItemDataRole.FontRole and level and due_cell:
        font = QFont()
        font.setBold(True)
        return font
    if role == Qt.ItemDataRole.TextAlignmentRole and column == left_column:
        return int(Qt.AlignmentFlag.AlignCenter)
    return None
