"""The checks of a yearly report under its figures: a summary line over a one-row-per-check table.

年度报告 and 政府网站工作年度报表 each give their columns and what a click on a check opens."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Slot
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from ui.style import Colour, Sheet, apply_style

OK_FG, FAIL_FG = Colour.DONE, Colour.ERROR
MESSAGE_COLUMN = 2  # 说明: the long text; the user may widen it


class ChecksView(QWidget):
    def __init__(self, summary_name: str, table_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel(self)
        self.summary.setObjectName(summary_name)
        self.table = QTableView(self)
        self.table.setObjectName(table_name)

    def lay_out(self, model: QAbstractItemModel, widths: Sequence[int]) -> None:
        """Called by the subclass once its model exists (its columns carry its own texts)."""
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        for column, width in enumerate(widths):
            self.table.setColumnWidth(column, width)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(MESSAGE_COLUMN, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.table.clicked.connect(self._on_clicked)

    def show_summary(self, text: str, colour: str) -> None:
        self.summary.setText(text)
        apply_style(self.summary, Sheet.bold_colour(colour))

    @Slot(QModelIndex)
    def _on_clicked(self, index: QModelIndex) -> None:
        """What a click on a check opens; the subclass says."""
