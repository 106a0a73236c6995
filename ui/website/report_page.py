"""网站年报: the year's 政府网站工作年度报表 — computed figures (double-click for the records), the typed
figures with last year's offered, the checks, saving, locking and export to Word/Excel."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.availability import Availability
from app.changes import Changes, RecordKind
from app.errors import StaleContent
from app.report_lock import ReportAction
from app.signoff.content import content_hash
from app.website.checks import Check
from app.website.export import export_website_report
from app.website.figures import RecordLine, records_behind
from app.website.layout import Source
from app.website.service import ReportData, compute, lock_content, lock_year, report_actions, save_typed, unlock_year
from ui.annual import prompts
from ui.availability import offer
from ui.context import AppContext
from ui.messages import show_error, show_info
from ui.operations import ExportOp, Op
from ui.style import Sheet, apply_style
from ui.website.checks_table import ChecksTable
from ui.website.records_dialog import FigureRecordsDialog
from ui.website.report_model import VALUE_COLUMN, ReportModel
from ui.website.value_delegate import ValueDelegate
from ui.workers import Progress, TaskHandle
from ui.yearly_report_page import YearlyReportPage
from ui.yearly_report_parts import DifferencesBanner, LockStateLabel, ReportYearBox, figures_over_checks, keep_open

WATCHED_KINDS = (RecordKind.REVIEW, RecordKind.DISCLOSURE, RecordKind.SETTINGS)


class WebsiteReportPage(YearlyReportPage):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 today: Callable[[], date] = date.today) -> None:
        super().__init__(ctx, parent)
        self._today = today
        self.data: ReportData | None = None
        self.dialogs: list[FigureRecordsDialog] = []
        self._build()
        self._lay_out()
        self._connect()
        self._set_state()
        self.reload()

    def _build(self) -> None:
        self.year = ReportYearBox(self._today(), "websiteYear", self)
        self.recompute_button = QPushButton(self.tr("重新计算"), self)
        self.last_year_button = QPushButton(self.tr("空白项采用上年数"), self)
        self.last_year_button.setToolTip(self.tr("把上年填报的数字填入本年仍空白的填报项，核对后保存。"))
        self.save_button = QPushButton(self.tr("保存填报数"), self)
        self.state_label = LockStateLabel("websiteLockState", self)
        self.lock_button = QPushButton(self.tr("锁定（已发布）"), self)
        self.unlock_button = QPushButton(self.tr("解锁"), self)
        self.unlock_button.setToolTip(self.tr("已发布的报表须由系统管理员写明原因后解锁。"))
        self.word_button = QPushButton(self.tr("导出 Word…"), self)
        self.excel_button = QPushButton(self.tr("导出 Excel…"), self)
        self.banner = DifferencesBanner("websiteDifferences", self)

        self.model = ReportModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("websiteReportTable")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(VALUE_COLUMN, ValueDelegate(self.model, self.table))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        for column, width in enumerate((90, 150, 300, 200, 150, 120)):
            self.table.setColumnWidth(column, width)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.checks = ChecksTable(self)

    def _lay_out(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("报表年度："), self))
        for w in (self.year, self.recompute_button, self.last_year_button, self.save_button):
            bar.addWidget(w)
        bar.addWidget(self.state_label, 1)
        for w in (self.lock_button, self.unlock_button, self.word_button, self.excel_button):
            bar.addWidget(w)
        note = QLabel(self.tr("蓝色数字由记录统计，双击可查看对应记录；浅色底的数值须填报（数量为零请填 0）；"
                              "灰色来自系统设置。项目名称可在 系统设置 → 政府网站 中按正式附件更正。"), self)
        note.setWordWrap(True)
        apply_style(note, Sheet.HINT)
        splitter = figures_over_checks(self.table, self.checks, self, figures_stretch=3, sizes=(470, 200))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(bar)
        layout.addWidget(self.banner)
        layout.addWidget(note)
        layout.addWidget(splitter, 1)

    def _connect(self) -> None:
        self.year.valueChanged.connect(self._on_year_changed)
        self.recompute_button.clicked.connect(self._on_recompute)
        self.last_year_button.clicked.connect(self._on_take_last_year)
        self.save_button.clicked.connect(self._on_save)
        self.lock_button.clicked.connect(self._on_lock)
        self.unlock_button.clicked.connect(self._on_unlock)
        self.word_button.clicked.connect(self._on_export_word)
        self.excel_button.clicked.connect(self._on_export_excel)
        self.table.doubleClicked.connect(self._on_double_clicked)
        self.checks.check_activated.connect(self._on_check_activated)
        self.ctx.events.changed.connect(self._on_changed)

    # -- computing ---------------------------------------------------------------------------
    def computing_texts(self, year: int) -> tuple[str, str]:
        return self.tr("计算网站年报"), self.tr("正在计算 {year} 年网站年报…").format(year=year)

    def compute_year(self, session: Session, year: int) -> ReportData:
        return compute(session, year)

    def show_result(self, data: ReportData) -> None:
        if data.year != self.current_year:
            return
        self.data = data
        self.model.load(data)
        self.checks.set_checks(data.checks)
        self.banner.show_differences(data.differences if data.locked else (), lambda lines: self.tr(
            "{year} 年网站年报已锁定（已发布），此后记录或设置有变动，与已发布的数字不一致：\n{lines}\n"
            "如确需更正已发布的报表，请管理员解锁后重新发布。").format(year=data.year, lines=lines))
        self._set_state()

    def _set_state(self) -> None:
        data = self.data
        locked = bool(data and data.locked)
        # app.report_lock says who may lock and unlock which year; the buttons say why not.
        actions = self.actions_now() if data is not None else None
        offer(actions, ReportAction.LOCK, self.lock_button)
        offer(actions, ReportAction.UNLOCK, self.unlock_button)
        offer(actions, ReportAction.EDIT, self.last_year_button, self.save_button)
        self.word_button.setEnabled(data is not None)
        self.excel_button.setEnabled(data is not None)
        if data is None:
            self.state_label.show_computing()
        elif locked:
            self.state_label.show_locked(data.locked_at, data.locked_by)
        else:
            self.state_label.show_draft()

    # -- drill-down --------------------------------------------------------------------------
    def open_figure(self, key: str) -> FigureRecordsDialog | None:
        if self.data is None:
            return None
        row = self.data.row(key)
        if row.source is not Source.COMPUTED:
            return None
        with self.ctx.reader() as session:
            lines = records_behind(session, self.current_year, key)
        label = f"{row.group}·{row.label}" if row.group else row.label
        return self.open_records(self.tr("{year} 年网站年报：{label}").format(year=self.current_year, label=label),
                                 lines)

    def open_records(self, title: str, lines: list[RecordLine]) -> FigureRecordsDialog:
        return keep_open(self.dialogs, FigureRecordsDialog(title, lines, self))

    def show_check(self, check: Check) -> FigureRecordsDialog | None:
        if check.keys:
            row = self.model.row_of(check.keys[0])
            if row >= 0:
                self.table.scrollTo(self.model.index(row, VALUE_COLUMN))
                self.table.setCurrentIndex(self.model.index(row, VALUE_COLUMN))
        if check.records:
            return self.open_records(self.tr("校验：{name}").format(name=check.name), list(check.records))
        return None

    # -- changes -----------------------------------------------------------------------------
    def _change(self, title: str, fn: Callable[[Session], object]) -> bool:
        stale = False

        def do(session: Session) -> object:
            nonlocal stale
            try:
                return fn(session)
            except StaleContent:  # noted so the fresh figures are shown, then re-raised: the runner
                stale = True      # rolls back and says why
                raise

        ok, _ = self.ctx.run(Op(do, RecordKind.WEBSITE_REPORT, parent=self, title=title, point_at=self._point_at))
        if ok or stale:  # after a stale refusal: the figures as they are now, to look at again before locking
            self.reload()
        return ok

    def _point_at(self, field: str) -> None:
        index = self.model.value_index(field)
        if index.isValid():
            self.table.setCurrentIndex(index)

    def save(self) -> bool:
        if self.data is None:
            return False
        year, version, typed, actor = self.current_year, self.data.version, self.model.typed(), self.ctx.actor
        return self._change(self.tr("保存填报数"), lambda s: save_typed(s, actor, year, typed, version))

    def take_last_year(self) -> int:
        filled = self.model.take_last_year()
        if not filled:
            show_info(self, self.tr("采用上年数"), self.tr("没有可采用的上年数：空白项上年也没有填报。"))
        return filled

    def report_actions(self, session: Session, year: int) -> Availability[ReportAction]:
        return report_actions(session, self.ctx.actor, year, self._today())

    def lock(self) -> bool:
        year, title = self.current_year, self.tr("锁定网站年报")
        if self.refused(ReportAction.LOCK, title):
            return False
        if self.model.is_dirty():
            show_error(self, self.tr("填报数有未保存的修改，请先保存。"), title=title)
            return False
        if not prompts.ask(self, title, self.tr(
                "锁定表示 {year} 年网站年报已经发布：当前的全部数字将保存为已发布的数字，填报数不能再修改。"
                "确定锁定吗？").format(year=year)):
            return False
        today, actor = self._today(), self.ctx.actor
        # The lock publishes what this page shows; figures changed since are refused (issue 19).
        seen = content_hash(lock_content(self.data)) if self.data is not None else ""  # nothing shown: refused
        return self._change(title, lambda s: lock_year(s, actor, year, today=today, seen_hash=seen))

    def unlock(self) -> bool:
        year, title = self.current_year, self.tr("解锁网站年报")
        if self.refused(ReportAction.UNLOCK, title):
            return False
        reason = prompts.ask_text(self, title, self.tr("请写明解锁 {year} 年网站年报的原因（将记入操作日志）：")
                                  .format(year=year))
        if reason is None:
            return False
        actor = self.ctx.actor
        return self._change(title, lambda s: unlock_year(s, actor, year, reason))

    # -- export ------------------------------------------------------------------------------
    def export(self, suffix: str, path: Path | None = None) -> TaskHandle[Any] | None:
        title = self.tr("导出网站年报")
        if self.model.is_dirty():
            show_error(self, self.tr("填报数有未保存的修改，请先保存后再导出。"), title=title)
            return None
        year = self.current_year
        if path is None:
            filters = self.tr("Word 文档 (*.docx)") if suffix == "docx" else self.tr("Excel 文件 (*.xlsx)")
            name = self.tr("{year}年政府网站工作年度报表.{suffix}").format(year=year, suffix=suffix)
            default = str(Path.home() / name)
            chosen = prompts.save_file(self, title, default, filters)
            if not chosen:
                return None
            path = Path(chosen)
            if path.suffix.lower() != f".{suffix}":
                path = path.with_name(f"{path.name}.{suffix}")
        ctx, target = self.ctx, path

        def work(session: Session, _progress: Progress) -> tuple[Path, list[str]]:
            written, data = export_website_report(session, ctx.actor, year, target)
            return written, [c.name for c in data.checks if c.blocking and not c.ok]

        def done(result: tuple[Path, list[str]]) -> None:
            written, failed = result
            text = self.tr("已导出到：\n{path}").format(path=written)
            if failed:
                text += self.tr("\n\n注意：以下校验未通过，发布前请先改正：\n{names}").format(names="\n".join(failed))
            show_info(self, title, text)

        self.task = ctx.run(ExportOp(work, on_done=done, parent=self, title=title,
                                     label=self.tr("正在写入“{name}”…").format(name=target.name)))
        return self.task

    # -- slots -------------------------------------------------------------------------------
    @Slot(int)
    def _on_year_changed(self, _year: int) -> None:
        self.reload()

    @Slot(object)
    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(*WATCHED_KINDS):
            self.reload_when_seen()

    @Slot()
    def _on_take_last_year(self) -> None:
        self.take_last_year()

    @Slot()
    def _on_save(self) -> None:
        self.save()

    @Slot()
    def _on_export_word(self) -> None:
        self.export("docx")

    @Slot()
    def _on_export_excel(self) -> None:
        self.export("xlsx")

    @Slot(QModelIndex)
    def _on_double_clicked(self, index: QModelIndex) -> None:
        row = self.model.rows[index.row()] if 0 <= index.row() < len(self.model.rows) else None
        if row is not None and row.source is Source.COMPUTED:
            self.open_figure(row.key)

    @Slot(object)
    def _on_check_activated(self, check: Check) -> None:
        self.show_check(check)

    def can_close(self) -> bool:
        return not self.model.is_dirty() or prompts.ask(
            self, self.tr("网站年报"), self.tr("网站年报的填报数有未保存的修改，放弃这些修改吗？"))
