"""流程图 tab: the C.14 flowchart beside the whole 本案进程 list.

The events used to be painted into the chart's free corner, which held only the last four at
1280×800 and dropped the earliest ones (收到申请 first of all). Here they are a list of their own:
every event, oldest first and the newest at the bottom (scrolled into view), full text in the
tooltip when a line is too long for the column.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QGroupBox, QHBoxLayout, QListView, QVBoxLayout, QWidget

from ui.cases.flowchart import FlowchartWidget, FlowFacts


class FlowPanel(QWidget):
    """The flowchart (`chart`) and the dated events of the case (`events`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart = FlowchartWidget(self)
        self.model = QStandardItemModel(self)
        self.events = QListView(self)
        self.events.setObjectName("caseTimeline")
        self.events.setModel(self.model)
        self.events.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.events.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.events.setUniformItemSizes(True)
        box = QGroupBox(self.tr("本案进程"), self)
        QVBoxLayout(box).addWidget(self.events)
        box.setMinimumWidth(240)
        box.setMaximumWidth(360)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.chart, 1)
        layout.addWidget(box)

    def set_facts(self, facts: FlowFacts | None, timeline: list[tuple[date, str]] | None = None) -> None:
        # The chart no longer paints the events itself: the list shows all of them.
        self.chart.set_facts(facts, None)
        self.model.clear()
        for day, text in sorted(timeline or [], key=lambda event: event[0]):
            line = f"{day.isoformat()}  {text}"
            item = QStandardItem(line)
            item.setToolTip(line)
            self.model.appendRow(item)
        if self.model.rowCount():
            self.events.scrollToBottom()

    def event_texts(self) -> list[str]:
        return [self.model.item(row).text() for row in range(self.model.rowCount())]
