"""节假日: see a year's working-day calendar and enter the State Council's arrangement for it.

The chinesecalendar tables stop at the last year the installed package knows; each November the
State Council publishes the next year's arrangement, and an office without internet types (or
pastes) it here. Saving recomputes every open deadline, which may take a moment on a large
database, so it runs off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.changes import RecordKind
from app.errors import ValidationError
from app.workdays.calendar import WorkCalendar, builtin_years
from app.workdays.parse import format_dates, parse_labelled_dates
from app.workdays.service import clear_year, load_calendar, set_year_arrangement, year_entries
from ui import messages
from ui.admin.year_view import DayKind, LegendSwatch, YearView, year_kinds
from ui.context import AppContext
from ui.operations import BackgroundOp, precheck
from ui.style import Sheet, apply_style
from ui.workers import Progress

_MAKEUP_NOTE = "调休上班"  # the service's default note for make-up days; not worth repeating


@dataclass(frozen=True)
class YearState:
    """What is stored for one year, copied out of the session."""

    year: int
    off: dict[date, str]
    makeup: dict[date, str]
    entered: bool
    source: str
    confirmed_by: str
    confirmed_at: date | None
    builtin: bool


def load_year_state(ctx: AppContext, year: int) -> tuple[YearState, WorkCalendar]:
    with ctx.reader() as s:
        rows, year_row = year_entries(s, year)
        cal = load_calendar(s)
        state = YearState(
            year=year,
            off={r.day: r.note for r in rows if not r.is_workday},
            makeup={r.day: r.note for r in rows if r.is_workday},
            entered=year_row is not None,
            source=year_row.source if year_row else "",
            confirmed_by=year_row.confirmed_by if year_row else "",
            confirmed_at=year_row.confirmed_at.date() if year_row else None,
            builtin=year in builtin_years(),
        )
    return state, cal


class CalendarPage(QWidget):
    calendar_saved = Signal(int, int)
    """A year's arrangement was saved or cleared: (year, number of records recomputed)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.state: YearState | None = None
        self.calendar: WorkCalendar | None = None
        self.busy = False
        self._build()
        self._lay_out()
        self._connect()
        self.load_year(self.year_spin.value())

    def _build(self) -> None:
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(300)
        self.page_title = QLabel(self.tr("节假日安排"), self)
        self.page_title.setObjectName("pageTitle")
        self.year_spin = QSpinBox(self)
        self.year_spin.setRange(min(builtin_years()), 2100)
        self.year_spin.setSuffix(self.tr(" 年"))
        self.year_spin.setMinimumWidth(110)
        self.year_spin.setValue(self.ctx.today().year)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("yearStatus")
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)

        self.view = YearView(self)
        self.preview_label = QLabel(self)
        self.preview_label.setObjectName("pageHint")
        self.frame = QFrame(self)
        self.frame.setObjectName("yearFrame")
        self.frame.setFrameShape(QFrame.Shape.StyledPanel)

        self.off_edit = QPlainTextEdit(self)
        self.off_edit.setPlaceholderText(self.tr("例如：\n元旦：2027-01-01\n春节：2月10日至17日\n清明节：4月4日—6日"))
        self.makeup_edit = QPlainTextEdit(self)
        self.makeup_edit.setPlaceholderText(self.tr("例如：2月7日、2月20日"))
        self.makeup_edit.setMaximumHeight(110)
        self.source_edit = QLineEdit(self)
        self.source_edit.setPlaceholderText(self.tr("如：国务院办公厅关于2027年部分节假日安排的通知"))
        self.help_label = QLabel(
            self.tr("可直接粘贴通知中的日期：每行一个或用逗号、顿号、空格分隔；"
                    "支持 2027-01-01、2027/1/1、2027年1月1日、1月1日，范围写作 2月10日至17日。"
                    "行首可写节日名称加冒号。放假日期应包括放假期间的周末。"),
            self,
        )
        self.help_label.setObjectName("fieldCaption")
        self.help_label.setWordWrap(True)
        self.parse_label = QLabel(self)
        self.parse_label.setWordWrap(True)
        apply_style(self.parse_label, Sheet.ERROR)
        self.parse_label.hide()
        self.save_button = QPushButton(self.tr("保存并重算期限"), self)
        self.save_button.setDefault(True)
        self.clear_button = QPushButton(self.tr("清除本年录入…"), self)
        self.entry = QGroupBox(self.tr("录入本年安排"), self)
        self.entry.setMinimumWidth(340)
        self.entry.setMaximumWidth(420)

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.page_title)
        top.addSpacing(24)
        top.addWidget(QLabel(self.tr("年份："), self))
        top.addWidget(self.year_spin)
        top.addSpacing(12)
        top.addWidget(self.status_label, 1)

        legend = QHBoxLayout()
        for kind, text in (
            (DayKind.HOLIDAY, self.tr("放假")),
            (DayKind.MAKEUP, self.tr("调休上班")),
            (DayKind.WEEKEND, self.tr("周末")),
            (DayKind.WORKDAY, self.tr("工作日")),
        ):
            legend.addWidget(LegendSwatch(kind, self))
            legend.addWidget(QLabel(text, self))
            legend.addSpacing(14)
        legend.addStretch(1)
        legend.addWidget(self.preview_label)
        frame_layout = QVBoxLayout(self.frame)
        frame_layout.addWidget(self.view, 1)
        frame_layout.addLayout(legend)

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.addRow(self.tr("放假日期："), self.off_edit)
        form.addRow(self.tr("调休上班日期："), self.makeup_edit)
        form.addRow(self.tr("来源（通知名称）："), self.source_edit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        entry_layout = QVBoxLayout(self.entry)
        entry_layout.addLayout(form)
        entry_layout.addWidget(self.help_label)
        entry_layout.addWidget(self.parse_label)
        entry_layout.addLayout(buttons)

        body = QHBoxLayout()
        body.addWidget(self.frame, 1)
        body.addWidget(self.entry)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(body, 1)

    def _connect(self) -> None:
        self._preview_timer.timeout.connect(self.update_preview)
        self.year_spin.valueChanged.connect(self.load_year)
        for edit in (self.off_edit, self.makeup_edit):
            edit.textChanged.connect(self._preview_timer.start)
        self.save_button.clicked.connect(self.save)
        self.clear_button.clicked.connect(self.clear)

    # --- loading and preview --------------------------------------------------------------
    @Slot(int)
    def load_year(self, year: int) -> None:
        """Show `year` as stored and pre-fill the boxes with the office's own entries for it."""
        self.state, self.calendar = load_year_state(self.ctx, year)
        state = self.state
        for edit in (self.off_edit, self.makeup_edit):
            edit.blockSignals(True)
        self.off_edit.setPlainText(format_dates(state.off, state.off))
        makeup_notes = {d: n for d, n in state.makeup.items() if n != _MAKEUP_NOTE}
        self.makeup_edit.setPlainText(format_dates(state.makeup, makeup_notes))
        for edit in (self.off_edit, self.makeup_edit):
            edit.blockSignals(False)
        self.source_edit.setText(state.source)
        self.parse_label.hide()
        self.clear_button.setEnabled(state.entered or bool(state.off or state.makeup))
        self.status_label.setText(self.status_text(state))
        kind = "entered" if state.entered else "builtin" if state.builtin else "unknown"
        self.status_label.setProperty("kind", kind)
        apply_style(self.status_label, _STATUS_STYLE[kind])
        self._show(self.calendar, frozenset(state.off), preview=False)

    def status_text(self, state: YearState) -> str:
        if state.entered:
            text = self.tr("本单位录入")
            if state.builtin:
                text += self.tr("（覆盖程序内置数据）")
            if state.source:
                text += "：" + state.source
            if state.confirmed_at:
                when = state.confirmed_at.isoformat()
                text += self.tr("（{who} 于 {d} 确认）").format(who=state.confirmed_by, d=when)
            return text
        if state.builtin:
            return self.tr("程序内置：按国务院办公厅通知（chinesecalendar）")
        return self.tr("未确认：仅按周末计算。请录入本年节假日安排。")

    def _show(self, cal: WorkCalendar, off: frozenset[date], preview: bool) -> None:
        year = self.year_spin.value()
        kinds = year_kinds(cal, year, off)
        names = {d: cal.day_name(d) for d in kinds if kinds[d] in (DayKind.HOLIDAY, DayKind.MAKEUP)}
        self.view.set_year(year, kinds, {d: n for d, n in names.items() if n})
        off_count = sum(1 for k in kinds.values() if k is DayKind.HOLIDAY)
        makeup_count = sum(1 for k in kinds.values() if k is DayKind.MAKEUP)
        prefix = self.tr("预览（尚未保存）：") if preview else ""
        apply_style(self.preview_label, Sheet.either(preview, Sheet.INFO, Sheet.NONE))
        self.preview_label.setText(
            prefix + self.tr("全年放假 {o} 天，调休上班 {m} 天，工作日 {w} 天").format(
                o=off_count, m=makeup_count,
                w=sum(1 for k in kinds.values() if k in (DayKind.WORKDAY, DayKind.MAKEUP)),
            )
        )

    def parsed(self) -> tuple[dict[date, str], dict[date, str]]:
        """The two boxes parsed; a ValidationError names the box and the token."""
        year = self.year_spin.value()
        result: list[dict[date, str]] = []
        for edit, name in ((self.off_edit, self.tr("放假日期")), (self.makeup_edit, self.tr("调休上班日期"))):
            try:
                result.append(parse_labelled_dates(edit.toPlainText(), year))
            except ValidationError as exc:  # parsing typed text: the message says which box holds the bad token
                raise ValidationError(f"{name}：{exc}", field=exc.field) from None
        return result[0], result[1]

    def is_dirty(self) -> bool:
        if self.state is None:
            return False
        try:
            off, makeup = self.parsed()
        except ValidationError:  # parsing typed text: what cannot be read is not what is stored
            return True
        return set(off) != set(self.state.off) or set(makeup) != set(self.state.makeup)

    @Slot()
    def update_preview(self) -> None:
        """Show what the typed arrangement would look like, or which token cannot be read."""
        if self.state is None or self.calendar is None:
            return
        self.parse_label.hide()
        if not self.is_dirty():
            self._show(self.calendar, frozenset(self.state.off), preview=False)
            return
        try:
            off, makeup = self.parsed()
        except ValidationError as exc:  # parsing while typing: said beside the boxes, not in a message box
            self.parse_label.setText(str(exc))
            self.parse_label.show()
            return
        overrides = {d: False for d in off} | {d: True for d in makeup}
        notes = {d: n for d, n in (off | makeup).items() if n}
        self._show(WorkCalendar(overrides, notes=notes), frozenset(off), preview=True)

    # --- saving ---------------------------------------------------------------------------
    @Slot()
    def save(self) -> None:
        """Store the arrangement, mark the year confirmed, recompute open deadlines (off-thread)."""
        if self.busy:
            return
        boxes: list[tuple[dict[date, str], dict[date, str]]] = []
        if not precheck(lambda: boxes.append(self.parsed()), parent=self, title=self.tr("节假日安排未保存")):
            return
        off, makeup = boxes[0]
        year, source = self.year_spin.value(), self.source_edit.text().strip()
        notes = {d: n for d, n in (off | makeup).items() if n}
        ctx = self.ctx

        def work(s: Session, _progress: Progress) -> dict[str, int]:
            return set_year_arrangement(s, ctx.actor, year, off, makeup, source, notes)

        def done(counts: dict[str, int]) -> None:
            total = sum(counts.values())
            self._finished(year, total, self.tr(
                "已保存 {y} 年节假日安排：放假 {o} 天，调休上班 {m} 天。\n已重新计算 {n} 条未办结事项的期限。"
            ).format(y=year, o=len(off), m=len(makeup), n=total))

        self._start(self.tr("保存节假日安排"), work, done)

    @Slot()
    def clear(self) -> None:
        """After confirmation, remove the office's entries for the year (back to built-in/weekends)."""
        if self.busy:
            return
        year = self.year_spin.value()
        after = self.tr("程序内置数据") if year in builtin_years() else self.tr("仅按周末计算（未确认）")
        if not messages.confirm(
            self, self.tr("清除本年录入"),
            self.tr("确定清除本单位录入的 {y} 年节假日安排吗？\n"
                    "清除后该年改为{after}，并重新计算所有未办结事项的期限。").format(y=year, after=after),
        ):
            return
        ctx = self.ctx

        def work(s: Session, _progress: Progress) -> dict[str, int]:
            return clear_year(s, ctx.actor, year)

        def done(counts: dict[str, int]) -> None:
            total = sum(counts.values())
            self._finished(year, total, self.tr("已清除 {y} 年的录入。已重新计算 {n} 条未办结事项的期限。")
                           .format(y=year, n=total))

        self._start(self.tr("清除节假日安排"), work, done)

    def _start(
        self, title: str, work: Callable[[Session, Progress], dict[str, int]],
        done: Callable[[dict[str, int]], None],
    ) -> None:
        self.busy = True
        self.save_button.setEnabled(False)
        self.clear_button.setEnabled(False)
        # Not cancellable: the work is one transaction that either commits or does not start.
        handle = self.ctx.run(BackgroundOp(work, RecordKind.CALENDAR, parent=self, title=title, on_done=done,
                                           cancellable=False, label=self.tr("正在保存并重新计算期限…")))
        handle.finished.connect(self._task_ended)

    @Slot()
    def _task_ended(self) -> None:
        self.busy = False
        self.save_button.setEnabled(True)
        if self.state is not None:
            self.clear_button.setEnabled(self.state.entered or bool(self.state.off or self.state.makeup))

    def _finished(self, year: int, total: int, text: str) -> None:
        self.load_year(year)
        self.calendar_saved.emit(year, total)
        messages.show_info(self, self.tr("节假日安排"), text)


_STATUS_STYLE = {
    "entered": Sheet.CALENDAR_ENTERED,
    "builtin": Sheet.CALENDAR_BUILTIN,
    "unknown": Sheet.CALENDAR_UNKNOWN,
}
