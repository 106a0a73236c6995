"""统计报表: the statutory annual report and the monthly/quarterly statistics, one sub-page each."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ui.annual.guide_page import GuidePage
from ui.annual.report_page import ReportPage
from ui.annual.stats_page import StatisticsPage
from ui.context import AppContext
from ui.website.report_page import WebsiteReportPage

RECORD_TYPE = "annual_report"
GUIDE_RECORD_TYPE = "guide"  # app.guide.service.RECORD_TYPE: the dashboard's stale-guide reminder


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
        self.website = WebsiteReportPage(ctx, self, today=today or ctx.today)
        self.pages.addTab(self.website, self.tr("网站年报"))
        self.guide = GuidePage(ctx, self, today=today or ctx.today)
        self.pages.addTab(self.guide, self.tr("公开指南"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.pages)

    # -- main window contract ----------------------------------------------------------------
    def show_record(self, record_type: str, record_id: int | None) -> None:
        if record_type == RECORD_TYPE and record_id is not None:
            self.pages.setCurrentWidget(self.report)
            self.report.year.setValue(int(record_id))
        elif record_type == "website_report" and record_id is not None:
            self.pages.setCurrentWidget(self.website)
            self.website.year.setValue(int(record_id))
        elif record_type == GUIDE_RECORD_TYPE:
            self.pages.setCurrentWidget(self.guide)

    def can_close(self) -> bool:
        return self.report.can_close() and self.website.can_close()
