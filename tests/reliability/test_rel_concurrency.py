"""Two people, one record: concurrent sign-offs, numbering, saves and audit appends.

Every test here runs on SQLite and, with GOVINFO_TEST_PG_URL set, on PostgreSQL (the `db`
fixture is parametrised). Threads use their own sessions and connections, so the database sees
real concurrent transactions; the process test uses separate operating-system processes.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.audit.models import AuditEntry
from app.audit.service import record, verify
from app.auth.roles import Role
from app.bootstrap import Database
from app.cases.intake import register_case, update_case
from app.cases.models import RequestCase
from app.cases.reply import STEP_LEADER, approve_reply, record_justice_review, save_reply_draft
from app.context import Actor
from app.errors import ConflictError
from app.review.enums import ReviewStage
from app.review.models import StageReview
from app.review.workflow import review
from app.signoff.models import SignOff
from app.signoff.service import Decision
from tests.conftest import PEOPLE
from tests.reliability._support import ALL_OK, post_at_second_review
from tests.reliability.rel_worker import TODAY, a_form
from tests.seen_hashes import seen_post, seen_reply, seen_state

WORKER = Path(__file__).with_name("rel_worker.py")


def _run_threads(db: Database, jobs: list[Callable[[Session], Any]]) -> list[Any]:
    """Run each job in its own thread and unit of work, all released at once; returns each
    job's result or the exception it raised."""
    barrier = threading.Barrier(len(jobs))
    results: list[Any] = [None] * len(jobs)

    def run(i: int) -> None:
        barrier.wait()
        try:
            with db.session_factory.begin() as s:
                results[i] = jobs[i](s)
        except Exception as exc:
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(jobs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results


def _overlapping(db: Database, first: Callable[[Session], Any], second: Callable[[Session], Any]) -> list[Any]:
    """`first` does its work but holds its transaction open while `second` runs, then commits:
    the exact interleaving two PCs produce when they click at the same moment."""
    done, go = threading.Event(), threading.Event()
    results: list[Any] = [None, None]

    def one() -> None:
        try:
            with db.session_factory.begin() as s:
                results[0] = first(s)
                done.set()
                go.wait(30)
        except Exception as exc:
            results[0] = exc
            done.set()

    def two() -> None:
        done.wait(30)
        try:
            with db.session_factory.begin() as s:
                results[1] = second(s)
        except Exception as exc:
            results[1] = exc

    threads = [threading.Thread(target=one), threading.Thread(target=two)]
    for t in threads:
        t.start()
    done.wait(30)
    time.sleep(0.3)  # let `second` reach the row or database lock `first` holds
    go.set()
    for t in threads:
        t.join(60)
    return results


@pytest.fixture
def people(make_people) -> dict[str, Actor]:  # type: ignore[no-untyped-def]
    return make_people("clerk", "editor",  # type: ignore[no-any-return]
                       head1=("head1", "赵敏", (Role.SECTION_HEAD,)), head2=PEOPLE["head2"],
                       leader1=("leader1", "李分管", (Role.LEADER_IN_CHARGE,)),
                       leader2=("leader2", "孙分管", (Role.LEADER_IN_CHARGE,)))


def _post_at_second_review(db: Database, people: dict[str, Actor]) -> int:
    return post_at_second_review(db, people["editor"])


def test_two_section_heads_approving_one_stage_give_one_signature(db: Database, people) -> None:  # type: ignore[no-untyped-def]
    post_id = _post_at_second_review(db, people)
    results = _overlapping(
        db,
        lambda s: review(s, people["head1"], post_id, ReviewStage.SECOND, Decision.APPROVE, "同意", ALL_OK,
                         seen_hash=seen_post(s, post_id)).id,
        lambda s: review(s, people["head2"], post_id, ReviewStage.SECOND, Decision.APPROVE, "同意", ALL_OK,
                         seen_hash=seen_post(s, post_id)).id,
    )
    assert isinstance(results[0], int)
    assert isinstance(results[1], ConflictError), results[1]
    with db.session_factory() as s:
        rows = s.scalars(select(StageReview).where(StageReview.post_id == post_id,
                                                   StageReview.stage == ReviewStage.SECOND.value)).all()
        assert [r.reviewer_name for r in rows] == ["赵敏"]
        assert verify(s).ok


def _case_awaiting_leader(db: Database, clerk: Actor) -> int:
    with db.session_factory.begin() as s:
        case = register_case(s, clerk, a_form(1), TODAY)
        case_id = case.id
    with db.session_factory.begin() as s:
        from app.cases.outcomes import ReplyType

        save_reply_draft(s, clerk, case_id, ReplyType.DISCLOSABLE, None, "答复正文……", today=TODAY)
    with db.session_factory.begin() as s:
        record_justice_review(s, clerk, case_id, date(2024, 3, 20), "无意见", today=TODAY,
                              seen_state=seen_state(s, case_id))
    return case_id


def test_two_leaders_signing_the_same_reply_step_give_one_signoff(db: Database, people) -> None:  # type: ignore[no-untyped-def]
    case_id = _case_awaiting_leader(db, people["clerk"])
    results = _run_threads(db, [
        lambda s: approve_reply(s, people["leader1"], case_id, STEP_LEADER, Decision.APPROVE, "同意",
                                seen_hash=seen_reply(s, case_id)).id,
        lambda s: approve_reply(s, people["leader2"], case_id, STEP_LEADER, Decision.APPROVE, "同意",
                                seen_hash=seen_reply(s, case_id)).id,
    ])
    assert sorted(type(r).__name__ for r in results) == ["ConflictError", "int"], results
    with db.session_factory() as s:
        count = s.scalar(select(func.count()).select_from(SignOff).where(
            SignOff.subject_id == case_id, SignOff.step == STEP_LEADER))
        assert count == 1
        assert verify(s).ok


def test_concurrent_registrations_get_unique_gap_free_numbers(db: Database, people) -> None:  # type: ignore[no-untyped-def]
    # Eight clerks at once on a fresh database: the year's counter row does not exist yet.
    per_thread, threads = 4, 8

    def job(t: int) -> Callable[[Session], list[str]]:
        def run(_: Session) -> list[str]:
            numbers = []
            for i in range(per_thread):
                with db.session_factory.begin() as s:
                    numbers.append(register_case(s, people["clerk"], a_form(t * 100 + i), TODAY).case_no)
            return numbers
        return run

    results = _run_threads(db, [job(t) for t in range(threads)])
    errors = [r for r in results if isinstance(r, Exception)]
    assert errors == []
    drawn = [n for r in results for n in r]
    expected = {f"锦府办依申〔2024〕{n}号" for n in range(1, per_thread * threads + 1)}
    assert len(drawn) == len(set(drawn)) and set(drawn) == expected
    with db.session_factory() as s:
        assert verify(s).ok


def test_registrations_from_several_processes_are_unique_and_gap_free(db: Database, data_dir: Path) -> None:
    url = db.url
    db.dispose()
    procs = [subprocess.Popen([sys.executable, str(WORKER), "register", str(data_dir), url, "5"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(3)]
    drawn: list[str] = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        drawn += next(line for line in out.splitlines() if line.startswith("NUMBERS")).split()[1:]
    assert sorted(drawn) == sorted(f"锦府办依申〔2024〕{n}号" for n in range(1, 16))


def test_saving_over_a_newer_version_is_refused_with_the_differences(db: Database, people) -> None:  # type: ignore[no-untyped-def]
    clerk = people["clerk"]
    with db.session_factory.begin() as s:
        case_id = register_case(s, clerk, a_form(1), TODAY).id
    # Two PCs open the same case...
    with db.session_factory() as s:
        seen = s.get(RequestCase, case_id).version  # type: ignore[union-attr]
    # ...the first saves a new phone number, the second a new address from the stale form.
    with db.session_factory.begin() as s:
        update_case(s, clerk, case_id, a_form(1, phone="13900001111"), seen, today=TODAY)
    with pytest.raises(ConflictError) as err, db.session_factory.begin() as s:
        update_case(s, clerk, case_id, a_form(1, address="锦屏县新地址 8 号"), seen, today=TODAY)
    assert err.value.changes["phone"] == ("13900001111", "13812345678")
    assert "已被其他人修改" in str(err.value)
    with db.session_factory() as s:
        case = s.get(RequestCase, case_id)
        assert case is not None and case.phone == "13900001111" and case.address == "锦屏县三江镇 1 号"


def test_simultaneous_saves_of_one_case_never_lose_an_update(db: Database, people) -> None:  # type: ignore[no-untyped-def]
    clerk = people["clerk"]
    with db.session_factory.begin() as s:
        case_id = register_case(s, clerk, a_form(1), TODAY).id
        seen = s.get(RequestCase, case_id).version  # type: ignore[union-attr]
    results = _overlapping(
        db,
        lambda s: update_case(s, clerk, case_id, a_form(1, phone="13900001111"), seen, today=TODAY).version,
        lambda s: update_case(s, clerk, case_id, a_form(1, address="新地址"), seen, today=TODAY).version,
    )
    assert results[0] == seen + 1
    assert isinstance(results[1], ConflictError), results[1]
    assert results[1].changes.get("phone") == ("13900001111", "13812345678")
    with db.session_factory() as s:
        case = s.get(RequestCase, case_id)
        assert case is not None and case.version == seen + 1 and case.address == "锦屏县三江镇 1 号"


def test_audit_chain_verifies_after_concurrent_appends(db: Database) -> None:
    def job(t: int) -> Callable[[Session], None]:
        def run(_: Session) -> None:
            for i in range(10):
                with db.session_factory.begin() as s:
                    record(s, Actor.system(), "update", "marker", f"{t}-{i}")
        return run

    results = _run_threads(db, [job(t) for t in range(6)])
    assert [r for r in results if isinstance(r, Exception)] == []
    with db.session_factory() as s:
        result = verify(s)
        assert result.ok, result.message
        markers = s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.record_type == "marker"))
        assert markers == 60
