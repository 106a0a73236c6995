"""Keeping a case's stored due date in step with its events and the calendar."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.cases.deadlines import CaseDeadline, DeadlineInput, Pause, compute
from app.cases.enums import CaseStatus, ConsultationKind
from app.cases.models import RequestCase
from app.cases.search import build_search_text
from app.settings import get_setting
from app.workdays.calendar import WorkCalendar


def deadline_input(case: RequestCase, fee_pauses_clock: bool) -> DeadlineInput:
    pauses = [
        Pause(c.sent_on, c.answered_on, f"{ConsultationKind(c.kind).label}（{c.party}）")
        for c in case.consultations
    ]
    if fee_pauses_clock and case.fee_notice_on is not None:
        pauses.append(Pause(case.fee_notice_on, case.fee_paid_on, "收费通知至缴费"))
    return DeadlineInput(
        received_on=case.received_on,
        correction_received_on=case.correction_received_on,
        awaiting_correction=case.status == CaseStatus.AWAITING_CORRECTION.value,
        pauses=tuple(pauses),
        extended=case.extension_notified_on is not None,
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


def recompute_open_cases(session: Session, calendar: WorkCalendar, today: date | None = None) -> int:
    """After a calendar change: every open case's due date again (registered as a recomputer)."""
    today = today or date.today()
    fee_pauses = bool(get_setting(session, "cases.fee_pauses_clock"))
    open_states = [s.value for s in CaseStatus if s.is_open]
    changed = 0
    query = (
        select(RequestCase)
        .where(RequestCase.status.in_(open_states))
        .options(selectinload(RequestCase.consultations))
        .execution_options(yield_per=2000)
    )
    for case in session.scalars(query):
        if refresh_due(case, calendar, today, fee_pauses):
            changed += 1
    session.flush()
    return changed
