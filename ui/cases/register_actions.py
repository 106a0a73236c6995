"""导出台账… / 导入台账… (REGISTER.md), off the GUI thread with progress.

An import is checked first and its problems are shown in a table before anything is written;
the clerk then imports everything (only possible without errors) or only the rows without errors.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.cases.queries import (
    CaseFilter,
    filter_conditions,  # the list's own WHERE, reused for export
)
from app.cases.register_export import PRINT_COLUMNS, export_register
from app.cases.register_import import CheckedRegister, ImportReport, import_checked, read_register
from app.cases.register_rows import ERROR, HEADERS, Problem
from app.changes import RecordKind
from app.workdays.service import load_calendar
from reports.xlsx_print import PrintLayout
from ui.context import AppContext
from ui.messages import show_info
from ui.operations import BackgroundOp, ExportOp
from ui.print_columns_dialog import PrintColumnsDialog, remembered_layout
from ui.rows_model import RowColumn, RowsModel
from ui.style import Colour, Sheet, apply_style
from ui.workers import Progress, TaskHandle, run_task


class ImportPreviewDialog(QDialog):
    """The check result of a register file: every problem by row and column, then the choice."""

    import_requested = Signal(bool)
    """The clerk chose to import; True = only the rows without errors."""

    def __init__(self, report: ImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.setWindowTitle(self.tr("导入登记台账 — 检查结果"))
        self.resize(860, 520)
        self._build()
        self._lay_out()
        self._connect()
        self._update()

    def _build(self) -> None:
        report = self.report
        self.summary = QLabel(report.summary().replace("已导入 0 件。", self.tr("尚未导入。")), self)
        self.summary.setWordWrap(True)
        apply_style(self.summary, Sheet.BOLD)
        self.problems: RowsModel[Problem] = RowsModel([
            RowColumn(self.tr("行"), lambda p: str(p.row)),
            RowColumn(self.tr("列"), lambda p: p.column),
            RowColumn(self.tr("类型"), lambda p: self.tr("错误") if p.severity == ERROR else self.tr("提示"),
                      lambda p: Colour.ERROR if p.severity == ERROR else Colour.WARN),
            RowColumn(self.tr("原因"), lambda p: p.message),
        ], self)
        self.problems.set_rows(sorted(report.problems, key=lambda p: (p.row, p.severity != ERROR)))
        self.table = QTableView(self)
        self.table.setObjectName("importProblems")
        self.table.setModel(self.problems)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAlternatingRowColors(True)
        has_errors = bool(report.errors)
        self.explain = QLabel(self.tr(
            "文件中有错误，默认整份不导入（不会写入任何数据）。勾选“仅导入无误的行”可只导入没有错误的 {n} 行。"
        ).format(n=report.rows_ok) if has_errors else self.tr("没有发现错误，可以导入。提示不影响导入。"), self)
        self.explain.setWordWrap(True)
        self.only_valid = QCheckBox(self.tr("仅导入无误的行"), self)
        self.only_valid.setObjectName("onlyValidRows")
        self.only_valid.setVisible(has_errors)
        self.buttons = QDialogButtonBox(self)
        self.import_button = QPushButton(self.tr("导入"), self)
        self.import_button.setObjectName("confirmImport")
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.explain)
        layout.addWidget(self.only_valid)
        layout.addWidget(self.buttons)

    def _connect(self) -> None:
        self.buttons.accepted.connect(self._import)
        self.buttons.rejected.connect(self.reject)
        self.only_valid.toggled.connect(self._update)

    @Slot()
    def _update(self) -> None:
        r = self.report
        possible = (not r.errors and r.rows_ok > 0) or (self.only_valid.isChecked() and r.rows_ok > 0)
        self.import_button.setEnabled(possible)

    @Slot()
    def _import(self) -> None:
        if not self.import_button.isEnabled():
            return
        self.import_requested.emit(self.only_valid.isChecked())
        self.accept()


PRINT_KEY = "requests"


class RegisterActions(QObject):
    """Owns the register commands of the cases tab; `current_filter` gives the list's filter."""

    imported = Signal(int)
    """Cases were imported; carries how many."""

    def __init__(self, ctx: AppContext, parent_widget: QWidget, current_filter: Callable[[], CaseFilter]) -> None:
        super().__init__(parent_widget)
        self.ctx = ctx
        self.widget = parent_widget
        self.current_filter = current_filter
        self.preview: ImportPreviewDialog | None = None
        self.task: TaskHandle[Any] | None = None

    # -- export ------------------------------------------------------------------------------
    @Slot()
    def export_dialog(self) -> None:
        f = self.current_filter()
        year = f.year or self.ctx.today().year
        default = str(Path.home() / self.tr("依申请公开登记台账_{year}.xlsx").format(year=year))
        name, _ = QFileDialog.getSaveFileName(self.widget, self.tr("导出台账"), default, self.tr("Excel 文件 (*.xlsx)"))
        if not name:
            return
        if not name.lower().endswith(".xlsx"):
            name += ".xlsx"
        choice = PrintColumnsDialog(PRINT_KEY, self.tr("依申请公开登记台账"), HEADERS, PRINT_COLUMNS,
                                    parent=self.widget)
        if choice.exec() == QDialog.DialogCode.Accepted:
            self.export(Path(name), f, choice.chosen())

    def export(self, path: Path, f: CaseFilter, layout: PrintLayout | None = None) -> TaskHandle[Any]:
        """Export the cases the list shows (its filter; a year filter becomes the register's year);
        the print sheet has `layout`'s columns, else the ones last chosen on this PC."""
        ctx = self.ctx
        layout = layout or remembered_layout(PRINT_KEY, HEADERS, PRINT_COLUMNS)
        narrowed = any((f.status, f.channel, f.applicant_type, f.due_soon, f.overdue, f.mine_user_id, f.text))
        note = self.tr("按当前筛选条件") if narrowed else ""

        text = self.tr("正在导出台账…")  # translated here: the worker thread must not touch self

        def work(s: Session, progress: Progress) -> int:
            rest = replace(f, year=None)
            conds = filter_conditions(rest, load_calendar(s) if f.due_soon else None) if narrowed else []
            return export_register(
                s, ctx.actor, path, year=f.year, conditions=conds, note=note,
                progress=lambda done, total: progress.report(done, total, text),
                cancel=lambda: progress.cancelled, layout=layout,
            )

        def done(n: int) -> None:
            show_info(self.widget, self.tr("导出台账"), self.tr("已导出 {n} 件到：\n{path}").format(n=n, path=path))

        self.task = ctx.run(ExportOp(work, on_done=done, parent=self.widget, title=self.tr("导出台账")))
        return self.task

    # -- import ------------------------------------------------------------------------------
    @Slot()
    def import_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self.widget, self.tr("导入台账"), "", self.tr("Excel 文件 (*.xlsx)"))
        if name:
            self.check(Path(name))

    def check(self, path: Path) -> TaskHandle[Any]:
        """Read and check the file off the GUI thread; then show the problems before writing."""
        ctx = self.ctx
        today = self.ctx.today()

        def work(progress: Progress) -> CheckedRegister:
            progress.report(0, 0, self.tr("正在检查“{name}”…").format(name=path.name))
            with ctx.reader() as s:  # parsed here, holding no write lock (issue 13)
                return read_register(s, path, today)

        self.task = run_task(self.widget, self.tr("导入台账"), work,
                             on_done=lambda checked: self._show_preview(path, checked))
        return self.task

    def _show_preview(self, path: Path, checked: CheckedRegister) -> None:
        dlg = ImportPreviewDialog(checked.report, self.widget)
        dlg.import_requested.connect(lambda only_valid: self.run_import(path, only_valid, checked))
        self.preview = dlg
        dlg.open()

    def run_import(self, path: Path, only_valid: bool, checked: CheckedRegister) -> TaskHandle[Any]:
        """Write the rows the preview showed (read and checked by `check`): the unit of work holds
        the write lock only for the inserts."""
        ctx = self.ctx
        text = self.tr("正在导入“{name}”…").format(name=path.name)  # not on the worker thread

        def work(s: Session, progress: Progress) -> ImportReport:
            progress.report(0, 0, text)
            return import_checked(s, ctx.actor, checked, skip_invalid=only_valid)

        def done(report: ImportReport) -> None:
            if report.imported:
                self.imported.emit(report.imported)
            show_info(self.widget, self.tr("导入台账"), report.summary())

        self.task = ctx.run(BackgroundOp(work, RecordKind.CASES, parent=self.widget, title=self.tr("导入台账"),
                                         on_done=done, cancellable=False))
        return self.task
