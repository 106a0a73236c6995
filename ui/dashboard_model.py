"""Table model over the 工作台's plain DashboardItem rows."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.dashboard import DashboardItem, Urgency
from ui.style import Colour

ModelIndex = QModelIndex | QPersistentModelIndex

OVERDUE_BACKGROUND = QColor("#fbe3e1")
OVERDUE_TEXT = QColor("#a61b12")
DUE_SOON_BACKGROUND = QColor(Colour.DUE_SOON_BG)
DUE_SOON_TEXT = QColor(Colour.WARN)

# Sorting by this role orders urgency by severity and dates chronologically, not alphabetically.
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ITEM_ROLE = Qt.ItemDataRole.UserRole


class DashboardModel(QAbstractTableModel):
    COL_URGENCY, COL_AREA, COL_TITLE, COL_DETAIL, COL_DUE = range(5)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[DashboardItem] = []
        self._headers = [self.tr("紧急程度"), self.tr("类别"), self.tr("事项"), self.tr("说明"), self.tr("期限")]
        self._urgency_labels = {
            Urgency.OVERDUE: self.tr("已逾期"),
            Urgency.DUE_SOON: self.tr("即将到期"),
            Urgency.WAITING: self.tr("待处理"),
            Urgency.INFO: self.tr("提示"),
        }

    def set_items(self, items: Sequence[DashboardItem]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def item(self, row: int) -> DashboardItem:
        return self._items[row]

    def items(self) -> list[DashboardItem]:
        return list(self._items)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._items)):
            return None
        item = self._items[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{item.title}\n{item.detail}" if item.detail else item.title
        if role == Qt.ItemDataRole.BackgroundRole:
            if item.urgency == Urgency.OVERDUE:
                return QBrush(OVERDUE_BACKGROUND)
            if item.urgency == Urgency.DUE_SOON:
                return QBrush(DUE_SOON_BACKGROUND)
            return None
        if role == Qt.ItemDataRole.ForegroundRole and col in (self.COL_URGENCY, self.COL_DUE):
            if item.urgency == Urgency.OVERDUE:
                return QBrush(OVERDUE_TEXT)
            if item.urgency == Urgency.DUE_SOON:
                return QBrush(DUE_SOON_TEXT)
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (self.COL_URGENCY, self.COL_DUE):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == ITEM_ROLE:
            return item
        if role == SORT_ROLE:
            return self._sort_key(item, col)
        return None

    def _display(self, item: DashboardItem, col: int) -> str:
        if col == self.COL_URGENCY:
            return self._urgency_labels[item.urgency]
        if col == self.COL_AREA:
            return item.area
        if col == self.COL_TITLE:
            return item.title
        if col == self.COL_DETAIL:
            return item.detail
        if col == self.COL_DUE:
            return item.due_on.isoformat() if item.due_on else "—"
        return ""

    def _sort_key(self, item: DashboardItem, col: int) -> Any:
        if col == self.COL_URGENCY:
            return int(item.urgency)
        if col == self.COL_DUE:
            return (item.due_on or date.max).toordinal()
        return self._display(item, col)
