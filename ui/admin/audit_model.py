"""The audit table: fetches 200 entries at a time, newest first, as the user scrolls.

The model does not know the database; it is handed a fetch function, so the same model serves
the viewer and tests alike, and paging stays keyset-based (see app.audit.query).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from app.audit.query import PAGE_SIZE, AuditFilter, AuditRow
from ui.admin.table_model import AdminColumn, AdminTable, admin_columns
from ui.rows_model import AnyIndex
from ui.style import Colour

Fetcher = Callable[[AuditFilter, int | None, int], list[AuditRow]]
Counter = Callable[[AuditFilter], int]

_FAILED = QColor(Colour.ERROR)


_COLUMNS: tuple[AdminColumn[AuditRow], ...] = (
    (QT_TRANSLATE_NOOP("AuditModel", "时间"), lambda row: row.at_local.strftime("%Y-%m-%d %H:%M:%S")),
    (QT_TRANSLATE_NOOP("AuditModel", "用户"), lambda row: row.user_label),
    (QT_TRANSLATE_NOOP("AuditModel", "操作系统用户"), lambda row: row.os_user),
    (QT_TRANSLATE_NOOP("AuditModel", "操作"), lambda row: row.action_label),
    (QT_TRANSLATE_NOOP("AuditModel", "记录类型"), lambda row: row.record_type_label),
    (QT_TRANSLATE_NOOP("AuditModel", "记录编号"), lambda row: "" if row.record_id == "*" else row.record_id),
    # One line in the table; the tooltip and the detail view show the whole text.
    (QT_TRANSLATE_NOOP("AuditModel", "摘要"), lambda row: row.summary.replace("\n", " ")),
)


class AuditModel(AdminTable[AuditRow]):
    CONTEXT = "AuditModel"
    COLUMNS, DISPLAY = admin_columns(_COLUMNS)
    SUMMARY_COLUMN = 6

    rows_loaded = Signal(int, int)
    """More rows arrived: (rows loaded so far, total matching the filter)."""

    def __init__(
        self, fetch: Fetcher, count: Counter | None = None, page_size: int = PAGE_SIZE, parent: Any = None
    ) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self._count = count
        self.page_size = page_size
        self.filter = AuditFilter()
        self.total = 0
        self.rows: list[AuditRow] = []
        self._exhausted = True

    def set_filter(self, filt: AuditFilter) -> None:
        """Start over with `filt` and load its first page."""
        self.beginResetModel()
        self.filter = filt
        self.rows = []
        self._exhausted = False
        self.total = self._count(filt) if self._count is not None else 0
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def refresh(self) -> None:
        self.set_filter(self.filter)

    @property
    def loaded(self) -> int:
        return len(self.rows)

    # --- lazy loading ---------------------------------------------------------------------
    def canFetchMore(self, parent: AnyIndex) -> bool:
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: AnyIndex) -> None:
        if parent.isValid() or self._exhausted:
            return
        before = self.rows[-1].seq if self.rows else None
        rows = self._fetch(self.filter, before, self.page_size)
        if len(rows) < self.page_size:
            self._exhausted = True
        if rows:
            first = len(self.rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self.rows.extend(rows)
            self.endInsertRows()
        self.total = max(self.total, len(self.rows))
        self.rows_loaded.emit(len(self.rows), self.total)

    # --- table ----------------------------------------------------------------------------
    def other_data(self, row: AuditRow, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == self.SUMMARY_COLUMN and row.summary:
                return row.summary
            if col == 0:
                return QCoreApplication.translate("AuditModel", "第 {n} 条").format(n=row.seq)
            if col == 3:
                return row.action
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.action.endswith("_failed") and col in (3, self.SUMMARY_COLUMN):
                return QBrush(_FAILED)
            return None
        if role == Qt.ItemDataRole.UserRole:
            return row.seq
        return None
