"""One list-and-detail shell for the three areas (依申请公开, 发布审核, 主动公开).

Above: a button bar (new, exports, 刷新, the count), the area's filter bar and its lazy list
(ui/paged_model.py); below, in a splitter: the selected record. The shell does what each area used
to copy: selecting a row shows the record below, a refresh selects the shown record again, columns
are sized and remembered (ui/column_widths.py), and a change made on another PC reloads the list and
the record below without overwriting a form the clerk is typing in (DetailPanel.reload_if_changed).

    shell = ListDetailShell(ctx, model, detail, filters, name="cases", current_filter=...)
    shell.add_button(tr("登记新申请…"), self.new_case, "newCase", primary=True)
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, ClassVar, Protocol

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QSettings, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.column_widths import ColumnWidths
from ui.context import AppContext
from ui.operations import read_if_present
from ui.paged_model import PagedTableModel
from ui.screen_fit import scroll_area
from ui.style import Sheet, apply_style

MAX_PAGES_TO_FIND = 10  # when selecting a record again after a refresh; beyond that it stays shown below only
DETAIL_LINES = 15  # the record below gets this many lines of text on first show (its header and a
# tab page down to the page's main button, e.g. 保存答复稿并提交审核); the list gets the rest (issue 17)
LIST_ROWS = 3  # ...but the list always keeps this many rows: at 大 on 1366×768 the record below wanted
# so much that one row was left. The record then scrolls inside its own area (issue 17). Not more:
# at 125 % with the standard font (the commonest office PC) three rows and the record down to
# 保存答复稿并提交审核 are all the tab has room for, and the main action must stay in view.


class DetailPanel(Protocol):
    """What the shell needs of the panel under the list."""

    @property
    def record_id(self) -> int | None: ...

    def show_record(self, record_id: int | None) -> None: ...

    def reload(self) -> None: ...

    def reload_if_changed(self) -> None:
        """Another PC may have changed the shown record: show the fresh state, but keep (and mark)
        a form the clerk is typing in."""


class RecordDetail(QWidget):
    """The panel under an area's list: DetailPanel's contract for a panel that shows one record's
    `view` (a value with an `id`; None while nothing is shown). A subclass says how to show a record
    and how to read it fresh; a panel holding typed input also overrides may_leave and
    reload_if_changed."""

    ctx: AppContext
    view: Any
    load: ClassVar[Callable[..., Any]]
    """load(session, record_id, actor): the record as the actor sees it; NotFound when deleted."""

    @property
    def record_id(self) -> int | None:
        return self.view.id if self.view is not None else None

    def show_record(self, record_id: int | None) -> None:
        raise NotImplementedError

    def read_fresh(self, record_id: int) -> Any:
        """The record as stored now (None when deleted meanwhile), to compare with `view`."""
        actor = self.ctx.actor
        return read_if_present(self.ctx, lambda s: self.load(s, record_id, actor))

    @Slot()
    def reload(self) -> None:
        self.show_record(self.record_id)

    def may_leave(self, record_id: int, go: Callable[[], None]) -> bool:
        """Whether the list may show another record here now. Nothing is typed here by default; a
        panel holding typed input asks first, returns False and calls `go` once the clerk agrees."""
        return True

    def reload_if_changed(self) -> None:
        """Nothing is typed here (every change opens a dialog or a window of its own): show the
        fresh record when it changed, or nothing when it was deleted."""
        if self.view is None:
            return
        fresh = self.read_fresh(self.view.id)
        if fresh != self.view:
            self.show_record(fresh.id if fresh is not None else None)


class ListDetailShell(QWidget):
    record_selected = Signal(int)
    """The clerk selected a row (the record is then shown below)."""

    def __init__(self, ctx: AppContext, model: PagedTableModel[Any, Any], detail: QWidget,
                 filters: QWidget, *, name: str, current_filter: Callable[[], object],
                 count_text: Callable[[], str], sort_column: int,
                 sort_order: Qt.SortOrder = Qt.SortOrder.DescendingOrder,
                 on_refresh: Callable[[], object] | None = None, settings: QSettings | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = model
        self.detail = detail
        self.filters = filters
        self._current_filter = current_filter
        self._count_text = count_text
        self._on_refresh = on_refresh  # what 刷新 does when the area reads more than list and record
        self._auto_split = True  # the program places the divider until the clerk drags it
        self._build(name, sort_column, sort_order, settings)
        self._lay_out()
        self._connect()
        self.update_count()

    # -- build / lay out / connect -----------------------------------------------------------
    def _build(self, name: str, sort_column: int, sort_order: Qt.SortOrder, settings: QSettings | None) -> None:
        self.bar = QHBoxLayout()
        self.refresh_button = QPushButton(self.tr("刷新"), self)
        self.count = QLabel(self)
        apply_style(self.count, Sheet.HINT)
        self.table = QTableView(self)
        self.table.setObjectName(f"{name}Table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Indicator first: enabling sorting sorts at once by the indicator's column, and that must
        # be an order an index serves (issue 8).
        self.table.horizontalHeader().setSortIndicator(sort_column, sort_order)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setWordWrap(False)
        self.widths = ColumnWidths(self.table, name, [c.width for c in self.model.columns], settings)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setChildrenCollapsible(False)
        # The record scrolls inside its area rather than force its full height on the splitter: its
        # minimum height no longer takes the list's rows, and nothing in it is squeezed away.
        self.detail_area = scroll_area(self.detail, self)
        self.detail_area.setObjectName(f"{name}DetailArea")
        self._settings = self.widths.settings
        self._split_key = f"lists/{name}/split"

    def _lay_out(self) -> None:
        self._buttons_end = 0
        self.bar.addWidget(self.refresh_button)
        self.bar.addStretch(1)
        self.bar.addWidget(self.count)
        self.upper = upper = QWidget(self)
        ul = QVBoxLayout(upper)
        ul.setContentsMargins(0, 0, 0, 0)
        ul.setSpacing(4)  # the pixels that let three rows and the reply's button share a 125 % screen
        ul.addLayout(self.bar)
        ul.addWidget(self.filters)
        ul.addWidget(self.table, 1)
        self.splitter.addWidget(upper)
        self.splitter.addWidget(self.detail_area)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

    def _connect(self) -> None:
        self.refresh_button.clicked.connect(lambda: (self._on_refresh or self.refresh)())
        self.filters.filter_changed.connect(self.apply_filter)  # type: ignore[attr-defined]
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.model.modelReset.connect(self.update_count)
        self.ctx.events.remote_changed.connect(self.refresh_remote)
        self.splitter.splitterMoved.connect(self._remember_split)

    def add_button(self, text: str, slot: Callable[[], object], name: str = "", *,
                   primary: bool = False) -> QPushButton:
        """A button in the bar, before 刷新 (in the order added)."""
        button = QPushButton(text, self)
        if name:
            button.setObjectName(name)
        if primary:
            apply_style(button, Sheet.NEW_BUTTON)
        button.clicked.connect(lambda: slot())
        self.bar.insertWidget(self._buttons_end, button)
        self._buttons_end += 1
        if primary:
            self.bar.insertSpacing(self._buttons_end, 12)
            self._buttons_end += 1
        return button

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self._place_divider()

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._place_divider()  # the window was fitted to the screen or maximised after the first show

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._place_divider()  # another 界面字号: rows and lines have another height

    def _place_divider(self) -> None:
        """Where the clerk last put the divider; else the list keeps LIST_ROWS rows and the record
        below gets DETAIL_LINES lines when there is room for both, the list the rest."""
        if not self._auto_split or not self.isVisible():
            return
        total = sum(self.splitter.sizes())
        if total <= 0:
            return
        saved = self._saved_split()
        if saved is not None:  # where the clerk last put the divider (e.g. at a larger 界面字号)
            self._auto_split = False
            self.splitter.setSizes([saved, max(1, total - saved)])
            return
        lower = max(self.detail.minimumSizeHint().height(), DETAIL_LINES * self.fontMetrics().height())
        upper = max(self.list_height(LIST_ROWS), total - lower)
        self.splitter.setSizes([min(upper, total - 1), max(1, total - upper)])

    def list_height(self, rows: int) -> int:
        """The height of the part above the divider that shows `rows` rows of the list (and a
        horizontal scroll bar, when the columns are wider than the window)."""
        table = self.table
        above = self.upper.minimumSizeHint().height() - table.minimumSizeHint().height()
        frame = 2 * table.frameWidth()
        header = table.horizontalHeader()
        wider = header.length() > table.viewport().width()
        scroll_bar = table.horizontalScrollBar().sizeHint().height() if wider else 0
        return (above + frame + table.horizontalHeader().sizeHint().height()
                + rows * table.verticalHeader().defaultSectionSize() + scroll_bar)

    def _saved_split(self) -> int | None:
        raw = self._settings.value(self._split_key)
        try:
            height = int(str(raw))
        except (TypeError, ValueError):
            return None
        return height if height > 0 else None

    @Slot(int, int)
    def _remember_split(self, _position: int, _index: int) -> None:
        """The height the clerk gave the list, kept per PC like the column widths."""
        self._auto_split = False
        self._settings.setValue(self._split_key, self.splitter.sizes()[0])

    # -- the list ----------------------------------------------------------------------------
    @property
    def panel(self) -> DetailPanel:
        return self.detail  # type: ignore[return-value]

    @Slot()
    def apply_filter(self) -> None:
        self.model.set_filter(self._current_filter())
        self.reselect()

    @Slot()
    def refresh(self) -> None:
        """刷新, or a change made here: the list and the record below are read again."""
        self.model.refresh()
        self.reselect()
        self.panel.reload()

    @Slot()
    def refresh_list(self) -> None:
        self.model.refresh()
        self.reselect()

    @Slot()
    def refresh_remote(self) -> None:
        """Something changed in the database (possibly on another PC): the row and the record below
        must not disagree, but a form being typed in is kept and marked instead of replaced."""
        self.refresh_list()
        if self.panel.record_id is not None:
            self.panel.reload_if_changed()

    def reselect(self) -> None:
        """After the list was reloaded, select the record shown below again if the filter lists it."""
        record_id = self.panel.record_id
        row = self.model.find(record_id, MAX_PAGES_TO_FIND) if record_id is not None else -1
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        try:
            if row >= 0:
                selection.select(self.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                                 | QItemSelectionModel.SelectionFlag.Rows)
                self.table.setCurrentIndex(self.model.index(row, 0))
                self.table.scrollTo(self.model.index(row, 0))
            else:
                selection.clearSelection()
        finally:
            selection.blockSignals(False)
        self.table.viewport().update()

    def select(self, record_id: int) -> None:
        """Show `record_id` below and select it in the list when the filter includes it."""
        self.panel.show_record(record_id)
        if self.model.find(record_id, MAX_PAGES_TO_FIND) < 0:
            self.model.refresh()  # recorded since the list was read (e.g. opened from the dashboard)
        self.reselect()

    @Slot()
    def update_count(self) -> None:
        self.count.setText(self._count_text())

    @Slot(QItemSelection, QItemSelection)
    def _on_selection(self, *_args: object) -> None:
        rows = self.table.selectionModel().selectedRows()
        r = self.model.row_at(rows[0].row()) if rows else None
        if r is not None and r.id != self.panel.record_id:
            # A panel holding typed input (may_leave) asks first; until it says go, the list stays
            # on the record shown below (issue 19).
            may_leave = getattr(self.panel, "may_leave", None)
            if may_leave is not None and not may_leave(r.id, partial(self._go_to, r.id)):
                self.reselect()
                return
            self.panel.show_record(r.id)
            self.record_selected.emit(r.id)

    def _go_to(self, record_id: int) -> None:
        """After the panel's question was answered: show and select the record the clerk clicked."""
        self.select(record_id)
        self.record_selected.emit(record_id)
