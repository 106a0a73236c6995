"""Small behaviours of the review dialog's checklist tables.

The tick box of a point is a 16-pixel target; a reviewer clicks the point's words. A click on the
words toggles the tick (the 说明 column stays a text field to type in). The tables wrap their text
and grow to their rows, never scrolling sideways (ChecklistTable).
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QSize, Qt, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QSizePolicy, QTableView, QWidget

from ui.review.checklist_model import COL_ITEM, COL_NOTE, COL_OK

# The first words of the service's checklist refusal (app.review.workflow._check_checklist).
CHECKLIST_PROBLEM_START = "以下审核要点尚未勾选或注明意见"


def toggle_on_row_click(view: QAbstractItemView, label_column: int, check_column: int) -> None:
    """Clicking a row's label toggles the check box in `check_column` of the same row."""

    def toggle(index: QModelIndex) -> None:
        if index.column() != label_column:
            return
        model = view.model()
        target = model.index(index.row(), check_column)
        if not model.flags(target) & Qt.ItemFlag.ItemIsUserCheckable:
            return
        state = model.data(target, Qt.ItemDataRole.CheckStateRole)
        checked = state in (Qt.CheckState.Checked, Qt.CheckState.Checked.value)
        new = Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked
        model.setData(target, new.value, Qt.ItemDataRole.CheckStateRole)

    view.clicked.connect(toggle)


class ChecklistTable(QTableView):
    """One checklist (审核内容 or 审核要求) shown whole: the points' words and the notes wrap inside
    their columns and each row grows to its text, so the table never scrolls sideways (at 大 the
    说明 column was pushed off the dialog's right edge) and it is as tall as its rows; the pane
    around it scrolls instead (issue 17)."""

    def __init__(self, model: QAbstractItemModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self._build()
        self._lay_out()
        self._connect()

    def _build(self) -> None:
        self.verticalHeader().hide()
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def _lay_out(self) -> None:
        header = self.horizontalHeader()
        # The points are the county's words and take the room; the note gets a third of the width.
        header.setSectionResizeMode(COL_ITEM, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_OK, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(COL_NOTE, QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self._size_columns()

    def _connect(self) -> None:
        toggle_on_row_click(self, COL_ITEM, COL_OK)
        self.model().dataChanged.connect(self._fit_height)  # a long note wraps onto more lines

    def _size_columns(self) -> None:
        metrics = self.fontMetrics()
        self.setColumnWidth(COL_OK, self.horizontalHeader().sectionSizeHint(COL_OK) + 8)
        note = max(self.horizontalHeader().sectionSizeHint(COL_NOTE), metrics.horizontalAdvance("说明") * 4,
                   self.viewport().width() // 3)
        self.setColumnWidth(COL_NOTE, note)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._size_columns()
        self._fit_height()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # another 界面字号
            self._size_columns()
            self._fit_height()

    @Slot()
    def _fit_height(self) -> None:
        self.resizeRowsToContents()
        height = self.horizontalHeader().sizeHint().height() + self.verticalHeader().length() + 2 * self.frameWidth()
        if height != self.height():
            self.setFixedHeight(height)

    def minimumSizeHint(self) -> QSize:
        # Narrow enough to fit beside the post on a 125 % screen: the words wrap instead.
        return QSize(self.fontMetrics().horizontalAdvance("说明") * 12, super().minimumSizeHint().height())
