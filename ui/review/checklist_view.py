"""Small behaviours of the review dialog's checklist tables.

The tick box of a point is a 16-pixel target; a reviewer clicks the point's words. A click on the
words toggles the tick (the 说明 column stays a text field to type in).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView

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
