"""审计记录: search the audit trail, look at an entry's before/after, verify the chain, export."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QModelIndex, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.audit import query
from app.audit.query import AuditFilter, AuditRow
from app.audit.seal import AuditReport, full_report
from app.audit_export import export_audit_log
from app.changes import Changes
from ui import messages
from ui.admin.audit_detail import AuditDetailDialog
from ui.admin.audit_model import AuditModel
from ui.admin.rows_table import admin_table
from ui.column_widths import ColumnWidths
from ui.context import AppContext
from ui.date_field import DateField
from ui.dialog_parts import enable_with
from ui.operations import ExportOp
from ui.workers import Progress, run_task


class AuditPage(QWidget):
    verification_finished = Signal(bool, str)
    """The integrity check ended: (chain intact, the message shown to the user)."""

    export_finished = Signal(str, int)
    """An export was written: (file path, number of entries)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._stale = False
        self._build()
        self._lay_out()
        self._connect()
        self.reload_choices()
        self.model.set_filter(AuditFilter())

    def _build(self) -> None:
        self.model = AuditModel(self._fetch, self._count, parent=self)
        self.page_title = QLabel(self.tr("审计记录"), self)
        self.page_title.setObjectName("pageTitle")
        self.verify_button = QPushButton(self.tr("校验完整性"), self)
        self.verify_button.setToolTip(self.tr("逐条核对审计记录的哈希链，发现被修改或删除的记录"))
        self.export_button = QPushButton(self.tr("导出 Excel…"), self)

        self.user_combo = QComboBox(self)
        self.action_combo = QComboBox(self)
        self.type_combo = QComboBox(self)
        for combo in (self.user_combo, self.action_combo, self.type_combo):
            combo.setMinimumWidth(150)
        self.record_id_edit = QLineEdit(self)
        self.record_id_edit.setPlaceholderText(self.tr("如 12"))
        self.record_id_edit.setMaximumWidth(110)
        self.text_edit = QLineEdit(self)
        self.text_edit.setPlaceholderText(self.tr("摘要中包含的文字"))
        self.text_edit.setClearButtonEnabled(True)
        self.date_check = QCheckBox(self.tr("日期"), self)
        today = QDate.currentDate()
        self.date_from = DateField(today.addDays(-30), self)
        self.date_to = DateField(today, self)
        self.search_button = QPushButton(self.tr("查询"), self)
        self.reset_button = QPushButton(self.tr("清除条件"), self)

        self.table = admin_table(self.model, self)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        # Sized to their content and headers (操作系统用户 was cut at 大), remembered per PC; 摘要 is last
        # and takes the rest of the width (admin_table stretches the last column).
        self.widths = ColumnWidths(self.table, "audit", (150, 190, 110, 100, 100, 90, 300))

        self.status_label = QLabel(self)
        self.status_label.setObjectName("pageHint")

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.page_title)
        top.addStretch(1)
        top.addWidget(self.verify_button)
        top.addWidget(self.export_button)

        filters = QGridLayout()
        filters.addWidget(QLabel(self.tr("用户："), self), 0, 0)
        filters.addWidget(self.user_combo, 0, 1)
        filters.addWidget(QLabel(self.tr("操作："), self), 0, 2)
        filters.addWidget(self.action_combo, 0, 3)
        filters.addWidget(QLabel(self.tr("记录类型："), self), 0, 4)
        filters.addWidget(self.type_combo, 0, 5)
        filters.addWidget(QLabel(self.tr("记录编号："), self), 0, 6)
        filters.addWidget(self.record_id_edit, 0, 7)
        dates = QHBoxLayout()
        dates.addWidget(self.date_check)
        dates.addWidget(self.date_from)
        dates.addWidget(QLabel(self.tr("至"), self))
        dates.addWidget(self.date_to)
        dates.addStretch(1)
        filters.addLayout(dates, 1, 0, 1, 4)
        filters.addWidget(QLabel(self.tr("摘要："), self), 1, 4)
        filters.addWidget(self.text_edit, 1, 5, 1, 3)
        buttons = QHBoxLayout()
        buttons.addWidget(self.search_button)
        buttons.addWidget(self.reset_button)
        filters.addLayout(buttons, 1, 8)
        filters.setColumnStretch(9, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status_label)

    def _connect(self) -> None:
        self.model.rows_loaded.connect(self._on_rows_loaded)
        self.verify_button.clicked.connect(self.verify_integrity)
        self.export_button.clicked.connect(self.export_excel)
        for combo in (self.user_combo, self.action_combo, self.type_combo):
            combo.activated.connect(self.apply_filter)
        for line in (self.record_id_edit, self.text_edit):
            line.returnPressed.connect(self.apply_filter)
        enable_with(self.date_check, self.date_from, self.date_to)
        self.search_button.clicked.connect(self.apply_filter)
        self.reset_button.clicked.connect(self.reset_filter)
        self.table.doubleClicked.connect(self._on_double_clicked)
        self.ctx.events.changed.connect(self._on_changed)

    # --- data access for the model (GUI thread; one indexed query of 200 rows) -------------
    def _fetch(self, filt: AuditFilter, before_seq: int | None, limit: int) -> list[AuditRow]:
        with self.ctx.reader() as s:
            return query.fetch_entries(s, self.ctx.actor, filt, before_seq=before_seq, limit=limit)

    def _count(self, filt: AuditFilter) -> int:
        with self.ctx.reader() as s:
            return query.count_entries(s, self.ctx.actor, filt)

    # --- filters --------------------------------------------------------------------------
    def reload_choices(self) -> None:
        """Fill the user, action and record-type lists from what the trail contains."""
        with self.ctx.reader() as s:
            users = query.audit_users(s, self.ctx.actor)
            actions = query.actions(s, self.ctx.actor)
            types = query.record_types(s, self.ctx.actor)
        self._fill(self.user_combo, self.tr("全部用户"),
                   [(f"{d}（{u}）" if d and d != u else u, u) for u, d in users])
        self._fill(self.action_combo, self.tr("全部操作"), [(query.action_label(a), a) for a in actions])
        self._fill(self.type_combo, self.tr("全部类型"), [(query.record_type_label(t), t) for t in types])

    @staticmethod
    def _fill(combo: QComboBox, everything: str, items: list[tuple[str, str]]) -> None:
        keep = combo.currentData()
        combo.clear()
        combo.addItem(everything, None)
        for text, value in items:
            combo.addItem(text, value)
        index = combo.findData(keep) if keep is not None else 0
        combo.setCurrentIndex(max(0, index))

    def current_filter(self) -> AuditFilter:
        use_dates = self.date_check.isChecked()
        return AuditFilter(
            username=self.user_combo.currentData(),
            record_type=self.type_combo.currentData(),
            record_id=self.record_id_edit.text().strip() or None,
            action=self.action_combo.currentData(),
            date_from=_to_date(self.date_from.date()) if use_dates else None,
            date_to=_to_date(self.date_to.date()) if use_dates else None,
            text=self.text_edit.text().strip(),
        )

    @Slot()
    def apply_filter(self) -> None:
        """Show the entries matching the filter bar, newest first."""
        self.model.set_filter(self.current_filter())
        self.table.scrollToTop()

    @Slot()
    def reset_filter(self) -> None:
        for combo in (self.user_combo, self.action_combo, self.type_combo):
            combo.setCurrentIndex(0)
        self.record_id_edit.clear()
        self.text_edit.clear()
        self.date_check.setChecked(False)
        self.apply_filter()

    @Slot()
    def refresh(self) -> None:
        self._stale = False
        self.reload_choices()
        self.model.refresh()

    @Slot(object)
    def _on_changed(self, changes: Changes) -> None:
        # Refreshing under the user's eyes would throw away their scroll position; do it when
        # the page is next shown, or now if it is hidden anyway.
        self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    @Slot(int, int)
    def _on_rows_loaded(self, loaded: int, total: int) -> None:
        self.status_label.setText(
            self.tr("共 {t} 条记录，已显示 {n} 条（向下滚动载入更多）。双击一行查看修改前后的内容。")
            .format(t=total, n=loaded)
            if loaded < total
            else self.tr("共 {t} 条记录。双击一行查看修改前后的内容。").format(t=total)
        )

    @Slot(QModelIndex)
    def _on_double_clicked(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row())
        if row is not None:
            self.show_detail(row)

    def show_detail(self, row: AuditRow) -> AuditDetailDialog:
        dialog = AuditDetailDialog(row, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    # --- verify and export (off the GUI thread) ---------------------------------------------
    @Slot()
    def verify_integrity(self) -> None:
        """Walk the hash chain and check it against this PC's witness and the backups (as
        `govinfo-desk audit verify` does) on a worker thread, and report what was checked."""
        ctx = self.ctx

        def work(_progress: Progress) -> AuditReport:
            with ctx.reader() as s:
                return full_report(s, ctx.db.engine, ctx.db.data_dir)

        def done(report: AuditReport) -> None:
            text = "\n".join(report.lines())
            if report.ok:
                messages.show_info(self, self.tr("审计记录校验"), text)
            else:
                messages.show_error(self, text, title=self.tr("审计记录校验：发现问题"))
            self.verification_finished.emit(report.ok, text)

        self.verify_button.setEnabled(False)
        handle = run_task(self, self.tr("校验审计记录"), work, done, cancellable=False,
                          label=self.tr("正在逐条校验审计记录…"))
        handle.finished.connect(lambda: self.verify_button.setEnabled(True))

    @Slot()
    def export_excel(self) -> None:
        """Ask where to save, then export the entries matching the current filter."""
        suggested = str(Path.home() / f"审计记录_{self.ctx.today():%Y%m%d}.xlsx")
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("导出审计记录"), suggested, self.tr("Excel 工作簿 (*.xlsx)")
        )
        if path:
            if not path.lower().endswith(".xlsx"):
                path += ".xlsx"
            self.export_to(path)

    def export_to(self, path: str) -> None:
        """Write the current filter's entries to `path` on a worker thread (the export audits itself)."""
        ctx = self.ctx
        filt = self.current_filter()
        total = self.model.total
        step_text = self.tr("已写入 {n} 条…")  # translated here: the worker thread must not touch self

        def work(s: Session, progress: Progress) -> int:
            def step(n: int) -> None:
                progress.check()
                progress.report(n, total, step_text.format(n=n))

            return export_audit_log(s, ctx.actor, path, filt, progress=step)

        def done(count: int) -> None:
            self.refresh()
            messages.show_info(self, self.tr("导出审计记录"),
                               self.tr("已导出 {n} 条审计记录到：\n{p}").format(n=count, p=path))
            self.export_finished.emit(path, count)

        self.export_button.setEnabled(False)
        handle = ctx.run(ExportOp(work, on_done=done, parent=self, title=self.tr("导出审计记录"),
                                  label=self.tr("正在导出审计记录…")))
        handle.finished.connect(lambda: self.export_button.setEnabled(True))


def _to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())
