"""How the case list and the disclosure list show a record's deadline: the row of a record due within
a few working days amber, of an overdue one red; its due date and working days left bold in the
row's colour, the days left centred; a due date that counts on holidays not yet entered explained.

    class CaseListModel(DeadlineRows, PagedTableModel[CaseRow, CaseFilter]):
        soon_days, due_column, left_column = DUE_SOON_DAYS, COL_DUE, COL_LEFT
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont

from ui.style import Colour
from ui.translate import translator

_tr = translator("DeadlineRows")

AMBER = QColor(Colour.DUE_SOON_BG)
AMBER_TEXT = QColor(Colour.WARN)
RED = QColor(Colour.OVERDUE_BG)
RED_TEXT = QColor(Colour.ERROR)
_COLOURED = (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole)


class DeadlineRows:
    """For a list model whose rows have `due_on` and `due_unconfirmed`; says which rows still race
    against their deadline through days_left."""

    soon_days: int
    """At most this many working days left: "soon" (amber)."""
    due_column: int
    left_column: int

    def days_left(self, r: Any) -> int | None:
        """Working days left until the row's deadline; None when no deadline runs."""
        raise NotImplementedError

    def urgency(self, r: Any) -> str:
        """"overdue", "soon" or "" — drives the row colour."""
        left = self.days_left(r)
        if left is None:
            return ""
        return "overdue" if left < 0 else "soon" if left <= self.soon_days else ""

    def left_text(self, r: Any) -> str:
        left = self.days_left(r)
        if left is None:
            return ""
        return _tr("超期 {n} 个工作日").format(n=-left) if left < 0 else str(left)

    def deadline_data(self, r: Any, column: int, role: int) -> Any:
        """The tooltip, background, text colour, font or alignment the deadline gives a cell; None
        for any other."""
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.due_column and r.due_unconfirmed:
                return _tr("期限跨越节假日安排尚未确认的年份，仅按周末计算，请管理员录入节假日。")
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter) if column == self.left_column else None
        if role not in _COLOURED:
            return None  # the working days are not counted for roles that do not need them
        level = self.urgency(r)
        due_cell = level and column in (self.due_column, self.left_column)
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(RED if level == "overdue" else AMBER) if level else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(RED_TEXT if level == "overdue" else AMBER_TEXT) if due_cell else None
        if role == Qt.ItemDataRole.FontRole and due_cell:
            font = QFont()
            font.setBold(True)
            return font
        return None
