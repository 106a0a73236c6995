"""月度/季度统计: received, closed, overdue and the average time to reply for a period, with a chart."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.annual.statistics import QUARTER_NAMES, PeriodStatistics, compute_statistics, statistics_cases
from app.annual.statistics_export import EXPORT_ROLES, export_statistics
from reports.statistics_xlsx import NOTES
from ui.annual import prompts
from ui.annual.bar_chart import BarChart, Series
from ui.annual.records_dialog import RecordsDialog
from ui.annual.stats_model import StatsModel
from ui.context import AppContext
from ui.messages import show_info
from ui.operations import ExportOp, precheck
from ui.style import Sheet, apply_style
from ui.workers import Progress, TaskHandle, run_task
from ui.yearly_report_parts import ReportYearBox

RECEIVED_COLOUR, CLOSED_COLOUR = "#4a7fc1", "#5aa469"
BY_MONTH, BY_CHANNEL = 0, 1


class StatisticsPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 today: Callable[[], date] | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._today = today or ctx.today
        self.stats: PeriodStatistics | None = None
        self.task: TaskHandle[Any] | None = None
        self.export_task: TaskHandle[Any] | None = None
        self.dialog: RecordsDialog | None = None
        self._build()
        self._lay_out()
        self._connect()
        self.export_button.setEnabled(False)
        self.refresh()

    def _build(self) -> None:
        now = self._today()
        self.year = ReportYearBox(now, "statsYear", self, year=now.year)  # statistics run on the current year
        self.period = QComboBox(self)
        self.period.setObjectName("statsPeriod")
        # (month, quarter) per combo entry, kept beside the combo: Qt does not compare tuples as item data.
        self._periods: list[tuple[int | None, int | None]] = [(None, None)]
        self.period.addItem(self.tr("全年"))
        for q, name in enumerate(QUARTER_NAMES, start=1):
            self.period.addItem(name)
            self._periods.append((None, q))
        for m in range(1, 13):
            self.period.addItem(self.tr("{m}月").format(m=m))
            self._periods.append((m, None))
        self.period.setCurrentIndex(self._periods.index((now.month, None)))
        self.period.setMaxVisibleItems(17)
        self.refresh_button = QPushButton(self.tr("统计"), self)
        self.export_button = QPushButton(self.tr("导出 Excel…"), self)

        self.caption = QLabel(self)
        self.caption.setObjectName("statsCaption")
        apply_style(self.caption, Sheet.HEADING)
        self.as_of = QLabel(self)
        apply_style(self.as_of, Sheet.HINT)
        self.model = StatsModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("statsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setStretchLastSection(True)
        for column, width in enumerate((150, 100, 90, 90)):
            self.table.setColumnWidth(column, width)
        self.table.setMinimumWidth(590)

        self.chart_mode = QComboBox(self)
        self.chart_mode.addItem(self.tr("全年各月：收到与办结"), BY_MONTH)
        self.chart_mode.addItem(self.tr("本期按申请方式：收到与办结"), BY_CHANNEL)
        self.chart = BarChart(self)
        self.chart.setObjectName("statsChart")

    def _lay_out(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("统计期间："), self))
        bar.addWidget(self.year)
        bar.addWidget(self.period)
        bar.addWidget(self.refresh_button)
        bar.addStretch(1)
        bar.addWidget(self.export_button)

        chart_box = QWidget(self)
        cb = QVBoxLayout(chart_box)
        cb.setContentsMargins(0, 0, 0, 0)
        mode_row = QHBoxLayout()
        mode_row.addWidget(QLabel(self.tr("图表："), chart_box))
        mode_row.addWidget(self.chart_mode)
        mode_row.addStretch(1)
        cb.addLayout(mode_row)
        cb.addWidget(self.chart, 1)

        notes = QLabel("\n".join(NOTES[1:]).replace("截至{as_of}", self.tr("统计截止日")), self)
        notes.setWordWrap(True)
        apply_style(notes, Sheet.HINT)
        notes_box = QGroupBox(self.tr("统计口径"), self)
        QVBoxLayout(notes_box).addWidget(notes)
        left = QWidget(self)
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.table)
        ll.addWidget(notes_box)
        ll.addStretch(1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(chart_box)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([600, 700])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(bar)
        layout.addWidget(self.caption)
        layout.addWidget(self.as_of)
        layout.addWidget(splitter, 1)

    def _connect(self) -> None:
        # Slots return nothing (see ReportPage); the methods they call return their task or dialog.
        self.year.valueChanged.connect(self._on_period_changed)
        self.period.currentIndexChanged.connect(self._on_period_changed)
        self.refresh_button.clicked.connect(self._on_period_changed)
        self.export_button.clicked.connect(self._on_export)
        self.chart_mode.currentIndexChanged.connect(self._update_chart)
        self.table.activated.connect(self._on_activated)  # double-click or Enter
        self.model.modelReset.connect(self._apply_spans)

    def selected_period(self) -> tuple[int, int | None, int | None]:
        month, quarter = self._periods[max(self.period.currentIndex(), 0)]
        return self.year.value(), month, quarter

    @Slot()
    def _on_period_changed(self) -> None:
        self.refresh()

    @Slot()
    def _on_export(self) -> None:
        self.export_excel()

    @Slot(QModelIndex)
    def _on_activated(self, index: QModelIndex) -> None:
        self.open_cell(index)

    def refresh(self) -> TaskHandle[Any]:
        ctx, (year, month, quarter), today = self.ctx, self.selected_period(), self._today()

        def work(progress: Progress) -> PeriodStatistics:
            progress.report(0, 0, self.tr("正在统计…"))
            with ctx.reader() as session:
                return compute_statistics(session, year, month, quarter, today=today)

        self.task = run_task(self, self.tr("统计"), work, on_done=self._show, cancellable=False)
        return self.task

    def _show(self, stats: PeriodStatistics) -> None:
        if (stats.period.year, stats.period.month, stats.period.quarter) != self.selected_period():
            return  # the period changed while counting; its own result follows
        self.stats = stats
        self.model.set_statistics(stats)
        self.caption.setText(stats.title)
        as_of = stats.as_of
        self.as_of.setText(self.tr("统计期间 {first} 至 {last}；逾期按 {as_of} 的情况统计。").format(
            first=stats.period.bounds[0].isoformat(), last=stats.period.bounds[1].isoformat(),
            as_of=as_of.isoformat()))
        self.export_button.setEnabled(True)
        self._update_chart()

    @Slot()
    def _apply_spans(self) -> None:
        self.table.clearSpans()
        for row in self.model.section_rows():
            self.table.setSpan(row, 0, 1, self.model.columnCount())
        # As tall as its rows: the table is short, and the definitions belong right under it.
        rows = sum(self.table.rowHeight(r) for r in range(self.model.rowCount()))
        self.table.setFixedHeight(rows + self.table.horizontalHeader().height() + 2 * self.table.frameWidth())

    @Slot()
    def _update_chart(self) -> None:
        stats = self.stats
        if stats is None:
            return
        received, closed = self.tr("收到申请"), self.tr("办结")
        if self.chart_mode.currentData() == BY_MONTH:
            first, last = stats.period.bounds
            months = frozenset(range(first.month - 1, last.month)) if stats.period.month or stats.period.quarter \
                else frozenset()
            self.chart.set_data(
                self.tr("{year}年各月收到与办结的申请（件）").format(year=stats.period.year),
                [self.tr("{m}月").format(m=m.month) for m in stats.monthly],
                [Series(received, RECEIVED_COLOUR, tuple(m.received for m in stats.monthly)),
                 Series(closed, CLOSED_COLOUR, tuple(m.closed for m in stats.monthly))],
                months, self.tr("本年度没有申请"))
        else:
            groups = stats.by_channel
            self.chart.set_data(
                self.tr("{period}按申请方式（件）").format(period=stats.period.label),
                [g.label for g in groups],
                [Series(received, RECEIVED_COLOUR, tuple(g.figures.received for g in groups)),
                 Series(closed, CLOSED_COLOUR, tuple(g.figures.closed for g in groups))],
                frozenset(), self.tr("本期没有申请"))

    def open_cell(self, index: QModelIndex) -> RecordsDialog | None:
        cell = self.model.stat_cell(index)
        stats = self.stats
        if cell is None or stats is None:
            return None
        with self.ctx.reader() as session:
            ids = statistics_cases(session, stats.period, cell.measure, self._today(), channel=cell.channel,
                                   applicant_type=cell.applicant_type)
        dialog = RecordsDialog(self.ctx, f"{stats.period.label}：{cell.label}", ids, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.dialog = dialog
        return dialog

    def export_excel(self, path: Path | None = None) -> TaskHandle[Any] | None:
        stats = self.stats
        if stats is None:
            return None
        title = self.tr("导出统计")
        if not precheck(lambda: self.ctx.actor.require(*EXPORT_ROLES), parent=self, title=title):
            return None
        if path is None:
            chosen = prompts.save_file(self, title, str(Path.home() / f"{stats.title}.xlsx"),
                                       self.tr("Excel 文件 (*.xlsx)"))
            if not chosen:
                return None
            path = Path(chosen) if chosen.lower().endswith(".xlsx") else Path(chosen + ".xlsx")
        target, period, today = path, stats.period, self._today()

        def work(session: Session, _progress: Progress) -> Path:
            return export_statistics(session, self.ctx.actor, target, period.year, period.month, period.quarter,
                                     today=today)

        def done(written: Path) -> None:
            show_info(self, title, self.tr("已导出到：\n{path}").format(path=written))

        self.export_task = self.ctx.run(ExportOp(work, on_done=done, parent=self, title=title,
                                                 label=self.tr("正在写入“{name}”…").format(name=target.name)))
        return self.export_task
