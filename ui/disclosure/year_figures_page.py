"""年度统计数据: the small yearly form behind Part 2 of the annual report.

Laid out like Part 2 of the report itself. 规章 and 行政规范性文件 recorded as items count themselves;
their live numbers stand beside the fields for the ones not recorded, with the total the report
will show, so the clerk sees what the report will say while typing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.auth.models import User
from app.auth.roles import Role
from app.changes import RecordKind
from app.disclosure.enums import DocKind
from app.disclosure.figures import INT_FIELDS, document_counts, save_year_figures, year_figures
from app.disclosure.figures_conflict import figure_differences, figures_form, stored_figures
from app.errors import ConflictError
from app.form_conflict import merged
from ui.area_page import AreaPage
from ui.conflict_dialog import ConflictDialog, open_conflict
from ui.context import AppContext
from ui.disclosure.actions import read
from ui.operations import Op, RollBack
from ui.style import Sheet, apply_style

MAX_COUNT = 999_999
MIN_FORM_WIDTH = 760
MAX_FORM_WIDTH = 900
_HEADER = Sheet.TABLE_HEADER_CELL
_AUTO = Sheet.AUTO_CELL
_TOTAL = Sheet.TOTAL_CELL
# The form's fields for the documents not recorded as items, per kind, in Part 2's column order.
EXTRA_FIELDS: dict[DocKind, tuple[str, str, str]] = {
    DocKind.RULE: ("rules_issued", "rules_repealed", "rules_in_force"),
    DocKind.NORMATIVE: ("normative_issued_extra", "normative_repealed_extra", "normative_in_force_extra"),
}


class YearFiguresPage(AreaPage):
    figures_saved = Signal(int)
    """The year's figures were saved; carries the year."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 today: Callable[[], date] | None = None) -> None:
        super().__init__(ctx, parent, today=today)
        self.expected_version = 0
        # The figures as loaded: a save over another PC's figures is resolved field by field against
        # them (resolve_conflict, issue 19).
        self._original: Any = figures_form({})
        self.conflict: ConflictDialog | None = None
        self.auto: dict[DocKind, tuple[int, int, int]] = {kind: (0, 0, 0) for kind in EXTRA_FIELDS}
        self._build(self._today().year)
        self._lay_out()
        self._connect()
        self.editable = ctx.actor.has(Role.DISCLOSURE_STAFF, Role.ADMIN)
        if not self.editable:
            self.save_button.hide()
            self.stamp.setText(self.tr("只读：填写年度统计数据需要“信息公开工作人员”或“系统管理员”角色。"))
        self.load()

    def _build(self, this_year: int) -> None:
        self.year = QComboBox(self)
        self.year.setObjectName("figuresYear")
        for y in range(this_year, this_year - 6, -1):
            self.year.addItem(self.tr("{year} 年").format(year=y), y)
        self.save_button = QPushButton(self.tr("保存"), self)
        self.save_button.setObjectName("saveFigures")
        apply_style(self.save_button, Sheet.PRIMARY_BUTTON)
        self.message = QLabel(self)
        self.message.setObjectName("figuresMessage")
        self.stamp = QLabel(self)
        apply_style(self.stamp, Sheet.FAINT)
        self.spins: dict[str, QSpinBox] = {key: self._spin(key) for key in INT_FIELDS}
        self.fees = QLineEdit(self)
        self.fees.setObjectName("fees_amount")
        self.fees.setPlaceholderText("0")
        self.fees.setFixedWidth(110)
        self.fees.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.auto_labels = {kind: [self._value_label(_AUTO) for _ in range(3)] for kind in EXTRA_FIELDS}
        self.total_labels = {kind: [self._value_label(_TOTAL) for _ in range(3)] for kind in EXTRA_FIELDS}

    def _lay_out(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("年度："), self))
        bar.addWidget(self.year)
        bar.addSpacing(16)
        bar.addWidget(self.stamp)
        bar.addStretch(1)
        bar.addWidget(self.message)
        bar.addWidget(self.save_button)

        docs = QGroupBox(self.tr("规章和行政规范性文件"), self)
        grid = QGridLayout(docs)
        for col, text in enumerate((self.tr("信息内容"), self.tr("本年制发件数"), self.tr("本年废止件数"),
                                    self.tr("现行有效件数"))):
            grid.addWidget(self._header(text), 0, col)
        for block, (kind, extra) in enumerate(EXTRA_FIELDS.items()):
            top = 1 + 4 * block
            grid.addWidget(QLabel(self.tr("{kind}：").format(kind=kind.label), docs), top, 0)
            grid.addWidget(QLabel(self.tr("　登记为公开事项的（自动统计）"), docs), top + 1, 0)
            grid.addWidget(QLabel(self.tr("　未登记为公开事项的（在此填写）"), docs), top + 2, 0)
            grid.addWidget(QLabel(self.tr("　合计（年度报告填报数）"), docs), top + 3, 0)
            for col in range(3):
                grid.addWidget(self.auto_labels[kind][col], top + 1, col + 1)
                grid.addWidget(self.spins[extra[col]], top + 2, col + 1)
                grid.addWidget(self.total_labels[kind][col], top + 3, col + 1)
        grid.setColumnStretch(0, 2)

        decisions = QGroupBox(self.tr("行政许可、行政处罚、行政强制"), self)
        grid2 = QGridLayout(decisions)
        grid2.addWidget(self._header(self.tr("信息内容")), 0, 0)
        grid2.addWidget(self._header(self.tr("本年处理决定数量")), 0, 1)
        for row, (key, text) in enumerate((("licensing_decisions", self.tr("行政许可")),
                                           ("punishment_decisions", self.tr("行政处罚")),
                                           ("enforcement_decisions", self.tr("行政强制"))), start=1):
            grid2.addWidget(QLabel(text, decisions), row, 0)
            grid2.addWidget(self.spins[key], row, 1)
        grid2.addWidget(self._header(self.tr("信息内容")), 4, 0)
        grid2.addWidget(self._header(self.tr("本年收费金额（单位：万元）")), 4, 1)
        grid2.addWidget(QLabel(self.tr("行政事业性收费"), decisions), 5, 0)
        grid2.addWidget(self.fees, 5, 1)
        grid2.setColumnStretch(0, 2)
        grid2.setColumnStretch(1, 3)

        note = QLabel(self.tr(
            "说明：文件类型为“规章”“行政规范性文件”的公开事项按文件自动统计（同一文件的新版本不重复计数，"
            "登记废止后不再计入现行有效）；未在本程序登记的规章、规范性文件和其他数字由各科室提供后在此填写。"
            "以上数字用于政府信息公开工作年度报告第二部分。"), self)
        note.setWordWrap(True)
        apply_style(note, Sheet.HINT)
        # A form as wide as the screen puts the numbers far from their labels: keep it compact.
        body = QWidget(self)
        body.setMinimumWidth(MIN_FORM_WIDTH)
        body.setMaximumWidth(MAX_FORM_WIDTH)
        inner = QVBoxLayout(body)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addLayout(bar)
        inner.addWidget(docs)
        inner.addWidget(decisions)
        inner.addWidget(note)
        layout = QVBoxLayout(self)
        layout.addWidget(body, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

    def _connect(self) -> None:
        self.year.currentIndexChanged.connect(self.load)
        self.save_button.clicked.connect(self.save)
        for extra in EXTRA_FIELDS.values():
            for key in extra:
                self.spins[key].valueChanged.connect(self._update_totals)

    def _spin(self, key: str) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setObjectName(key)
        spin.setRange(0, MAX_COUNT)
        spin.setAlignment(Qt.AlignmentFlag.AlignRight)
        spin.setFixedWidth(110)
        return spin

    def _header(self, text: str) -> QLabel:
        label = QLabel(text, self)
        apply_style(label, _HEADER)
        return label

    def _value_label(self, style: str) -> QLabel:
        label = QLabel("0", self)
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        apply_style(label, style)
        return label

    def current_year(self) -> int:
        return int(self.year.currentData())

    @Slot()
    def load(self) -> None:
        year = self.current_year()

        def fetch(s: Any) -> tuple[dict[str, Any], dict[DocKind, tuple[int, int, int]]]:
            row = year_figures(s, year)
            values = {key: getattr(row, key) for key in (*INT_FIELDS, "fees_amount", "version", "updated_by",
                                                         "updated_at")}
            name = s.scalar(select(User.display_name).where(User.username == values["updated_by"]))
            values["updated_by"] = name or values["updated_by"]
            return values, {kind: document_counts(s, year, kind) for kind in EXTRA_FIELDS}

        values, self.auto = read(self.ctx, fetch)
        self.expected_version = int(values["version"] or 0)
        self._original = figures_form(values)
        self.fill(self._original)
        for spin in self.spins.values():
            spin.setEnabled(self.editable)
        self.fees.setReadOnly(not self.editable)
        for kind, counts in self.auto.items():
            for label, n in zip(self.auto_labels[kind], counts, strict=True):
                label.setText(str(n))
        self._update_totals()
        self.message.clear()
        if self.editable:
            self.stamp.setText(self.tr("最后修改：{who}　{when}").format(
                who=values["updated_by"], when=f"{values['updated_at']:%Y-%m-%d %H:%M}")
                if self.expected_version else self.tr("本年度尚未填写。"))

    @Slot()
    def _update_totals(self) -> None:
        for kind, extra in EXTRA_FIELDS.items():
            for col, key in enumerate(extra):
                self.total_labels[kind][col].setText(str(self.auto[kind][col] + self.spins[key].value()))

    def values(self) -> dict[str, object]:
        return {**{key: spin.value() for key, spin in self.spins.items()}, "fees_amount": self.fees.text()}

    def fill(self, form: Any) -> None:
        for key, spin in self.spins.items():
            spin.setValue(getattr(form, key))
        self.fees.setText(form.fees_amount)

    @Slot()
    def save(self) -> bool:
        year, actor, values, expected = self.current_year(), self.ctx.actor, self.values(), self.expected_version

        def change(s: Session) -> int:
            try:
                return save_year_figures(s, actor, year, values, expected).version
            except ConflictError as exc:
                raise RollBack(exc) from None  # theirs / yours, field by field (resolve_conflict)

        def rolled_back(value: object) -> None:
            if isinstance(value, ConflictError):
                self.resolve_conflict(str(value), figures_form(values))

        ok, _ = self.ctx.run(Op(change, RecordKind.DISCLOSURE, parent=self, message=self.message,
                                on_rollback=rolled_back))
        if ok:
            self.load()
            self.message.setText(self.tr("已保存。"))
            apply_style(self.message, Sheet.OK)
            self.message.show()
            self.figures_saved.emit(year)
        return ok

    def resolve_conflict(self, message: str, mine: Any) -> ConflictDialog:
        """Someone saved the year's figures first: show the numbers that differ, save the choice on theirs."""
        year, original = self.current_year(), self._original
        theirs, version = read(self.ctx, lambda s: stored_figures(s, year))

        def chosen(keep_mine: set[str]) -> None:
            self.fill(merged(theirs, mine, keep_mine))
            self._original, self.expected_version = theirs, version
            self.save()

        self.conflict = open_conflict(self, message, figure_differences(original, theirs, mine), chosen)
        return self.conflict
