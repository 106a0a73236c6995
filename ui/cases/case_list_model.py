"""The case list: a lazy table model over app.cases.queries (SQL-side filter, sort and paging)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor
from sqlalchemy.orm import Session

from app.cases.enums import ApplicantType, CaseStatus, Channel
from app.cases.outcomes import Outcome
from app.cases.queries import CaseFilter, CaseRow, count_cases, list_cases, workdays_left
from app.workdays.calendar import WorkCalendar
from app.workdays.service import load_calendar
from ui.context import AppContext
from ui.deadline_rows import DeadlineRows
from ui.paged_model import Column, PagedTableModel
from ui.status_colours import CASE_STATUS_COLOURS
from ui.translate import translator

FETCH_SIZE = 200
DUE_SOON_DAYS = 3


_tr = translator("CaseListModel")


COLUMNS: tuple[Column, ...] = (
    Column("case_no", _tr("受理编号"), 180),
    Column("status", _tr("状态"), 84),
    Column("applicant_name", _tr("申请人"), 170),
    Column("applicant_type", _tr("申请人类型"), 92),
    Column("channel", _tr("申请方式"), 118),
    Column("received_on", _tr("收到申请日期"), 100),
    Column("due_on", _tr("答复期限"), 136),
    Column("", _tr("剩余工作日"), 84),
    Column("replied_on", _tr("答复日期"), 92),
    Column("outcome", _tr("办理结果"), 76),
    Column("content_preview", _tr("申请内容"), 360),
)
COL_DUE = 6
COL_LEFT = 7


class CaseListModel(DeadlineRows, PagedTableModel[CaseRow, CaseFilter]):
    """Rows are CaseRow dataclasses; only the rows scrolled into view are ever fetched."""

    columns = COLUMNS
    soon_days, due_column, left_column = DUE_SOON_DAYS, COL_DUE, COL_LEFT

    def __init__(self, ctx: AppContext, parent: QObject | None = None,
                 today: Callable[[], date] | None = None) -> None:
        today_fn = today or ctx.today
        super().__init__(ctx, CaseFilter(
            year=None, status=None, channel=None, applicant_type=None, due_soon=False, overdue=False,
            mine_user_id=None, text="", today=today_fn(),
        ), "received_on", True, parent, fetch_size=FETCH_SIZE)
        self._today = today_fn
        self.calendar: WorkCalendar | None = None
        self.refresh()

    def prepare(self, session: Session) -> None:
        self.filter = _with_today(self.filter, self._today())
        self.calendar = load_calendar(session)

    def count(self, session: Session) -> int:
        return count_cases(session, self.filter)

    def page(self, session: Session, offset: int, limit: int) -> list[CaseRow]:
        return list_cases(session, self.filter, offset, limit, self.sort_key, self.descending)

    def row_of_case(self, case_id: int) -> int:
        return self.row_of(case_id)

    def days_left(self, r: CaseRow) -> int | None:
        # Once the reply is sent the race is over, even while delivery is pending (as the filter).
        if r.due_on is None or self.calendar is None or r.replied_on is not None or not CaseStatus(r.status).is_open:
            return None
        return workdays_left(self.calendar, r.due_on, self.filter.today)

    def role_data(self, r: CaseRow, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and col == len(COLUMNS) - 1:
            return r.content_preview
        if role == Qt.ItemDataRole.ForegroundRole and col == 1 and not self.urgency(r):
            return QBrush(QColor(CASE_STATUS_COLOURS[CaseStatus(r.status)]))
        return self.deadline_data(r, col, role)

    def display(self, r: CaseRow, col: int) -> str:
        key = COLUMNS[col].key
        if key == "case_no":
            return r.case_no
        if key == "status":
            if r.replied_on is not None and r.status == CaseStatus.AWAITING_APPROVAL:
                return _tr("已答复待送达")  # sent; the case closes once delivery is recorded
            return CaseStatus(r.status).label
        if key == "applicant_name":
            return r.applicant_name
        if key == "applicant_type":
            return ApplicantType(r.applicant_type).label
        if key == "channel":
            return Channel(r.channel).label
        if key == "received_on":
            return _date(r.received_on)
        if key == "due_on":
            if r.due_on is None:
                return _tr("待补正（暂停）") if r.status == CaseStatus.AWAITING_CORRECTION else ""
            return _date(r.due_on) + (_tr("（未确认）") if r.due_unconfirmed else "")
        if col == COL_LEFT:
            return self.left_text(r)
        if key == "replied_on":
            return _date(r.replied_on)
        if key == "outcome":
            return Outcome(r.outcome).label if r.outcome and r.replied_on is not None else ""  # a draft is no result
        if key == "content_preview":
            return r.content_preview.replace("\n", " ")
        return ""

    def sort_key_of(self, column: int) -> str:
        key = COLUMNS[column].key or "due_on"  # 剩余工作日 sorts like the due date
        return "" if key == "content_preview" else key


def _date(d: date | None) -> str:
    return d.isoformat() if d else ""


def _with_today(f: CaseFilter, today: date) -> CaseFilter:
    from dataclasses import replace

    return f if f.today == today else replace(f, today=today)
