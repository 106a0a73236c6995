"""日常读网巡检 (rule A 第十八、十九条): the day's record on the left; the month's records, the working
days without a record and the columns past their update limit on the right."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QDate, QItemSelection, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.changes import RecordKind
from app.localtime import local_text
from app.review.inspections import (
    ColumnStatus,
    InspectionForm,
    column_status,
    days_without_inspection,
    inspections_between,
    record_inspection,
    update_inspection,
)
from app.review.ui_support import InspectionRow, inspection_row
from app.workdays.service import load_calendar
from app.years import month_bounds
from ui.area_page import AreaPage
from ui.column_layout import STRETCH, column, column_widget
from ui.context import AppContext
from ui.date_field import DateField
from ui.operations import Op
from ui.rows_model import RowColumn, RowsModel
from ui.style import Colour, Sheet, apply_style

_RED, _GREEN = Colour.ERROR, Colour.OK
LOOKBACK_WORKDAYS = 10


def _ok(value: bool) -> str:
    return QCoreApplication.translate("InspectionsPage", "正常" if value else "异常")


def _ok_colour(value: bool) -> str | None:
    return None if value else _RED


def _text(edit: QPlainTextEdit, height: int, placeholder: str) -> QPlainTextEdit:
    edit.setFixedHeight(height)
    edit.setPlaceholderText(placeholder)
    return edit


def _table(model: QAbstractTableModel, parent: QWidget) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(24)
    view.horizontalHeader().setStretchLastSection(True)
    view.setWordWrap(False)
    return view


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class InspectionsPage(AreaPage):
    inspection_saved = Signal(int)
    """A daily inspection record was created or updated; carries its id."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 today: Callable[[], date] | None = None) -> None:
        super().__init__(ctx, parent, today=today)
        self.editing: InspectionRow | None = None
        t = self._today()
        self.month = (t.year, t.month)

        self._build(t)
        self._lay_out()
        self._connect()
        self.new_record()
        self.reload()

    def _build(self, t: date) -> None:
        self.form_box = QGroupBox(self.tr("读网巡检记录"), self)
        form_box = self.form_box
        self.day = DateField(t, form_box)
        self.day.setObjectName("inspectionDay")
        self.day.setMaximumDate(_qdate(t))
        self.site_reachable = QCheckBox(self.tr("网站可正常访问，运行正常"), form_box)
        self.links_ok = QCheckBox(self.tr("链接可用，无错链、断链"), form_box)
        self.columns_updated = QCheckBox(self.tr("栏目按时更新"), form_box)
        self.content_ok = QCheckBox(self.tr("新发布稿件内容质量无问题"), form_box)
        self.checks = (self.site_reachable, self.links_ok, self.columns_updated, self.content_ok)
        self.notes = _text(QPlainTextEdit(form_box), 60, self.tr("巡检范围：抽查的栏目、审看的新发布稿件等"))
        self.problems = _text(QPlainTextEdit(form_box), 60, self.tr("有检查项异常时必填"))
        self.problems.setObjectName("inspectionProblems")
        self.correction = _text(QPlainTextEdit(form_box), 60, self.tr("整改措施和结果"))
        self.corrected = QCheckBox(self.tr("已整改，日期："), form_box)
        self.corrected_on = DateField(t, form_box)
        self.corrected_on.setEnabled(False)
        self.editing_label = QLabel(form_box)
        apply_style(self.editing_label, Sheet.HINT)
        self.message = QLabel(form_box)
        self.message.setObjectName("inspectionMessage")
        self.message.setWordWrap(True)
        self.new_button = QPushButton(self.tr("新记录"), form_box)
        self.save_button = QPushButton(self.tr("保存"), form_box)
        self.save_button.setObjectName("saveInspection")
        apply_style(self.save_button, Sheet.PRIMARY_BUTTON)
        self.rule = QLabel(self.tr("第十九条：每日浏览网站内容，特别要认真审看新发布的稿件信息，"
                                   "及时发现问题、纠正错漏并做好记录。"), self)
        self.rule.setWordWrap(True)
        apply_style(self.rule, Sheet.HINT)
        self._build_month()

    def _build_month(self) -> None:
        self.prev_button = QPushButton("◀", self)
        self.next_button = QPushButton("▶", self)
        for b in (self.prev_button, self.next_button):
            b.setFixedWidth(32)
        self.month_label = QLabel(self)
        apply_style(self.month_label, Sheet.BOLD)
        self.missing = QLabel(self)
        self.missing.setObjectName("missingDays")
        self.missing.setWordWrap(True)
        self.export_button = QPushButton(self.tr("导出巡检记录…"), self)  # ReviewTab connects it
        self.export_button.setObjectName("exportInspections")
        self.model: RowsModel[InspectionRow] = RowsModel([
            RowColumn(self.tr("日期"), lambda r: r.day.isoformat()),
            RowColumn(self.tr("巡检人"), lambda r: r.inspector_name),
            RowColumn(self.tr("网站访问"), lambda r: _ok(r.site_reachable), lambda r: _ok_colour(r.site_reachable)),
            RowColumn(self.tr("链接"), lambda r: _ok(r.links_ok), lambda r: _ok_colour(r.links_ok)),
            RowColumn(self.tr("栏目更新"), lambda r: _ok(r.columns_updated), lambda r: _ok_colour(r.columns_updated)),
            RowColumn(self.tr("内容质量"), lambda r: _ok(r.content_ok), lambda r: _ok_colour(r.content_ok)),
            RowColumn(self.tr("发现的问题"), lambda r: r.problems.replace("\n", " ")),
            RowColumn(self.tr("整改情况"), lambda r: r.correction.replace("\n", " ")),
            RowColumn(self.tr("整改日期"), lambda r: r.corrected_on.isoformat() if r.corrected_on else "",
                      lambda r: _RED if r.problems and not r.corrected_on else None),
        ], self)
        self.table = _table(self.model, self)
        self.table.setObjectName("inspectionTable")
        for col, width in enumerate((90, 70, 64, 50, 64, 64, 180, 180)):
            self.table.setColumnWidth(col, width)
        self.columns_model: RowsModel[ColumnStatus] = RowsModel([
            RowColumn(self.tr("栏目"), lambda c: c.column),
            RowColumn(self.tr("类型"), lambda c: c.kind),
            RowColumn(self.tr("最近发布"), lambda c: local_text(c.last_published) or self.tr("从未发布")),
            RowColumn(self.tr("更新时限"), lambda c: self.tr("{n} 天").format(n=c.limit_days) if c.limit_days
                      else self.tr("不限")),
            RowColumn(self.tr("状态"), self._column_state,
                      lambda c: _RED if c.overdue(self._today()) else (_GREEN if c.limit_days else None)),
        ], self)
        self.columns_table = _table(self.columns_model, self)
        self.columns_table.setObjectName("columnTable")
        self.columns_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col, width in ((1, 80), (2, 140), (3, 80)):
            self.columns_table.setColumnWidth(col, width)
        self.columns_box = QGroupBox(
            self.tr("栏目更新情况（国办秘函〔2019〕19号：新闻栏目 2 周，通知公告、政策文件 6 个月）"), self)

    def _lay_out(self) -> None:
        corrected_row = QHBoxLayout()
        corrected_row.addWidget(self.corrected)
        corrected_row.addWidget(self.corrected_on)
        corrected_row.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.editing_label, 1)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.save_button)
        form = QFormLayout(self.form_box)
        form.addRow(self.tr("巡检日期："), self.day)
        form.addRow(self.tr("巡检内容："), self.site_reachable)
        for box in self.checks[1:]:
            form.addRow("", box)
        form.addRow(self.tr("检查情况："), self.notes)
        form.addRow(self.tr("发现的问题："), self.problems)
        form.addRow(self.tr("整改情况："), self.correction)
        form.addRow("", corrected_row)
        form.addRow(buttons)
        form.addRow(self.message)
        left = column_widget(self, self.form_box, self.rule, STRETCH)

        nav = QHBoxLayout()
        nav.addWidget(self.prev_button)
        nav.addWidget(self.month_label)
        nav.addWidget(self.next_button)
        nav.addSpacing(16)
        nav.addWidget(self.missing, 1)
        nav.addWidget(self.export_button)
        QVBoxLayout(self.columns_box).addWidget(self.columns_table)
        right = column_widget(self, nav, (self.table, 3), (self.columns_box, 2))

        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([430, 800])
        split.setChildrenCollapsible(False)
        column(self, split, margins=(8, 8, 8, 8))

    def _connect(self) -> None:
        self.corrected.toggled.connect(self.corrected_on.setEnabled)
        self.prev_button.clicked.connect(lambda: self.show_month(*self._shift(-1)))
        self.next_button.clicked.connect(lambda: self.show_month(*self._shift(1)))
        self.new_button.clicked.connect(self.new_record)
        self.save_button.clicked.connect(self.save)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)

    def _column_state(self, c: ColumnStatus) -> str:
        if c.limit_days is None:
            return ""
        if not c.overdue(self._today()):
            return self.tr("正常")
        if c.last_published is None:
            return self.tr("超期（从未发布）")
        days = (self._today() - c.last_published.date()).days - c.limit_days
        return self.tr("超期 {n} 天").format(n=days)

    # -- the month -----------------------------------------------------------------------------
    def _shift(self, months: int) -> tuple[int, int]:
        index = self.month[0] * 12 + self.month[1] - 1 + months
        return index // 12, index % 12 + 1

    def show_month(self, year: int, month: int) -> None:
        self.month = (year, month)
        self.reload()

    def reload(self) -> None:
        year, month = self.month
        first, last = month_bounds(year, month)
        today = self._today()
        with self.ctx.reader() as s:
            rows = [inspection_row(r) for r in inspections_between(s, first, last)]
            missing = [d for d in days_without_inspection(s, load_calendar(s), today, LOOKBACK_WORKDAYS) if d < today]
            columns = column_status(s)
        self.model.set_rows(rows)
        self.columns_model.set_rows(columns)
        self.month_label.setText(self.tr("{y} 年 {m} 月（{n} 条）").format(y=year, m=month, n=len(rows)))
        self.next_button.setEnabled((year, month) < (today.year, today.month))
        if missing:
            days = "、".join(self.tr("{m}月{d}日").format(m=d.month, d=d.day) for d in missing)
            self.missing.setText(self.tr("近 {n} 个工作日中有 {k} 天没有巡检记录：{days}").format(
                n=LOOKBACK_WORKDAYS, k=len(missing), days=days))
            apply_style(self.missing, Sheet.ERROR)
        else:
            self.missing.setText(self.tr("近 {n} 个工作日均有巡检记录。").format(n=LOOKBACK_WORKDAYS))
            apply_style(self.missing, Sheet.OK)

    # -- the form ------------------------------------------------------------------------------
    @Slot()
    def new_record(self) -> None:
        self.editing = None
        self.table.clearSelection()
        self.day.setDate(_qdate(self._today()))
        for box in self.checks:
            box.setChecked(True)
        # Not pre-ticked while the list on the right shows columns past their update limit.
        today = self._today()
        with self.ctx.reader() as s:
            overdue = any(c.overdue(today) for c in column_status(s))
        self.columns_updated.setChecked(not overdue)
        for edit in (self.notes, self.problems, self.correction):
            edit.clear()
        self.corrected.setChecked(False)
        self.editing_label.setText(self.tr("填写新的巡检记录"))

    @Slot(QItemSelection, QItemSelection)
    def _on_selection(self, *_args: object) -> None:
        rows = self.table.selectionModel().selectedRows()
        row = self.model.row_at(rows[0].row()) if rows else None
        if row is None:
            return
        self.editing = row
        self.day.setDate(_qdate(row.day))
        for box, value in zip(self.checks, (row.site_reachable, row.links_ok, row.columns_updated, row.content_ok),
                              strict=True):
            box.setChecked(value)
        self.notes.setPlainText(row.checked_notes)
        self.problems.setPlainText(row.problems)
        self.correction.setPlainText(row.correction)
        self.corrected.setChecked(row.corrected_on is not None)
        self.corrected_on.setDate(_qdate(row.corrected_on or self._today()))
        self.editing_label.setText(self.tr("正在修改 {d} 的记录（{who}）").format(
            d=row.day.isoformat(), who=row.inspector_name))

    def current_form(self) -> InspectionForm:
        return InspectionForm(
            day=self.day.date().toPython(),  # type: ignore[arg-type]
            site_reachable=self.site_reachable.isChecked(), links_ok=self.links_ok.isChecked(),
            columns_updated=self.columns_updated.isChecked(), content_ok=self.content_ok.isChecked(),
            checked_notes=self.notes.toPlainText(), problems=self.problems.toPlainText(),
            correction=self.correction.toPlainText(),
            corrected_on=self.corrected_on.date().toPython() if self.corrected.isChecked() else None,  # type: ignore[arg-type]
        )

    @Slot()
    def save(self) -> bool:
        """Record the day's inspection, or save the changes to the selected record."""
        form, today = self.current_form(), self._today()
        editing = self.editing

        def save(s: Session) -> int:
            if editing is None:
                return record_inspection(s, self.ctx.actor, form, today).id
            return update_inspection(s, self.ctx.actor, editing.id, form, editing.version, today).id

        ok, saved_id = self.ctx.run(Op(save, RecordKind.REVIEW, parent=self, message=self.message))
        if not ok or saved_id is None:
            return False
        apply_style(self.message, Sheet.OK)
        self.message.setText(self.tr("已保存 {d} 的巡检记录。").format(d=form.day.isoformat()))
        self.show_month(form.day.year, form.day.month)
        self.new_record()
        self.inspection_saved.emit(saved_id)
        return True
