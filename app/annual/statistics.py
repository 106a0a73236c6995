"""Monthly, quarterly and yearly figures of the request cases, as a section head asks for them.

Definitions (shown to the user in the tab and the Excel file, so they are stated once here):
- 收到申请: 收到申请日期 within the period;
- 办结: 答复日期 within the period (whatever the outcome);
- 逾期: open past its due date at the end of the period (or today, for a period not over yet),
  or answered within the period after its due date;
- 平均答复用时: working days from the start of the clock (补正材料收到日期, else 收到申请日期) to
  答复日期, minus the working days the clock was paused (consultations, and the fee period when
  the office's setting pauses it), averaged over the cases answered in the period.

Counts are grouped SQL; the average needs each case's pauses and the working-day calendar, so it is
computed in Python over the answered cases of the period (fine for tens of thousands).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, and_, extract, false, func, or_, select
from sqlalchemy.orm import Session, load_only, selectinload

from app.annual.statistics_data import QUARTER_NAMES as QUARTER_NAMES
from app.annual.statistics_data import Figures as Figures
from app.annual.statistics_data import GroupFigures as GroupFigures
from app.annual.statistics_data import MonthCount as MonthCount
from app.annual.statistics_data import Period as Period
from app.annual.statistics_data import PeriodStatistics as PeriodStatistics
from app.annual.statistics_data import period_bounds as period_bounds
from app.cases.deadlines import paused_workdays
from app.cases.enums import ApplicantType, CaseStatus, Channel
from app.cases.models import Consultation, RequestCase
from app.cases.outcomes import Outcome
from app.cases.recompute import deadline_input
from app.settings import get_setting
from app.workdays.calendar import WorkCalendar
from app.workdays.service import load_calendar
from app.years import year_bounds

MEASURES = ("received", "closed", "overdue")
_OPEN_STATES = tuple(s.value for s in CaseStatus if s.is_open)
_CHUNK = 500  # ids per IN (…): well under SQLite's bound-parameter limit


@dataclass(frozen=True)
class RecordRow:
    """One case behind a figure, as the drill-down list shows it."""

    id: int
    case_no: str
    applicant_name: str
    received_on: date
    replied_on: date | None
    outcome_text: str


def _as_of(period: Period, today: date) -> date:
    return min(period.bounds[1], today)


def measure_condition(period: Period, measure: str, today: date) -> ColumnElement[bool]:
    """The SQL condition selecting the cases counted under one measure (shared with drill-down)."""
    first, last = period.bounds
    C = RequestCase
    replied_in = and_(C.replied_on >= first, C.replied_on <= last)
    if measure == "received":
        return and_(C.received_on >= first, C.received_on <= last)
    if measure == "closed":
        return replied_in
    if measure != "overdue":
        raise KeyError(measure)
    late_reply = and_(replied_in, C.due_on.is_not(None), C.replied_on > C.due_on)
    as_of = _as_of(period, today)
    if as_of < first:  # a period that has not begun: nothing can be open past due in it yet
        return late_reply
    # "Open at as_of" uses the reply date, not today's status, so a past period stays as it was;
    # a case closed without a reply date (withdrawn) is not open.
    open_then = or_(and_(C.replied_on.is_(None), C.status.in_(_OPEN_STATES)), C.replied_on > as_of)
    open_late = and_(C.received_on <= as_of, open_then, C.due_on.is_not(None), C.due_on < as_of)
    return or_(late_reply, open_late)


def _group_condition(channel: str | None, applicant_type: str | None) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = []
    if channel is not None:
        conds.append(RequestCase.channel == channel)
    if applicant_type is not None:
        conds.append(RequestCase.applicant_type == applicant_type)
    return conds


def _grouped(session: Session, condition: ColumnElement[bool]) -> dict[tuple[str, str], int]:
    query = (select(RequestCase.channel, RequestCase.applicant_type, func.count())
             .where(condition).group_by(RequestCase.channel, RequestCase.applicant_type))
    return {(ch, ty): int(n) for ch, ty, n in session.execute(query)}


def reply_workdays(calendar: WorkCalendar, case: RequestCase, fee_pauses_clock: bool) -> int:
    """Working days the office took to answer one case, paused days excluded (0 if unanswered)."""
    if case.replied_on is None:
        return 0
    data = deadline_input(case, fee_pauses_clock)
    start, end = data.correction_received_on or data.received_on, case.replied_on
    elapsed = calendar.workdays_between(start, end)
    # A consultation still open at the reply pauses up to the reply; days outside the clock do not count.
    paused = {d for d in paused_workdays(calendar, data.pauses, end) if start < d <= end}
    return max(0, elapsed - len(paused))


def _workdays_by_group(session: Session, period: Period, today: date) -> dict[tuple[str, str], int]:
    calendar = load_calendar(session)
    fee_pauses = bool(get_setting(session, "cases.fee_pauses_clock"))
    C, K = RequestCase, Consultation
    # Only what deadline_input reads: the long texts (content, reply) stay in the database.
    query = (select(C).where(measure_condition(period, "closed", today))
             .options(load_only(C.channel, C.applicant_type, C.status, C.received_on, C.correction_received_on,
                                C.replied_on, C.fee_notice_on, C.fee_paid_on, C.fee_notice_received_on,
                                C.extension_notified_on, C.excessive_due_on),
                      selectinload(C.consultations).load_only(K.kind, K.party, K.sent_on, K.answered_on,
                                                              K.delivered_on))
             .execution_options(yield_per=1000))
    sums: dict[tuple[str, str], int] = defaultdict(int)
    for case in session.scalars(query):
        sums[(case.channel, case.applicant_type)] += reply_workdays(calendar, case, fee_pauses)
    return sums


def _monthly(session: Session, year: int) -> tuple[MonthCount, ...]:
    first, last = year_bounds(year)
    C = RequestCase
    received = dict(session.execute(
        select(extract("month", C.received_on), func.count())
        .where(C.received_on >= first, C.received_on <= last).group_by(extract("month", C.received_on))).all())
    closed = dict(session.execute(
        select(extract("month", C.replied_on), func.count())
        .where(C.replied_on >= first, C.replied_on <= last).group_by(extract("month", C.replied_on))).all())
    return tuple(MonthCount(m, int(received.get(m, 0)), int(closed.get(m, 0))) for m in range(1, 13))


def compute_statistics(session: Session, year: int, month: int | None = None, quarter: int | None = None,
                       today: date | None = None) -> PeriodStatistics:
    period = Period(year, month, quarter)
    period.bounds  # noqa: B018 - validates the period before any query runs
    today = today or date.today()
    counts = {m: _grouped(session, measure_condition(period, m, today)) for m in MEASURES}
    workdays = _workdays_by_group(session, period, today)
    cells: dict[tuple[str, str], Figures] = defaultdict(Figures)
    for key in set(counts["received"]) | set(counts["closed"]) | set(counts["overdue"]):
        cells[key] = Figures(counts["received"].get(key, 0), counts["closed"].get(key, 0),
                             counts["overdue"].get(key, 0), workdays.get(key, 0))

    def summed(match: Iterable[tuple[str, str]]) -> Figures:
        total = Figures()
        for key in match:
            total = total + cells[key]
        return total

    keys = list(cells)
    by_channel = tuple(GroupFigures(ch.value, ch.label, summed(k for k in keys if k[0] == ch.value))
                       for ch in Channel)
    by_applicant = tuple(GroupFigures(t.value, t.label, summed(k for k in keys if k[1] == t.value))
                         for t in ApplicantType)
    return PeriodStatistics(
        period=period, org_name=str(get_setting(session, "org.name")), as_of=_as_of(period, today),
        total=summed(keys), by_channel=by_channel, by_applicant=by_applicant, monthly=_monthly(session, year),
    )


def statistics_cases(session: Session, period: Period, measure: str, today: date, *, channel: str | None = None,
                     applicant_type: str | None = None, limit: int = 5000) -> list[int]:
    """The ids of the cases behind one figure of the statistics table."""
    conds = [measure_condition(period, measure, today), *_group_condition(channel, applicant_type)]
    query = select(RequestCase.id).where(*conds).order_by(RequestCase.received_on, RequestCase.id).limit(limit)
    return list(session.scalars(query))


def _outcome_text(outcome: str, detail: int | None, replied: bool) -> str:
    if not outcome:
        return "（未填写办理结果）" if replied else "办理中"
    try:
        result = Outcome(outcome)
    except ValueError:
        return f"（无法识别：{outcome}）"
    if not result.details:
        return result.label
    if detail is None or not 0 <= detail < len(result.details):
        return f"{result.label}（未填写具体情形）"
    return f"{result.label}：{result.details[detail]}"


def record_rows(session: Session, ids: Sequence[int]) -> list[RecordRow]:
    """The drill-down rows of the given cases, by 收到申请日期 (plain data, no ORM objects)."""
    C = RequestCase
    rows: list[RecordRow] = []
    for start in range(0, len(ids), _CHUNK):
        chunk = list(ids[start:start + _CHUNK])
        query = select(C.id, C.case_no, C.applicant_name, C.received_on, C.replied_on, C.outcome,
                       C.outcome_detail).where(C.id.in_(chunk) if chunk else false())
        rows += [RecordRow(r.id, r.case_no, r.applicant_name, r.received_on, r.replied_on,
                           _outcome_text(r.outcome or "", r.outcome_detail, r.replied_on is not None))
                 for r in session.execute(query)]
    return sorted(rows, key=lambda r: (r.received_on, r.id))
