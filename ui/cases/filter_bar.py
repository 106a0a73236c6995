"""The filters above the case list: year, status, channel, applicant type, flags and search."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QCheckBox, QComboBox, QWidget

from app.cases.enums import ApplicantType, CaseStatus, Channel
from app.cases.queries import CaseFilter
from ui.list_filter_bar import ListFilterBar
from ui.translate import translator

_tr = translator("FilterBar")


class FilterBar(ListFilterBar):
    """Builds a CaseFilter from the widgets; emits filter_changed when any of them changes."""

    def __init__(self, parent: QWidget | None = None, *, first_year: int | None = None) -> None:
        super().__init__(parent, placeholder=_tr("搜索编号、申请人、证件号、申请内容…"), min_width=240)
        self._build(first_year)
        self._lay_out()
        self._connect()

    def _build(self, first_year: int | None) -> None:
        this_year = date.today().year
        self.year = QComboBox(self)
        self.year.setObjectName("filterYear")
        self.year.addItem(self.tr("全部年份"), None)
        for y in range(this_year, (first_year or this_year - 5) - 1, -1):
            self.year.addItem(self.tr("{year} 年").format(year=y), y)
        self.status = self._combo("filterStatus", self.tr("全部状态"), [(s.label, s) for s in CaseStatus])
        self.channel = self._combo("filterChannel", self.tr("全部方式"), [(c.label, c) for c in Channel])
        self.applicant_type = self._combo(
            "filterApplicantType", self.tr("全部申请人类型"), [(t.label, t) for t in ApplicantType]
        )
        self.due_soon = QCheckBox(self.tr("即将到期"), self)
        self.due_soon.setToolTip(self.tr("未办结且 3 个工作日内到期"))
        self.overdue = QCheckBox(self.tr("已超期"), self)
        self.overdue.setToolTip(self.tr("未办结且已过答复期限"))
        self.mine = QCheckBox(self.tr("我的"), self)
        self.mine.setToolTip(self.tr("由我经办的申请"))

    def _lay_out(self) -> None:
        self.lay_out_row((*self._combos(), *self._boxes()))

    def _connect(self) -> None:
        self.watch(self._combos(), self._boxes())

    def _combos(self) -> tuple[QComboBox, ...]:
        return (self.year, self.status, self.channel, self.applicant_type)

    def _boxes(self) -> tuple[QCheckBox, ...]:
        return (self.due_soon, self.overdue, self.mine)

    def _combo(self, name: str, everything: str, items: list[tuple[str, object]]) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.addItem(everything, None)
        for text, value in items:
            combo.addItem(text, value)
        return combo

    def set_year(self, year: int | None) -> None:
        index = self.year.findData(year)
        if index < 0 and year is not None:
            self.year.addItem(self.tr("{year} 年").format(year=year), year)
            index = self.year.count() - 1
        self.year.setCurrentIndex(max(index, 0))

    def clear(self) -> None:
        """Back to everything, emitting filter_changed once."""
        blockers = [QSignalBlocker(w) for w in (*self._combos(), *self._boxes(), self.search)]
        for combo in self._combos():
            combo.setCurrentIndex(0)
        for box in self._boxes():
            box.setChecked(False)
        self.search.clear()
        del blockers
        self._debounce.stop()
        self.filter_changed.emit()

    def current_filter(self, today: date, user_id: int | None) -> CaseFilter:
        return CaseFilter(
            year=self.year.currentData(),
            status=self.status.currentData(),
            channel=self.channel.currentData(),
            applicant_type=self.applicant_type.currentData(),
            due_soon=self.due_soon.isChecked(),
            overdue=self.overdue.isChecked(),
            mine_user_id=user_id if self.mine.isChecked() else None,
            text=self.search.text().strip(),
            today=today,
        )
