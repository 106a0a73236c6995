"""主动公开: the register of items (filters, list, the selected item below) and the yearly figures."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.changes import Changes, RecordKind
from app.disclosure.queries import ItemFilter, item_years
from app.settings import get_setting
from ui.context import AppContext
from ui.disclosure.actions import read
from ui.disclosure.export_actions import ExportActions
from ui.disclosure.filter_bar import FilterBar
from ui.disclosure.item_detail import ItemDetail
from ui.disclosure.item_form import ItemFormDialog
from ui.disclosure.item_list_model import COLUMNS, ItemListModel
from ui.disclosure.year_figures_page import YearFiguresPage
from ui.style import Sheet, apply_style

RECORD_TYPE = "disclosure"


class DisclosureTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 today: Callable[[], date] | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._today = today or ctx.today
        self.form: ItemFormDialog | None = None
        years, sections = read(ctx, lambda s: (item_years(s), list(get_setting(s, "org.sections"))))

        self.new_button = QPushButton(self.tr("登记公开事项…"), self)
        self.new_button.setObjectName("newItem")
        apply_style(self.new_button, Sheet.NEW_BUTTON)
        self.register_button = QPushButton(self.tr("导出台账…"), self)
        self.register_button.setObjectName("exportRegister")
        self.catalogue_button = QPushButton(self.tr("导出公开目录…"), self)
        self.catalogue_button.setObjectName("exportCatalogue")
        self.refresh_button = QPushButton(self.tr("刷新"), self)
        self.count = QLabel(self)
        self.count.setObjectName("itemCount")
        apply_style(self.count, Sheet.HINT)
        bar = QHBoxLayout()
        bar.addWidget(self.new_button)
        bar.addSpacing(12)
        bar.addWidget(self.register_button)
        bar.addWidget(self.catalogue_button)
        bar.addWidget(self.refresh_button)
        bar.addStretch(1)
        bar.addWidget(self.count)

        self.filters = FilterBar(self, years=years, sections=sections)
        self.model = ItemListModel(ctx, self, today)
        self.table = QTableView(self)
        self.table.setObjectName("itemTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setWordWrap(False)
        for i, col in enumerate(COLUMNS):
            self.table.setColumnWidth(i, col.width)

        self.detail = ItemDetail(ctx, self, today=today)
        self.exports = ExportActions(ctx, self, lambda: read(ctx, item_years), lambda: self.filters.year.currentData())

        upper = QWidget(self)
        ul = QVBoxLayout(upper)
        ul.setContentsMargins(0, 0, 0, 0)
        ul.addLayout(bar)
        ul.addWidget(self.filters)
        ul.addWidget(self.table, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(upper)
        self.splitter.addWidget(self.detail)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([430, 400])
        self.figures = YearFiguresPage(ctx, self, today=today)
        self.pages = QTabWidget(self)
        self.pages.setObjectName("disclosurePages")
        self.pages.addTab(self.splitter, self.tr("公开事项登记"))
        self.pages.addTab(self.figures, self.tr("年度统计数据（年报第二部分）"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.pages)

        self.new_button.clicked.connect(self.new_item)
        self.register_button.clicked.connect(self.exports.register_dialog)
        self.catalogue_button.clicked.connect(self.exports.catalogue_dialog)
        self.refresh_button.clicked.connect(self.refresh)
        self.filters.filter_changed.connect(self.apply_filter)
        self.filters.search.returnPressed.connect(self.filters.flush)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.model.modelReset.connect(self._update_count)
        self.detail.item_shown.connect(self._reselect_item)
        ctx.events.changed.connect(self._on_changed)
        ctx.events.remote_changed.connect(self.refresh_list)
        self._update_count()

    # -- the list ----------------------------------------------------------------------------
    def current_filter(self) -> ItemFilter:
        return self.filters.current_filter(self._today())

    @Slot()
    def apply_filter(self) -> None:
        self.model.set_filter(self.current_filter())
        self._reselect()

    @Slot()
    def refresh(self) -> None:
        self.filters.set_years(read(self.ctx, item_years))
        self.model.refresh()
        self._reselect()
        self.detail.reload()
        self.figures.load()

    @Slot()
    def refresh_list(self) -> None:
        """Another PC changed something: reload the list only, never the form being edited."""
        self.model.refresh()
        self._reselect()

    @Slot(object)
    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(RecordKind.DISCLOSURE, RecordKind.CALENDAR, RecordKind.SETTINGS):
            self.refresh()

    def _reselect(self) -> None:
        """Select the item shown below again after the list was reloaded, if the filter lists it."""
        item_id = self.detail.item_id
        row = self.model.row_of_item(item_id) if item_id is not None else -1
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        else:
            selection.clearSelection()
        selection.blockSignals(False)

    @Slot(int)
    def _reselect_item(self, _item_id: int) -> None:
        self._reselect()

    @Slot()
    def _update_count(self) -> None:
        overdue = sum(1 for r in self.model.rows if self.model.urgency(r) == "overdue")
        text = self.tr("共 {n} 条").format(n=len(self.model.rows))
        if overdue:
            text += self.tr("，其中超期未发布 {k} 条").format(k=overdue)
        self.count.setText(text)

    @Slot(QItemSelection, QItemSelection)
    def _on_selection(self, *_args: object) -> None:
        rows = self.table.selectionModel().selectedRows()
        r = self.model.row_at(rows[0].row()) if rows else None
        if r is not None and r.id != self.detail.item_id:
            self.detail.show_item(r.id)

    def select_item(self, item_id: int) -> None:
        """Show `item_id` below and select it in the list when the filter includes it."""
        self.pages.setCurrentIndex(0)
        self.detail.show_item(item_id)
        row = self.model.row_of_item(item_id)
        if row < 0:  # recorded since the list was read (e.g. opened from the dashboard)
            self.model.refresh()
            row = self.model.row_of_item(item_id)
        if row >= 0:
            self.table.selectionModel().select(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self.table.scrollTo(self.model.index(row, 0))

    # -- actions -----------------------------------------------------------------------------
    @Slot()
    def new_item(self) -> ItemFormDialog:
        dialog = ItemFormDialog(self.ctx, parent=self, today=self._today)
        dialog.item_saved.connect(self.select_item)
        self.form = dialog
        dialog.open()
        return dialog

    # -- main window contract ----------------------------------------------------------------
    def show_record(self, record_type: str, record_id: int | None) -> None:
        if record_type == RECORD_TYPE and record_id is not None:
            self.select_item(record_id)

    def can_close(self) -> bool:
        return True
