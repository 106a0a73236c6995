"""bench/make_data.py makes a consistent, reproducible database (not a timed test)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.annual.service import compute
from app.auth.service import authenticate
from app.bootstrap import open_database
from app.cases.enums import CaseStatus
from app.cases.models import Consultation, RequestCase
from app.cases.recompute import recompute_open_cases, refresh_search_text
from app.workdays.service import load_calendar
from bench.make_data import PASSWORD, Summary, make_data

CASES = 1_200
TODAY = date(2025, 6, 30)


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Summary]:
    folder = tmp_path_factory.mktemp("bench-data")
    return folder, make_data(folder, CASES, seed=7, today=TODAY)


@contextmanager
def _reading(folder: Path) -> Iterator[Session]:
    """A session on the database in `folder`; the engine is disposed afterwards."""
    db = open_database(folder)
    try:
        with db.session_factory() as s:
            yield s
    finally:
        db.dispose()


def _fingerprint(folder: Path) -> list[tuple[object, ...]]:
    with _reading(folder) as s:
        columns = (RequestCase.case_no, RequestCase.status, RequestCase.received_on, RequestCase.due_on,
                   RequestCase.replied_on, RequestCase.outcome, RequestCase.applicant_name)
        return [tuple(r) for r in s.execute(select(*columns).order_by(RequestCase.id))]


def test_counts_and_statuses(made: tuple[Path, Summary]) -> None:
    folder, summary = made
    assert summary.cases == CASES
    with _reading(folder) as s:
        assert s.scalar(select(func.count()).select_from(RequestCase)) == CASES
        assert s.scalar(select(func.count()).select_from(Consultation)) == summary.consultations > 0
        by_status = dict(s.execute(select(RequestCase.status, func.count()).group_by(RequestCase.status)).all())
        assert by_status == summary.by_status
        # Mostly finished work, some of it archived, and the cases of the last weeks still open.
        assert by_status[CaseStatus.CLOSED.value] + by_status[CaseStatus.ARCHIVED.value] > CASES * 0.9
        assert 0 < summary.open_cases < CASES * 0.1
        numbers = list(s.scalars(select(RequestCase.case_no)))
        assert len(set(numbers)) == CASES
        first, last = s.execute(select(func.min(RequestCase.received_on), func.max(RequestCase.received_on))).one()
        assert summary.first_day <= first and last <= TODAY and (last - first).days > 2 * 365
        # Every closed case was replied to, never before it was received; open ones are undelivered.
        bad = s.scalar(select(func.count()).select_from(RequestCase).where(
            RequestCase.status.in_([CaseStatus.CLOSED.value, CaseStatus.ARCHIVED.value]),
            (RequestCase.replied_on.is_(None)) | (RequestCase.replied_on < RequestCase.received_on)))
        assert bad == 0
        assert s.scalar(select(func.count()).select_from(RequestCase).where(
            RequestCase.status.not_in([CaseStatus.CLOSED.value, CaseStatus.ARCHIVED.value]),
            RequestCase.delivered_on.is_not(None))) == 0


def test_annual_report_checks_pass_every_year(made: tuple[Path, Summary]) -> None:
    folder, summary = made
    with _reading(folder) as s:
        previous_carried_out: list[int] | None = None
        for year in range(summary.first_day.year, TODAY.year + 1):
            report = compute(s, year)
            assert report.checks_ok, [c.message for c in report.checks if not c.ok]
            assert report.part3["total"][-1] > 0
            if previous_carried_out is not None:
                assert report.part3["carried_in"] == previous_carried_out
            previous_carried_out = report.part3["carried_out"]


def test_stored_fields_follow_the_programs_rules(made: tuple[Path, Summary]) -> None:
    folder, _ = made
    with _reading(folder) as s:  # closed without commit: the checks below change nothing stored
        # Due dates are what a recompute gives, so a calendar-change benchmark starts from truth.
        assert recompute_open_cases(s, load_calendar(s), TODAY) == 0
        for case in s.scalars(select(RequestCase).limit(50)):
            stored = case.search_text
            refresh_search_text(case)
            assert case.search_text == stored
        assert authenticate(s, "admin", PASSWORD).ok


def test_same_seed_same_database(made: tuple[Path, Summary], tmp_path: Path) -> None:
    folder, _ = made
    make_data(tmp_path / "again", CASES, seed=7, today=TODAY)
    assert _fingerprint(tmp_path / "again") == _fingerprint(folder)


def test_refuses_a_folder_with_cases(made: tuple[Path, Summary]) -> None:
    folder, _ = made
    with pytest.raises(SystemExit):
        make_data(folder, 10, today=TODAY)
