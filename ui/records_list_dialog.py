"""The drill-down list behind a report figure: a summary line, a read-only table, a Close button.

Both yearly reports (年度报告 and 政府网站工作年度报表) open it; each gives its own columns."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.column_widths import ColumnWidths


class RecordsListDialog(QDialog):
    """Non-modal, so several lists can be compared side by side."""

    def __init__(self, title: str, size: tuple[int, int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(*size)

    def lay_out(self, model: QAbstractItemModel, summary: str, widths: Sequence[int]) -> None:
        """Called by the subclass once its model holds the rows (the summary counts them)."""
        self.summary = QLabel(summary, self)
        self.summary.setObjectName("recordsSummary")
        self.table = QTableView(self)
        self.table.setObjectName("recordsTable")
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        # Sized to the rows and headers (dates read 2025-12… at 大 in a fixed 780 px), remembered per PC.
        design = [*widths, *[200] * (model.columnCount() - len(widths))]  # the stretched last may be left out
        self.widths = ColumnWidths(self.table, f"records/{type(self).__name__}", design)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # The columns were sized to their content as the table was shown: the dialog grows to hold
        # them (the screen-fit filter keeps it on the screen), so no date is cut short.
        frame = 2 * self.table.frameWidth() + self.table.verticalScrollBar().sizeHint().width()
        layout = self.layout()
        side = 0 if layout is None else layout.contentsMargins().left() + layout.contentsMargins().right()
        needed = self.table.horizontalHeader().length() + frame + side
        screen = self.screen().availableGeometry().width() if self.screen() is not None else needed
        if needed > self.width():
            self.resize(min(needed, screen - 20), self.height())
