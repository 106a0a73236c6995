"""What every list's filter bar shares (依申请公开, 主动公开, 发布审核): `filter_changed`, and a search
field that fires only after a pause in typing — a query per keystroke would make a 100,000-row list
stutter — or at once on Enter or `flush()`. Any other filter (a combo box, a tick box) fires at once
through `_on_changed` (`watch`). Each bar lays out the same row: 筛选：, its filters, the search field
(`lay_out_row`)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtWidgets import QAbstractButton, QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

SEARCH_DEBOUNCE_MS = 300


class ListFilterBar(QWidget):
    filter_changed = Signal()
    """The user changed a filter or (after a pause in typing) the search text."""

    def __init__(self, parent: QWidget | None, *, placeholder: str, min_width: int) -> None:
        super().__init__(parent)
        self.search = QLineEdit(self)
        self.search.setObjectName("filterSearch")
        self.search.setPlaceholderText(placeholder)
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(min_width)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.filter_changed)
        self.search.textChanged.connect(self._on_text)
        self.search.returnPressed.connect(self.flush)

    def lay_out_row(self, filters: Iterable[QWidget]) -> None:
        """筛选：, the bar's filters, then the search field taking the rest of the width."""
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(QLabel(self.tr("筛选："), self))
        for w in filters:
            layout.addWidget(w)
        layout.addStretch(1)
        layout.addWidget(self.search, 2)

    def watch(self, combos: Iterable[QComboBox], boxes: Iterable[QAbstractButton]) -> None:
        """A choice in any of these filters applies at once."""
        for combo in combos:
            combo.currentIndexChanged.connect(self._on_changed)
        for box in boxes:
            box.toggled.connect(self._on_changed)

    @Slot(str)
    def _on_text(self, _text: str) -> None:
        self._debounce.start()

    @Slot()
    def _on_changed(self) -> None:
        self._debounce.stop()
        self.filter_changed.emit()

    @Slot()
    def flush(self) -> None:
        """Apply pending search text at once (Enter pressed, or a test that does not want to wait)."""
        if self._debounce.isActive():
            self._debounce.stop()
            self.filter_changed.emit()
