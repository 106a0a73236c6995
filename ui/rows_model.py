"""A small read-only table model over a list of dataclass rows, shared by every tab (one record's documents,
consultations, attachments, versions, sign-offs; one month's inspections)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

R = TypeVar("R")
AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class RowColumn(Generic[R]):
    title: str
    text: Callable[[R], str]
    colour: Callable[[R], str | None] | None = None  # a foreground colour name, or None
    background: Callable[[R], str | None] | None = None


class ReadOnlyRows(QAbstractTableModel, Generic[R]):
    """What every read-only list model shares: the rows in `self.rows`, one column per entry of
    `self.columns` (each with a `title`), selectable, not editable (RowsModel here, the lazy lists in
    ui/paged_model.py)."""

    rows: list[R]
    columns: Sequence[Any]

    def row_at(self, row: int) -> R | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self.columns):
            return self.columns[section].title
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class RowsModel(ReadOnlyRows[R]):
    """These lists are short (one record's documents, one month's inspections): replaced whole."""

    def __init__(self, columns: Sequence[RowColumn[R]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[R] = []

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        row = self.rows[index.row()]
        col = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return col.text(row)
        if role == Qt.ItemDataRole.ForegroundRole and col.colour is not None:
            name = col.colour(row)
            return QBrush(QColor(name)) if name else None
        if role == Qt.ItemDataRole.BackgroundRole and col.background is not None:
            name = col.background(row)
            return QBrush(QColor(name)) if name else None
        return None
