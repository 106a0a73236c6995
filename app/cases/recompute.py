"""Keeping a case's stored due date in step with its events and the calendar."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any, cast

from sqlalchemy import Table, bindparam, inspect, select, update
from sqlalchemy.orm import Session

from app.cases.deadlines import CaseDeadline, DeadlineInput, Pause, compute
from app.cases.enums import CaseStatus, ConsultationKind
from app.cases.models import Consultation, RequestCase
from app.cases.search import build_search_text
from app.settings import get_setting
from app.workdays.calendar import WorkCalendar

FEE_PAYMENT_DAYS = 20  # 国办函〔2020〕109号: pay within 20 working days of receiving the notice


def period_start(kind: str, sent_on: date, delivered_on: date | None) -> tuple[date, bool]:
    """Where the consulted party's period starts, and whether that is only the sending day because
    the delivery date is not recorded yet. A county department's 5 days run from sending (an
    internal letter has no separate delivery)."""
    if ConsultationKind(kind) is ConsultationKind.DEPARTMENT:
        return sent_on, False
    return (delivered_on, False) if delivered_on is not None else (sent_on, True)


def party_due(calendar: WorkCalendar, kind: str, sent_on: date, delivered_on: date | None) -> date:
    """The last day of the consulted party's period (RULES.md C.7)."""
    start, _ = period_start(kind, sent_on, delivered_on)
    return calendar.add_workdays(start, ConsultationKind(kind).answer_days)


def consultation_pause(
    kind: str, party: str, sent_on: date, answered_on: date | None, delivered_on: date | None = None
) -> Pause:
    start, from_sending = period_start(kind, sent_on, delivered_on)
    return Pause(sent_on, answered_on, f"{ConsultationKind(kind).label}（{party}）", limit_from=start,
                 limit_days=ConsultationKind(kind).answer_days, limit_from_is_sending=from_sending)


def fee_pause(notice_on: date, paid_on: date | None, received_on: date | None) -> Pause:
    return Pause(notice_on, paid_on, "收费通知至缴费", limit_from=received_on or notice_on,
                 limit_days=FEE_PAYMENT_DAYS, limit_from_is_sending=received_on is None, kind="fee")


def deadline_input(case: RequestCase, fee_pauses_clock: bool) -> DeadlineInput:
    pauses = [consultation_pause(c.kind, c.party, c.sent_on, c.answered_on, c.delivered_on)
              for c in case.consultations]
    return _input(case, pauses, fee_pauses_clock)


def _input(case: Any, pauses: list[Pause], fee_pauses_clock: bool) -> DeadlineInput:
    """`case`: a RequestCase or a result row with the same column names."""
    if fee_pauses_clock and case.fee_notice_on is not None:
        pauses = [*pauses, fee_pause(case.fee_notice_on, case.fee_paid_on, case.fee_notice_received_on)]
    return DeadlineInput(
        received_on=case.received_on,
        correction_received_on=case.correction_received_on,
        awaiting_correction=case.status == CaseStatus.AWAITING_CORRECTION.value,
        pauses=tuple(pauses),
        extended=case.extension_notified_on is not None,
        fixed_due=case.excessive_due_on,
    )


def case_deadline(case: RequestCase, calendar: WorkCalendar, today: date, fee_pauses_clock: bool) -> CaseDeadline:
    return compute(calendar, deadline_input(case, fee_pauses_clock), today)


def refresh_due(case: RequestCase, calendar: WorkCalendar, today: date, fee_pauses_clock: bool) -> bool:
    """Store the case's current due date; returns True when it changed."""
    result = case_deadline(case, calendar, today, fee_pauses_clock)
    changed = (case.due_on, case.due_unconfirmed) != (result.due, not result.confirmed)
    if changed:
        case.due_on = result.due
        case.due_unconfirmed = not result.confirmed
    return changed


def refresh_search_text(case: RequestCase) -> None:
    case.search_text = build_search_text(
        case.case_no, case.applicant_name, case.id_number, case.contact_person, case.content, case.info_reference
    )


def _has_column(session: Session, name: str) -> bool:
    """Migration 0008 recomputes with this code before later migrations added their columns (0020:
    excessive_due_on), so a column added later is read only where it exists."""
    return any(c["name"] == name for c in inspect(session.connection()).get_columns(RequestCase.__tablename__))


class _Row:
    """A result row read like a RequestCase; excessive_due_on is None on a schema without it."""

    def __init__(self, row: Any, fixed: bool) -> None:
        self._row = row
        self.excessive_due_on = row.excessive_due_on if fixed else None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._row, name)


def recompute_open_cases(session: Session, calendar: WorkCalendar, today: date | None = None) -> int:
    """After a calendar change: every open case's due date again (registered as a recomputer).

    Reads plain column rows and writes only the due dates that changed: loading 100,000 open cases
    as ORM objects took 6 s of a 2 s budget (issue 8). The arithmetic is the same `_input`/`compute`
    as for a single case, and the version is bumped as the ORM would (optimistic locking). Pending
    changes are flushed first, and RequestCase objects already in the session are expired where
    their row changed, so none of them keeps a stale due date or version.
    """
    today = today or date.today()
    fee_pauses = bool(get_setting(session, "cases.fee_pauses_clock"))
    open_states = [s.value for s in CaseStatus if s.is_open]
    session.flush()
    C, K = RequestCase, Consultation
    pauses: dict[int, list[Pause]] = defaultdict(list)
    consulted = (
        select(K.case_id, K.kind, K.party, K.sent_on, K.answered_on, K.delivered_on)
        .join(C, C.id == K.case_id).where(C.status.in_(open_states)).order_by(K.case_id, K.id)
    )
    for case_id, kind, party, sent_on, answered_on, delivered_on in session.execute(consulted):
        pauses[case_id].append(consultation_pause(kind, party, sent_on, answered_on, delivered_on))
    columns = [
        C.id, C.status, C.received_on, C.correction_received_on, C.extension_notified_on, C.fee_notice_on,
        C.fee_paid_on, C.fee_notice_received_on, C.due_on, C.due_unconfirmed,
    ]
    fixed = _has_column(session, "excessive_due_on")
    if fixed:
        columns.append(C.excessive_due_on)
    changes: list[dict[str, Any]] = []
    for row in session.execute(select(*columns).where(C.status.in_(open_states))):
        data = _input(_Row(row, fixed), pauses.get(row.id, []), fee_pauses)
        result = compute(calendar, data, today)
        if (row.due_on, bool(row.due_unconfirmed)) != (result.due, not result.confirmed):
            changes.append({"case_id": row.id, "new_due": result.due, "new_unconfirmed": not result.confirmed})
    if not changes:
        return 0
    table = cast(Table, C.__table__)
    session.execute(
        update(table).where(table.c.id == bindparam("case_id")).values(
            due_on=bindparam("new_due"), due_unconfirmed=bindparam("new_unconfirmed"), version=table.c.version + 1
        ),
        changes,
    )
    changed = {c["case_id"] for c in changes}
    for obj in list(session.identity_map.values()):
        if isinstance(obj, RequestCase) and obj.id in changed:
            session.expire(obj, ["due_on", "due_unconfirmed", "version", "updated_at"])
    return len(changes)
