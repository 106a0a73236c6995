"""A read-only list of records in a panel: one row selected at a time, no row numbers, the last
column taking the rest of the width. Small panels repeated these lines for each list."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget


def list_table(model: QAbstractItemModel, widths: Sequence[int], parent: QWidget | None = None, *,
               object_name: str = "") -> QTableView:
    table = QTableView(parent)
    if object_name:
        table.setObjectName(object_name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    for column, width in enumerate(widths):
        table.setColumnWidth(column, width)
    return table
