"""Reading request cases: the case list (SQL-side filtering and paging, so 100,000 cases stay
smooth), one case, and the working days left."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, extract, func, select
from sqlalchemy.orm import Session, selectinload

from app.cases.enums import ApplicantType, CaseStatus, Channel
from app.cases.models import RequestCase
from app.cases.outcomes import Outcome
from app.cases.recompute import case_deadline
from app.cases.search import like_pattern
from app.db.lookup import get_or_not_found, one_or_not_found
from app.errors import ValidationError
from app.settings import get_setting
from app.workdays.calendar import WorkCalendar
from app.workdays.service import load_calendar

PREVIEW_CHARS = 60
DUE_SOON_WORKDAYS = 3
OPEN_STATES: tuple[str, ...] = tuple(s.value for s in CaseStatus if s.is_open)


@dataclass(frozen=True)
class CaseRow:
    id: int
    case_no: str
    status: CaseStatus
    applicant_type: ApplicantType
    applicant_name: str
    channel: Channel
    received_on: date
    due_on: date | None
    due_unconfirmed: bool
    replied_on: date | None
    outcome: Outcome | None
    content_preview: str
    handler_id: int | None


@dataclass
class CaseFilter:
    year: int | None = None  # year of 收到申请日期
    status: CaseStatus | None = None
    channel: Channel | None = None
    applicant_type: ApplicantType | None = None
    due_soon: bool = False  # open, not yet replied, due within 3 working days (today included)
    overdue: bool = False  # open, not yet replied, due date passed
    mine_user_id: int | None = None
    text: str = ""
    today: date = field(default_factory=date.today)


_ROW_COLUMNS = (
    RequestCase.id,
    RequestCase.case_no,
    RequestCase.status,
    RequestCase.applicant_type,
    RequestCase.applicant_name,
    RequestCase.channel,
    RequestCase.received_on,
    RequestCase.due_on,
    RequestCase.due_unconfirmed,
    RequestCase.replied_on,
    RequestCase.outcome,
    func.substr(RequestCase.content, 1, PREVIEW_CHARS + 1).label("preview"),
    RequestCase.handler_id,
)

# Sort keys the case list offers; `id` is always appended so paging is stable.
_SORTS: dict[str, tuple[Any, ...]] = {
    # 锦府办依申〔2024〕10号 must come after 〔2024〕9号: year, then length, then text.
    "case_no": (extract("year", RequestCase.received_on), func.length(RequestCase.case_no), RequestCase.case_no),
    "status": (RequestCase.status,),
    "applicant_type": (RequestCase.applicant_type,),
    "applicant_name": (RequestCase.applicant_name,),
    "channel": (RequestCase.channel,),
    "received_on": (RequestCase.received_on,),
    "due_on": (RequestCase.due_on,),
    "replied_on": (RequestCase.replied_on,),
    "outcome": (RequestCase.outcome,),
    "handler_id": (RequestCase.handler_id,),
    "id": (),
}
SORT_KEYS: tuple[str, ...] = tuple(_SORTS)


def filter_conditions(f: CaseFilter, calendar: WorkCalendar | None) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = []
    if f.year is not None:
        conds.append(RequestCase.received_on.between(date(f.year, 1, 1), date(f.year, 12, 31)))
    if f.status is not None:
        conds.append(RequestCase.status == CaseStatus(f.status).value)
    if f.channel is not None:
        conds.append(RequestCase.channel == Channel(f.channel).value)
    if f.applicant_type is not None:
        conds.append(RequestCase.applicant_type == ApplicantType(f.applicant_type).value)
    if f.mine_user_id is not None:
        conds.append(RequestCase.handler_id == f.mine_user_id)
    if f.due_soon or f.overdue:
        # A reply sent before the deadline ends the race, even while delivery is pending.
        conds.append(RequestCase.status.in_(OPEN_STATES))
        conds.append(RequestCase.replied_on.is_(None))
        conds.append(RequestCase.due_on.is_not(None))
        ranges = []
        if f.overdue:
            ranges.append(RequestCase.due_on < f.today)
        if f.due_soon and calendar is not None:
            limit = calendar.add_workdays(f.today, DUE_SOON_WORKDAYS)
            ranges.append(and_(RequestCase.due_on >= f.today, RequestCase.due_on <= limit))
        # Both ticked means "needs attention": either condition.
        conds.append(ranges[0] if len(ranges) == 1 else ranges[0] | ranges[1])
    text = f.text.strip()
    if text:
        conds.append(RequestCase.search_text.like(like_pattern(text), escape="\\"))
    return conds


def _calendar_if_needed(session: Session, f: CaseFilter) -> WorkCalendar | None:
    return load_calendar(session) if f.due_soon else None


def _filtered(stmt: Select[Any], session: Session, f: CaseFilter) -> Select[Any]:
    conds = filter_conditions(f, _calendar_if_needed(session, f))
    return stmt.where(*conds) if conds else stmt


def count_cases(session: Session, f: CaseFilter) -> int:
    stmt = _filtered(select(func.count(RequestCase.id)), session, f)
    return int(session.scalar(stmt) or 0)


def list_cases(
    session: Session, f: CaseFilter, offset: int = 0, limit: int = 200,
    sort_key: str = "received_on", descending: bool = True,
) -> list[CaseRow]:
    """One page of the case list as plain rows (no live ORM objects reach the UI)."""
    if sort_key not in _SORTS:
        raise ValidationError(f"无法按“{sort_key}”排序。", field="sort_key")
    columns = [c.desc() if descending else c.asc() for c in _SORTS[sort_key]]
    # NULLs (no due date while waiting for a supplement, not yet replied) go last either way,
    # on SQLite and PostgreSQL alike.
    order = [c.nulls_last() for c in columns]
    tie = RequestCase.id.desc() if descending else RequestCase.id.asc()
    stmt = _filtered(select(*_ROW_COLUMNS), session, f).order_by(*order, tie)
    stmt = stmt.offset(max(0, offset)).limit(max(0, limit))
    return [_row(r) for r in session.execute(stmt)]


def _row(r: Any) -> CaseRow:
    return CaseRow(
        id=r.id, case_no=r.case_no, status=CaseStatus(r.status),
        applicant_type=ApplicantType(r.applicant_type), applicant_name=r.applicant_name,
        channel=Channel(r.channel), received_on=r.received_on, due_on=r.due_on,
        due_unconfirmed=bool(r.due_unconfirmed), replied_on=r.replied_on,
        outcome=Outcome(r.outcome) if r.outcome else None, content_preview=_preview(r.preview or ""),
        handler_id=r.handler_id,
    )


def _preview(text: str) -> str:
    flat = text.replace("\r", " ").replace("\n", " ")
    return flat if len(flat) <= PREVIEW_CHARS else flat[:PREVIEW_CHARS] + "…"


def get_case(session: Session, case_id: int, *, lock: bool = False) -> RequestCase:
    """One case; `lock` (for changes) takes the row lock on PostgreSQL and re-reads the row, so a
    second saver waits for the first and then sees its version instead of overwriting it."""
    return get_or_not_found(session, RequestCase, case_id, "该申请件不存在，可能已被删除。请刷新列表。",
                            options=[selectinload(RequestCase.consultations)], lock=lock)


def find_case_by_no(session: Session, case_no: str) -> RequestCase:
    return one_or_not_found(session, select(RequestCase).where(RequestCase.case_no == case_no.strip()),
                            f"找不到受理编号为“{case_no.strip()}”的申请件。")


def workdays_left(calendar: WorkCalendar, due_on: date, today: date) -> int:
    """Working days from today to the due date: 0 = due today; negative when overdue (a due date
    that passed over a weekend still counts as at least one day late)."""
    if due_on >= today:
        return calendar.workdays_between(today, due_on)
    return -max(1, calendar.workdays_between(due_on, today))


def deadline_explanation(session: Session, case: RequestCase, today: date) -> str:
    """The arithmetic behind the due date, for the 'how was this computed' view: start, pauses,
    extension, holidays and make-up days passed, and whether the calendar was confirmed."""
    calendar = load_calendar(session)
    result = case_deadline(case, calendar, today, bool(get_setting(session, "cases.fee_pauses_clock")))
    start_label = "补正材料收到日期" if case.correction_received_on else "收到申请日期"
    if result.due is None:
        return f"{start_label}：{_cn(result.start)}。正在等待申请人补正，答复期限自收到补正材料之日起重新计算。"
    if result.fixed:
        # 条例第三十五条: a date told to the applicant, not a count of working days.
        return (f"{start_label}：{_cn(result.start)}。依条例第三十五条确定延迟答复的合理期限："
                f"{_cn(result.due)}（要求申请人说明理由的时间不停止计算答复期限）。")
    total = 20 + result.paused_days + result.extension_days
    lines = [f"{start_label}：{_cn(result.start)}（当日不计入）", f"基本期限：20 个工作日，至 {_cn(result.base_due)}"]
    if result.pause_lines:
        lines.append(f"不计入期限的时间（共 {result.paused_days} 个工作日）：")
        lines += [f"  {line}" for line in result.pause_lines]
    if result.extension_days:
        lines.append(f"延期：{result.extension_days} 个工作日")
    described = calendar.describe(result.start, result.due, total)
    lines += described.explain().splitlines()[1:]
    return "\n".join(lines)


def _cn(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"
