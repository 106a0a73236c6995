"""主动公开: the register of items (filters, list, the selected item below) and the yearly figures."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QTabWidget, QWidget

from app.changes import RecordKind
from app.disclosure.queries import ItemFilter, item_years
from app.settings import get_setting
from ui.column_layout import column
from ui.context import AppContext
from ui.disclosure.actions import read
from ui.disclosure.export_actions import ExportActions
from ui.disclosure.filter_bar import FilterBar
from ui.disclosure.item_detail import ItemDetail
from ui.disclosure.item_form import ItemFormDialog
from ui.disclosure.item_list_model import ItemListModel
from ui.disclosure.year_figures_page import YearFiguresPage
from ui.list_shell import ListDetailShell
from ui.list_tab import ListTab
from ui.screen_fit import page_scroll_area

RECORD_TYPE = "disclosure"


class DisclosureTab(ListTab[ItemDetail]):
    record_type = RECORD_TYPE
    kinds = (RecordKind.DISCLOSURE, RecordKind.CALENDAR, RecordKind.SETTINGS)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 today: Callable[[], date] | None = None) -> None:
        super().__init__(ctx, parent, today=today)
        self.form: ItemFormDialog | None = None
        years, sections = read(ctx, lambda s: (item_years(s), list(get_setting(s, "org.sections"))))
        self._build(years, sections, today)
        self._lay_out()
        self._connect()

    def _build(self, years: list[int], sections: list[str], today: Callable[[], date] | None) -> None:
        ctx = self.ctx
        self.filters = FilterBar(self, years=years, sections=sections)
        self.model = ItemListModel(ctx, self, today)
        self.detail = ItemDetail(ctx, self, today=today)
        self.exports = ExportActions(ctx, self, lambda: read(ctx, item_years), lambda: self.filters.year.currentData())
        self.shell = ListDetailShell(ctx, self.model, self.detail, self.filters, name="item",
                                     current_filter=self.current_filter, count_text=self._count_text,
                                     sort_column=0, on_refresh=self.refresh, parent=self)
        shell = self.shell
        self.new_button = shell.add_button(self.tr("登记公开事项…"), self.new_item, "newItem", primary=True)
        self.register_button = shell.add_button(self.tr("导出台账…"), self.exports.register_dialog, "exportRegister")
        self.catalogue_button = shell.add_button(self.tr("导出公开目录…"), self.exports.catalogue_dialog,
                                                 "exportCatalogue")
        self.refresh_button, self.count, self.table, self.splitter = \
            shell.refresh_button, shell.count, shell.table, shell.splitter
        self.count.setObjectName("itemCount")
        self.figures = YearFiguresPage(ctx, self, today=today)
        self.pages = QTabWidget(self)
        self.pages.setObjectName("disclosurePages")

    def _lay_out(self) -> None:
        self.pages.addTab(self.shell, self.tr("公开事项登记"))
        # Its own scroll area: the tall figures form must not set the whole tab's minimum height
        # and push the item's record below the fold (issue 17).
        self.pages.addTab(page_scroll_area(self.figures, self.pages), self.tr("年度统计数据（年报第二部分）"))
        column(self, self.pages, margins=(8, 8, 8, 8))

    def _connect(self) -> None:
        self.detail.item_shown.connect(self._reselect_item)
        self.ctx.events.changed.connect(self._on_changed)

    # -- the list ----------------------------------------------------------------------------
    def current_filter(self) -> ItemFilter:
        return self.filters.current_filter(self._today())

    @Slot()
    def refresh(self) -> None:
        self.filters.set_years(read(self.ctx, item_years))
        super().refresh()
        self.figures.load()

    @Slot(int)
    def _reselect_item(self, _item_id: int) -> None:
        self.shell.reselect()

    def _count_text(self) -> str:
        text = self.tr("共 {n} 条").format(n=self.model.total)
        if self.model.overdue:
            text += self.tr("，其中超期未发布 {k} 条").format(k=self.model.overdue)
        return text

    select_item = ListTab.select_record

    def show_list(self) -> None:
        self.pages.setCurrentIndex(0)

    # -- actions -----------------------------------------------------------------------------
    @Slot()
    def new_item(self) -> ItemFormDialog:
        dialog = ItemFormDialog(self.ctx, parent=self, today=self._today)
        self.form = self.open_new(dialog, dialog.item_saved)
        return dialog
