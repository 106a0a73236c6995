"""工作台: what waits for the signed-in user, what is due soon and what is overdue."""

from __future__ import annotations

import logging

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.changes import Changes
from app.dashboard import DashboardItem, Urgency, collect
from ui.context import AppContext
from ui.dashboard_model import SORT_ROLE, DashboardModel
from ui.operations import read_reported
from ui.style import Sheet, apply_style

log = logging.getLogger("govinfo.ui")

WEEKDAYS = "一二三四五六日"


class DashboardTab(QWidget):
    item_activated = Signal(object)
    """The user opened a dashboard item (a DashboardItem); the main window shows its area."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._dirty = True
        self._build()
        self._lay_out()
        self._connect()
        self.refresh()

    def _build(self) -> None:
        self.model = DashboardModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)

        self.heading = QLabel(self)
        self.heading.setObjectName("dashboardHeading")
        apply_style(self.heading, Sheet.PAGE_TITLE)
        self.summary = QLabel(self)
        apply_style(self.summary, Sheet.HINT)
        self.refresh_button = QPushButton(self.tr("刷新"), self)
        self.refresh_button.setToolTip(self.tr("重新读取待办事项"))

        self.view = QTableView(self)
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(DashboardModel.COL_URGENCY, Qt.SortOrder.DescendingOrder)
        self.view.setAlternatingRowColors(False)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(30)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(DashboardModel.COL_DETAIL, QHeaderView.ResizeMode.Stretch)
        for col, width in ((0, 96), (1, 110), (2, 320), (4, 110)):
            self.view.setColumnWidth(col, width)

        self.empty_label = QLabel(self.tr("目前没有需要您处理的事项。"), self)
        self.empty_label.setObjectName("dashboardEmpty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        apply_style(self.empty_label, Sheet.EMPTY_STATE)
        self.stack = QStackedWidget(self)
        # Several change notifications in one action coalesce into one refresh.
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)

    def _lay_out(self) -> None:
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty_label)

        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.heading)
        titles.addWidget(self.summary)
        top.addLayout(titles, 1)
        top.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 12)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)

    def _connect(self) -> None:
        self.refresh_button.clicked.connect(self.refresh)
        # `activated` covers double-click and Enter (and single click where the platform wants it).
        self.view.activated.connect(self._on_activated)
        self._refresh_timer.timeout.connect(self._refresh_if_visible)
        self.ctx.events.changed.connect(self._on_changed)
        self.ctx.events.remote_changed.connect(self.refresh)

    @property
    def is_empty(self) -> bool:
        return self.model.rowCount() == 0

    @Slot()
    def refresh(self) -> None:
        """Read the items again; a provider that fails must not empty the whole dashboard silently."""
        today = self.ctx.today()
        self.heading.setText(
            self.tr("{name}，您好！今天是 {y} 年 {m} 月 {d} 日 星期{w}").format(
                name=self.ctx.actor.display_name, y=today.year, m=today.month, d=today.day,
                w=WEEKDAYS[today.weekday()],
            )
        )
        actor = self.ctx.actor
        items = read_reported(self.ctx, lambda s: collect(s, actor, today), parent=self,
                              title=self.tr("工作台")).value or []
        self.model.set_items(items)
        self._dirty = False
        self._update_summary(items)

    def _update_summary(self, items: list[DashboardItem]) -> None:
        overdue = sum(1 for i in items if i.urgency == Urgency.OVERDUE)
        soon = sum(1 for i in items if i.urgency == Urgency.DUE_SOON)
        self.summary.setText(
            self.tr("共 {n} 项待办，其中已逾期 {o} 项，即将到期 {s} 项。").format(n=len(items), o=overdue, s=soon)
            if items else self.tr("没有待办事项。")
        )
        self.stack.setCurrentWidget(self.empty_label if not items else self.view)

    @Slot(object)
    def _on_changed(self, changes: Changes) -> None:
        self._dirty = True
        self._refresh_timer.start()

    @Slot()
    def _refresh_if_visible(self) -> None:
        # A hidden dashboard refreshes when it is shown again (showEvent), not on every change.
        if self._dirty and self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self.refresh()

    @Slot(QModelIndex)
    def _on_activated(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        item = self.model.item(self.proxy.mapToSource(index).row())
        self.item_activated.emit(item)
