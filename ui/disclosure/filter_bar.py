"""The filters above the item list: year, category, section, status, due soon, overdue, search."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QCheckBox, QComboBox, QWidget

from app.disclosure.enums import CATEGORIES, ItemStatus
from app.disclosure.queries import ItemFilter, category_label
from ui.list_filter_bar import ListFilterBar
from ui.translate import translator

_tr = translator("FilterBar")


class FilterBar(ListFilterBar):
    """Builds an ItemFilter from the widgets; emits filter_changed when any of them changes."""

    def __init__(self, parent: QWidget | None = None, *, years: Sequence[int] = (),
                 sections: Sequence[str] = ()) -> None:
        super().__init__(parent, placeholder=_tr("搜索编号、标题、文号、科室…"), min_width=200)
        self._build(years, sections)
        self._lay_out()
        self._connect()

    def _build(self, years: Sequence[int], sections: Sequence[str]) -> None:
        self.year = QComboBox(self)
        self.year.setObjectName("filterYear")
        self.year.setToolTip(self.tr("信息形成或变更的年份"))
        self.set_years(years)
        self.category = QComboBox(self)
        self.category.setObjectName("filterCategory")
        self.category.addItem(self.tr("全部类别"), None)
        for i in range(len(CATEGORIES)):
            self.category.addItem(category_label(i), i)
        self.category.setMaximumWidth(260)
        self.section = QComboBox(self)
        self.section.setObjectName("filterSection")
        self.section.addItem(self.tr("全部科室"), None)
        for name in sections:
            self.section.addItem(name, name)
        self.status = QComboBox(self)
        self.status.setObjectName("filterStatus")
        self.status.addItem(self.tr("全部状态"), None)
        for s in ItemStatus:
            self.status.addItem(s.label, s)
        self.due_soon = QCheckBox(self.tr("即将到期"), self)
        self.due_soon.setToolTip(self.tr("尚未发布，3 个工作日内到期"))
        self.overdue = QCheckBox(self.tr("已超期"), self)
        self.overdue.setToolTip(self.tr("尚未发布，已超过 20 个工作日的发布时限"))

    def _lay_out(self) -> None:
        self.lay_out_row((*self._combos(), self.due_soon, self.overdue))

    def _connect(self) -> None:
        self.watch(self._combos(), (self.due_soon, self.overdue))

    def _combos(self) -> tuple[QComboBox, ...]:
        return (self.year, self.category, self.section, self.status)

    def set_years(self, years: Sequence[int]) -> None:
        """Offer the years that have items, and this year; keeps the current choice."""
        current = self.year.currentData()
        blocker = QSignalBlocker(self.year)
        self.year.clear()
        self.year.addItem(self.tr("全部年份"), None)
        for y in sorted({*years, date.today().year}, reverse=True):
            self.year.addItem(self.tr("{year} 年").format(year=y), y)
        self.year.setCurrentIndex(max(self.year.findData(current), 0))
        del blocker

    def current_filter(self, today: date) -> ItemFilter:
        status = self.status.currentData()  # Qt hands the enum back as str
        return ItemFilter(
            year=self.year.currentData(), category=self.category.currentData(),
            section=self.section.currentData(), status=ItemStatus(status) if status else None,
            due_soon=self.due_soon.isChecked(), overdue=self.overdue.isChecked(),
            text=self.search.text().strip(), today=today,
        )
