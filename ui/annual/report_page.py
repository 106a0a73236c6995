"""年度报告: the year's figures in the template's tables, the checks, the office's text, locking, export."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.annual.compute import cases_behind, part4_cases_behind
from app.annual.layout import PART3_COLUMN_LABELS, PART4_LABELS, PART_TITLES, part3_rows
from app.annual.service import (
    ReportData,
    ReportState,
    compute,
    lock_content,
    lock_year,
    report_actions,
    report_state,
    suggested_texts,
    unlock_year,
)
from app.annual.statistics import record_rows
from app.availability import Availability
from app.changes import Changes, RecordKind
from app.report_lock import ReportAction
from app.signoff.content import content_hash
from ui.annual import prompts
from ui.annual.checks_panel import ChecksPanel, check_rows
from ui.annual.grid_model import DrillKey, GridModel, GridView
from ui.annual.records_dialog import RecordsDialog
from ui.annual.report_export import ReportExport
from ui.annual.report_grids import grids
from ui.annual.texts_panel import TextsPanel
from ui.availability import offer
from ui.context import AppContext
from ui.operations import Op
from ui.style import Colour, Sheet, apply_style
from ui.yearly_report_page import YearlyReportPage
from ui.yearly_report_parts import DifferencesBanner, LockStateLabel, ReportYearBox, figures_over_checks, keep_open

WATCHED_KINDS = (RecordKind.CASES, RecordKind.DISCLOSURE, RecordKind.SETTINGS, RecordKind.CALENDAR)
PART3_TAB = 1


@dataclass(frozen=True)
class Loaded:
    data: ReportData
    state: ReportState
    previous: tuple[str, str, str]  # last year's text, offered as a start
    case_nos: dict[int, str]  # of the cases the checks name


def load_report(session: Session, year: int) -> Loaded:
    data = compute(session, year)
    ids = sorted({i for check in data.checks for i in check.case_ids})
    case_nos = {r.id: r.case_no for r in record_rows(session, ids)}
    return Loaded(data, report_state(session, year), suggested_texts(session, year - 1), case_nos)


class ReportPage(YearlyReportPage):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 today: Callable[[], date] | None = None) -> None:
        super().__init__(ctx, parent)
        self._today = today or ctx.today
        self.loaded: Loaded | None = None
        self._shown_year = 0
        self.dialogs: list[RecordsDialog] = []
        self._build()
        self._lay_out()
        self._connect()
        self._set_busy_state()
        self.reload()

    def _build(self) -> None:
        self.year = ReportYearBox(self._today(), "reportYear", self)
        self.recompute_button = QPushButton(self.tr("重新计算"), self)
        self.state_label = LockStateLabel("lockState", self, colours=(
            Sheet.HINT, Sheet.bold_colour(Colour.WARN), Sheet.HINT))
        self.lock_button = QPushButton(self.tr("锁定（已发布）"), self)
        self.lock_button.setToolTip(self.tr("报告发布后锁定：保存已发布的数字，此后记录的变动会在这里提示。"))
        self.unlock_button = QPushButton(self.tr("解锁"), self)
        self.word_button = QPushButton(self.tr("导出 Word…"), self)
        self.excel_button = QPushButton(self.tr("导出 Excel…"), self)
        self.banner = DifferencesBanner("differencesBanner", self)
        self.part2, self.part3, self.part4 = GridModel(self), GridModel(self), GridModel(self)
        self.part2_view = GridView(self.part2, [220, 190, 190, 190], self)
        self.part3_view = GridView(self.part3, [44, 118, 300, 80, 86, 86, 104, 104, 76, 80], self, row_height=26,
                                   header_height=30, tall=True)
        self.part4_view = GridView(self.part4, [74] * 15, self, header_height=34)
        self.texts = TextsPanel(self.ctx, self)
        self.parts = QTabWidget(self)
        self.parts.setObjectName("reportParts")
        self.checks = ChecksPanel(self)
        self.export = ReportExport(self.ctx, self)

    def _lay_out(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("报告年度："), self))
        bar.addWidget(self.year)
        bar.addWidget(self.recompute_button)
        bar.addSpacing(16)
        bar.addWidget(self.state_label, 1)
        bar.addWidget(self.lock_button)
        bar.addWidget(self.unlock_button)
        bar.addSpacing(16)
        bar.addWidget(self.word_button)
        bar.addWidget(self.excel_button)

        hint = self.tr("双击蓝色数字可查看对应的申请记录。")
        self.parts.addTab(self._table_page(PART_TITLES[1], self.part2_view,
                                           self.tr("数字来自“主动公开”的公开事项和年度数据表。")),
                          self.tr("二、主动公开"))
        self.parts.addTab(self._table_page(PART_TITLES[2], self.part3_view, hint), self.tr("三、依申请公开"))
        self.parts.addTab(self._table_page(PART_TITLES[3], self.part4_view, hint), self.tr("四、复议诉讼"))
        self.parts.addTab(self.texts, self.tr("一、五、六（报告文字）"))
        self.parts.setCurrentIndex(PART3_TAB)
        # 540/215: all six checks visible without scrolling.
        splitter = figures_over_checks(self.parts, self.checks, self, figures_stretch=4, sizes=(540, 215))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(bar)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)

    def _connect(self) -> None:
        self.year.valueChanged.connect(self._on_year_changed)
        self.recompute_button.clicked.connect(self._on_recompute)
        self.lock_button.clicked.connect(self._on_lock)
        self.unlock_button.clicked.connect(self._on_unlock)
        self.word_button.clicked.connect(self._on_export_word)
        self.excel_button.clicked.connect(self._on_export_excel)
        for view in (self.part3_view, self.part4_view):
            view.number_activated.connect(self._on_number)
        self.checks.cases_requested.connect(self._on_cases_requested)
        self.texts.texts_saved.connect(self._on_texts_saved)
        self.ctx.events.changed.connect(self._on_changed)

    def today(self) -> date:
        """The day the page computes and exports as of (the context's clock unless a test sets it)."""
        return self._today()

    def _table_page(self, title: str, view: GridView, hint: str) -> QWidget:
        page = QWidget(self)
        heading = QLabel(title, page)
        apply_style(heading, Sheet.HEADING)
        note = QLabel(hint, page)
        apply_style(note, Sheet.HINT)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(note)
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addWidget(view, 1, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        return page

    # -- computing ---------------------------------------------------------------------------
    def computing_texts(self, year: int) -> tuple[str, str]:
        return self.tr("计算年度报告"), self.tr("正在计算 {year} 年度报告…").format(year=year)

    def compute_year(self, session: Session, year: int) -> Loaded:
        return load_report(session, year)

    def show_result(self, loaded: Loaded) -> None:
        if loaded.data.year != self.current_year:
            return  # the year was changed while computing; its own result follows
        self.loaded = loaded
        self._shown_year = loaded.data.year
        data = loaded.data
        (c2, s2), (c3, s3), (c4, s4) = grids(data)
        self.part2.set_grid(c2, s2)
        self.part3.set_grid(c3, s3)
        self.part4.set_grid(c4, s4)
        self.checks.set_checks(check_rows(data.checks, loaded.case_nos))
        self.texts.load(data.year, (data.part1, data.part5, data.part6), loaded.state.version, data.locked,
                        loaded.previous, data.fees)
        self.banner.show_differences(data.differences if data.locked else (), lambda lines: self.tr(
            "{year} 年度报告已锁定（已发布），但此后申请记录有变动，当前记录与已发布的数字不一致：\n{lines}\n"
            "请核实：如确需更正已发布的报告，请管理员解锁后重新发布。").format(year=data.year, lines=lines))
        self._set_busy_state()

    def _set_busy_state(self) -> None:
        data = self.loaded.data if self.loaded else None
        locked = bool(data and data.locked)
        # app.report_lock says who may lock and unlock which year; the buttons say why not.
        actions = self.actions_now() if data is not None else None
        offer(actions, ReportAction.LOCK, self.lock_button)
        offer(actions, ReportAction.UNLOCK, self.unlock_button)
        self.word_button.setEnabled(data is not None)
        self.excel_button.setEnabled(data is not None)
        if data is None:
            self.state_label.show_computing()
        elif locked:
            state = self.loaded.state if self.loaded else None
            self.state_label.show_locked(state.locked_at if state else None, state.locked_by_name if state else "")
        else:
            self.state_label.show_draft()

    @Slot(int)
    def _on_year_changed(self, year: int) -> None:
        if self._shown_year and year != self._shown_year and self.texts.is_dirty() and not prompts.ask(
                self, self.tr("切换年度"), self.tr("{year} 年度报告文字有未保存的修改，放弃这些修改吗？")
                .format(year=self._shown_year)):
            self.year.blockSignals(True)
            self.year.setValue(self._shown_year)
            self.year.blockSignals(False)
            return
        self.reload()

    @Slot(object)
    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(*WATCHED_KINDS):
            self.reload_when_seen()

    # -- drill-down --------------------------------------------------------------------------
    def open_cell(self, key: DrillKey) -> RecordsDialog | None:
        year = self.current_year
        labels = {r.key: r.label for r in part3_rows()}
        with self.ctx.reader() as session:
            if key[0] == "part3":
                _, row_key, column = key
                ids = cases_behind(session, year, row_key, column)
                title = f"{labels.get(row_key, row_key)} — {PART3_COLUMN_LABELS[column]}"
            else:
                ids = part4_cases_behind(session, year, key[1])
                title = PART4_LABELS[key[1]]
        return self.open_cases(self.tr("{year} 年度报告：{title}").format(year=year, title=title), tuple(ids))

    def open_cases(self, title: str, ids: tuple[int, ...]) -> RecordsDialog:
        return keep_open(self.dialogs, RecordsDialog(self.ctx, title, ids, self))

    # -- locking -----------------------------------------------------------------------------
    def _change(self, title: str, fn: Callable[[Session], object]) -> bool:
        if not self.ctx.run(Op(fn, parent=self, title=title)).ok:
            return False
        self.reload()
        return True

    def report_actions(self, session: Session, year: int) -> Availability[ReportAction]:
        return report_actions(session, self.ctx.actor, year, self._today())

    def lock(self) -> bool:
        year, title = self.current_year, self.tr("锁定年度报告")
        if self.refused(ReportAction.LOCK, title):
            return False
        if not prompts.ask(self, title, self.tr(
                "锁定表示 {year} 年度报告已经发布：当前的数字将保存为已发布的数字，报告文字不能再修改；"
                "此后申请记录如有变动，将在这里提示。确定锁定吗？").format(year=year)):
            return False
        today = self._today()
        # The lock publishes what this page shows; figures changed since are refused (issue 19).
        seen = content_hash(lock_content(self.loaded.data)) if self.loaded else ""  # nothing shown: refused
        if self._change(title, lambda s: lock_year(s, self.ctx.actor, year, today=today, seen_hash=seen)):
            return True
        self.reload()  # refused: show the figures as they are now, to look at again before locking
        return False

    def unlock(self) -> bool:
        year, title = self.current_year, self.tr("解锁年度报告")
        if self.refused(ReportAction.UNLOCK, title):
            return False
        reason = prompts.ask_text(self, title, self.tr("请写明解锁 {year} 年度报告的原因（将记入操作日志）：")
                                  .format(year=year))
        if reason is None:
            return False
        return self._change(title, lambda s: unlock_year(s, self.ctx.actor, year, reason))

    # -- slots -------------------------------------------------------------------------------
    @Slot(int)
    def _on_texts_saved(self, _year: int) -> None:
        self.reload()

    @Slot()
    def _on_export_word(self) -> None:
        self.export.export_word()

    @Slot()
    def _on_export_excel(self) -> None:
        self.export.export_excel()

    @Slot(tuple)
    def _on_number(self, key: DrillKey) -> None:
        self.open_cell(key)

    @Slot(str, tuple)
    def _on_cases_requested(self, title: str, ids: tuple[int, ...]) -> None:
        self.open_cases(title, ids)

    def can_close(self) -> bool:
        return not self.texts.is_dirty() or prompts.ask(
            self, self.tr("年度报告"), self.tr("年度报告文字有未保存的修改，放弃这些修改吗？"))
