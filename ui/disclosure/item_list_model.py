"""The list of disclosure items: ItemRow dataclasses from app.disclosure.queries, filtered in SQL.

A county office records a few hundred items a year, so the filtered list is read whole and sorted
here; there is nothing to gain from paging.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from app.disclosure.enums import DocKind, ItemStatus
from app.disclosure.queries import (
    DUE_SOON_WORKDAYS,
    ItemFilter,
    ItemRow,
    category_label,
    item_no_key,
    list_items,
    workdays_left,
)
from app.workdays.calendar import WorkCalendar
from app.workdays.service import load_calendar
from ui.context import AppContext

AnyIndex = QModelIndex | QPersistentModelIndex
_AMBER = QColor("#fff3cd")
_AMBER_TEXT = QColor("#8a5a00")
_RED = QColor("#fde2e1")
_RED_TEXT = QColor("#b3261e")
_GREY_TEXT = QColor("#757575")


def _tr(text: str) -> str:
    return QCoreApplication.translate("ItemListModel", text)


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    width: int


COLUMNS: tuple[Column, ...] = (
    Column("item_no", _tr("事项编号"), 140),
    Column("status", _tr("状态"), 80),
    Column("title", _tr("标题"), 330),
    Column("category", _tr("类别"), 180),
    Column("section", _tr("责任科室"), 76),
    Column("doc_no", _tr("文号"), 140),
    Column("formed_on", _tr("形成/变更日期"), 100),
    Column("due_on", _tr("发布期限"), 100),
    Column("left", _tr("剩余工作日"), 102),
    Column("published_on", _tr("发布日期"), 92),
)
KEYS = tuple(c.key for c in COLUMNS)
COL_DUE = KEYS.index("due_on")
COL_LEFT = KEYS.index("left")


class ItemListModel(QAbstractTableModel):
    def __init__(self, ctx: AppContext, parent: QObject | None = None,
                 today: Callable[[], date] | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._today = today or ctx.today
        self.filter = ItemFilter(today=self._today())
        self.rows: list[ItemRow] = []
        self.calendar = WorkCalendar()
        self.sort_column = 0
        self.sort_order = Qt.SortOrder.DescendingOrder
        self.refresh()

    # -- loading -----------------------------------------------------------------------------
    def set_filter(self, f: ItemFilter) -> None:
        self.filter = f
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self.filter = replace(self.filter, today=self._today())
        with self.ctx.reader() as s:
            self.calendar = load_calendar(s)
            self.rows = list_items(s, self.filter, self.calendar)
        self._sort_rows()
        self.endResetModel()

    # -- the table ---------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(COLUMNS):
            return COLUMNS[section].title
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def row_at(self, row: int) -> ItemRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def row_of_item(self, item_id: int) -> int:
        return next((i for i, r in enumerate(self.rows) if r.id == item_id), -1)

    def days_left(self, r: ItemRow) -> int | None:
        if r.due_on is None or not r.status.is_pending:
            return None
        return workdays_left(self.calendar, r.due_on, self.filter.today)

    def urgency(self, r: ItemRow) -> str:
        """"overdue", "soon" or "" — drives the row colour, as on the dashboard."""
        left = self.days_left(r)
        if left is None:
            return ""
        return "overdue" if left < 0 else "soon" if left <= DUE_SOON_WORKDAYS else ""

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        r = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, KEYS[col])
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_DUE and r.due_unconfirmed:
                return _tr("期限跨越节假日安排尚未确认的年份，仅按周末计算，请管理员录入节假日。")
            if KEYS[col] in ("title", "category"):
                return self._display(r, KEYS[col])
            return None
        if role == Qt.ItemDataRole.UserRole:
            return r.id
        level = self.urgency(r)
        if role == Qt.ItemDataRole.BackgroundRole and level:
            return QBrush(_RED if level == "overdue" else _AMBER)
        if role == Qt.ItemDataRole.ForegroundRole:
            if level and col in (COL_DUE, COL_LEFT):
                return QBrush(_RED_TEXT if level == "overdue" else _AMBER_TEXT)
            if r.status in (ItemStatus.WITHHELD, ItemStatus.SUPERSEDED) or r.repealed_on is not None:
                return QBrush(_GREY_TEXT)
            return None
        if role == Qt.ItemDataRole.FontRole and level and col in (COL_DUE, COL_LEFT):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and col == COL_LEFT:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _display(self, r: ItemRow, key: str) -> str:
        if key == "item_no":
            return r.item_no if r.version_no == 1 else _tr("{no}（第{v}版）").format(no=r.item_no, v=r.version_no)
        if key == "status":
            return r.status.label
        if key == "title":
            extra = ""
            if r.doc_kind is not DocKind.NONE:
                extra = _tr("〔{kind}〕").format(kind=r.doc_kind.label)
            if r.repealed_on is not None:
                extra += _tr("〔已废止〕")
            return r.title + extra
        if key == "category":
            return category_label(r.category)
        if key == "section":
            return r.section
        if key == "doc_no":
            return r.doc_no
        if key == "formed_on":
            return r.formed_on.isoformat()
        if key == "due_on":
            if r.status is ItemStatus.DELAYED and r.due_on is None:
                return _tr("暂缓（待事由消除）")
            return (r.due_on.isoformat() + (_tr("（未确认）") if r.due_unconfirmed else "")) if r.due_on else ""
        if key == "left":
            left = self.days_left(r)
            if left is None:
                return ""
            return _tr("超期 {n} 个工作日").format(n=-left) if left < 0 else str(left)
        if key == "published_on":
            return r.published_on.isoformat() if r.published_on else ""
        return ""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        ids = [(self.rows[i.row()].id, i.column()) if 0 <= i.row() < len(self.rows) else None for i in old]
        self.sort_column, self.sort_order = column, order
        self._sort_rows()
        where = {r.id: n for n, r in enumerate(self.rows)}
        new = [self.index(where[k[0]], k[1]) if k is not None and k[0] in where else QModelIndex() for k in ids]
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    def _sort_rows(self) -> None:
        key = KEYS[self.sort_column]
        far = date.max if self.sort_order == Qt.SortOrder.AscendingOrder else date.min
        sort_key: Callable[[ItemRow], Any]
        if key == "item_no":
            sort_key = lambda r: item_no_key(r.item_no, r.version_no)  # noqa: E731
        elif key in ("due_on", "left"):
            sort_key = lambda r: (r.due_on or far, item_no_key(r.item_no))  # noqa: E731
        elif key in ("formed_on", "published_on"):
            sort_key = lambda r: (getattr(r, key) or far, item_no_key(r.item_no))  # noqa: E731
        elif key == "status":
            sort_key = lambda r: r.status.label  # noqa: E731
        else:
            sort_key = lambda r: self._display(r, key)  # noqa: E731
        self.rows.sort(key=sort_key, reverse=self.sort_order == Qt.SortOrder.DescendingOrder)
