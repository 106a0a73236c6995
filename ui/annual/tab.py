"""统计报表: the statutory annual report and the monthly/quarterly statistics, one sub-page each."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ui.annual.report_page import ReportPage
from ui.annual.stats_page import StatisticsPage
from ui.context import AppContext

RECORD_TYPE = "annual_report"


class AnnualTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 today: Callable[[], date] | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.report = ReportPage(ctx, self, today=today)
        self.statistics = StatisticsPage(ctx, self, today=today)
        self.pages = QTabWidget(self)
        self.pages.setObjectName("annualPages")
        self.pages.addTab(self.report, self.tr("年度报告"))
        self.pages.addTab(self.statistics, self.tr("月度/季度统计"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.pages)

    # -- main window contract ----------------------------------------------------------------
    def show_record(self, record_type: str, record_id: int | None) -> None:
        if record_type == RECORD_TYPE and record_id is not None:
            self.pages.setCurrentWidget(self.report)
            self.report.year.setValue(int(record_id))

    def can_close(self) -> bool:
        return self.report.can_close()
