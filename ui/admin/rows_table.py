"""The admin pages' record lists (账户, 审计记录): the panels' read-only list table (ui/list_table.py),
not editable in place, one line per row on shaded alternate rows, the header not lit by the selection."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from ui.list_table import list_table


def admin_table(model: QAbstractItemModel, parent: QWidget) -> QTableView:
    table = list_table(model, (), parent)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.horizontalHeader().setHighlightSections(False)
    return table
