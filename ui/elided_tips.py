"""Long values cut short in a list ("北京盈科（贵阳）律师事…") show their whole text as a tooltip.

Qt elides a cell's text that does not fit its column but gives no way to read the rest. This filter,
attached to every item view as it is polished (ui/keyboard.py), answers the view's tooltip event
for a cut-off cell with the full text; a cell that has its own tooltip keeps it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyleOptionViewItem, QToolTip


class ElidedTips(QObject):
    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self.view = view

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ToolTip or not isinstance(event, QHelpEvent):
            return False
        view = self.view
        index = view.indexAt(event.pos())
        if not index.isValid() or index.data(Qt.ItemDataRole.ToolTipRole):
            return False  # the model's own tooltip is shown as usual
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not isinstance(text, str) or not text:
            return False
        if is_elided(view, index.row(), index.column()):
            QToolTip.showText(event.globalPos(), text, view.viewport(), view.visualRect(index))
            return True
        QToolTip.hideText()
        return False


def is_elided(view: QAbstractItemView, row: int, column: int) -> bool:
    """True when the cell's text is wider than the room its column gives it."""
    index = view.model().index(row, column)
    text = index.data(Qt.ItemDataRole.DisplayRole)
    if not isinstance(text, str):
        return False
    rect = view.visualRect(index)
    option = QStyleOptionViewItem()
    option.initFrom(view)
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, option, view) + 1
    widest = max((view.fontMetrics().horizontalAdvance(line) for line in text.splitlines()), default=0)
    return widest + 2 * margin > rect.width()


def attach(view: QAbstractItemView) -> None:
    if view.property("govinfo_elided_tips"):
        return
    view.setProperty("govinfo_elided_tips", True)
    view.viewport().installEventFilter(ElidedTips(view))
