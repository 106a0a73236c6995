"""What the administrator's tables (accounts, audit log) share: translated column titles and one
getter a column for the shown text; each model adds its own colours, tooltips and user data."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, Qt

from ui.rows_model import AnyIndex, ReadOnlyRows

R = TypeVar("R")

# A column: its title marked with QT_TRANSLATE_NOOP (for pyside6-lupdate) and the getter of its text.
AdminColumn = tuple[object, Callable[[R], str]]


def admin_columns(columns: Sequence[AdminColumn[R]]) -> tuple[tuple[str, ...], tuple[Callable[[R], str], ...]]:
    """COLUMNS and DISPLAY of an AdminTable from one list, so a title cannot drift from its getter.
    str(): the stubs type QT_TRANSLATE_NOOP as object."""
    return tuple(str(title) for title, _ in columns), tuple(getter for _, getter in columns)


class AdminTable(ReadOnlyRows[R]):
    CONTEXT = ""  # the translation context of COLUMNS
    COLUMNS: tuple[str, ...] = ()
    DISPLAY: Sequence[Callable[[Any], str]] = ()  # one getter per column, in COLUMNS' order

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
        if horizontal and 0 <= section < len(self.COLUMNS):
            return QCoreApplication.translate(self.CONTEXT, self.COLUMNS[section])
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.DISPLAY[col](row) if 0 <= col < len(self.DISPLAY) else None
        return self.other_data(row, col, role)

    def other_data(self, row: R, col: int, role: int) -> Any:
        """Every role but the display text (colours, tooltips, user data); None by default."""
        return None
