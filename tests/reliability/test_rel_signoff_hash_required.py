"""No sign-off without the hash of what the signer saw (issue 19): the command line, the demo data
and every other caller pass it; a call without one, or with an empty one, is refused.

Runs on SQLite and, with GOVINFO_TEST_PG_URL set, PostgreSQL.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from app.annual import service as annual
from app.bootstrap import Database
from app.cases import handling, reply
from app.cases.handling import extend_deadline, start_handling
from app.cases.intake import register_case
from app.cases.outcomes import ReplyType
from app.cases.reply import approve_reply, record_justice_review, save_reply_draft
from app.cli import main
from app.context import Actor
from app.disclosure import service as disclosure
from app.disclosure.service import ItemForm, create_item, secrecy_review
from app.errors import StaleContent
from app.review import workflow
from app.review.models import StageReview
from app.signoff.models import SignOff
from app.signoff.service import Decision
from app.website import service as website
from app.workdays.calendar import WorkCalendar
from tests.reliability.rel_worker import TODAY, a_form
from tests.seen_hashes import seen_extension, seen_item, seen_reply, seen_state

SIGN_OFFS: list[tuple[Callable[..., Any], str]] = [
    (reply.approve_reply, "seen_hash"),
    (reply.record_justice_review, "seen_state"),
    (handling.extend_deadline, "seen_hash"),
    (disclosure.secrecy_review, "seen_hash"),
    (workflow.review, "seen_hash"),
    (annual.lock_year, "seen_hash"),
    (website.lock_year, "seen_hash"),
]


@pytest.mark.parametrize(("service", "name"), SIGN_OFFS, ids=lambda v: getattr(v, "__qualname__", v))
def test_every_sign_off_service_requires_the_hash_by_keyword(service: Callable[..., Any], name: str) -> None:
    # Required and keyword-only: mypy then refuses any caller that leaves it out (mypy --strict runs in CI).
    parameter = inspect.signature(service).parameters[name]
    assert parameter.kind is inspect.Parameter.KEYWORD_ONLY
    assert parameter.default is inspect.Parameter.empty
    assert parameter.annotation in ("str", str)


@pytest.fixture
def people(make_people) -> dict[str, Actor]:  # type: ignore[no-untyped-def]
    return make_people("clerk", "head", "leader")  # type: ignore[no-any-return]


def _signoffs(db: Database) -> int:
    with db.session_factory() as s:
        return int(s.scalar(select(func.count()).select_from(SignOff)) or 0)


def test_a_reply_signed_without_the_hash_it_saw_is_refused(db: Database, people: dict[str, Actor]) -> None:
    clerk, leader = people["clerk"], people["leader"]
    with db.session_factory.begin() as s:
        case_id = register_case(s, clerk, a_form(1), TODAY).id
    with db.session_factory.begin() as s:
        save_reply_draft(s, clerk, case_id, ReplyType.DISCLOSABLE, None, "答复正文。", today=TODAY)
    with pytest.raises(StaleContent, match="请重新查看后再登记"), db.session_factory.begin() as s:
        record_justice_review(s, clerk, case_id, date(2024, 6, 20), "无意见", today=TODAY, seen_state="")
    with db.session_factory.begin() as s:
        record_justice_review(s, clerk, case_id, date(2024, 6, 20), "无意见", today=TODAY,
                              seen_state=seen_state(s, case_id))
    with pytest.raises(StaleContent, match="内容已被修改，请重新查看后再签批"), db.session_factory.begin() as s:
        approve_reply(s, leader, case_id, reply.STEP_LEADER, Decision.APPROVE, "同意", seen_hash="")
    assert _signoffs(db) == 0
    with db.session_factory.begin() as s:
        approve_reply(s, leader, case_id, reply.STEP_LEADER, Decision.APPROVE, "同意",
                      seen_hash=seen_reply(s, case_id))
    assert _signoffs(db) == 1


def test_an_extension_and_a_secrecy_review_without_the_hash_are_refused(
    db: Database, people: dict[str, Actor]
) -> None:
    clerk, head, leader = people["clerk"], people["head"], people["leader"]
    reason = "需调阅档案，无法按期答复"
    with db.session_factory.begin() as s:
        case_id = register_case(s, clerk, a_form(1), TODAY).id
        start_handling(s, clerk, case_id, today=TODAY)
    with pytest.raises(StaleContent), db.session_factory.begin() as s:
        extend_deadline(s, clerk, case_id, date(2024, 3, 25), reason, leader, "同意", today=TODAY, seen_hash="")
    form = ItemForm(title="锦屏县人民政府关于印发某某办法的通知", category=2, section="文书科",
                    formed_on=date(2024, 6, 20))
    with db.session_factory.begin() as s:
        item_id = create_item(s, clerk, form, WorkCalendar(), TODAY).id
    with pytest.raises(StaleContent), db.session_factory.begin() as s:
        secrecy_review(s, head, item_id, "经审查，不涉密", TODAY, seen_hash="")
    assert _signoffs(db) == 0
    with db.session_factory.begin() as s:
        extend_deadline(s, clerk, case_id, date(2024, 3, 25), reason, leader, "同意", today=TODAY,
                        seen_hash=seen_extension(s, case_id, reason))
        secrecy_review(s, head, item_id, "经审查，不涉密", TODAY, seen_hash=seen_item(s, item_id))
    assert _signoffs(db) == 2


def test_the_demo_command_signs_what_it_read(db: Database, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The command line's one signing path: `demo` approves replies, reviews posts and items, extends
    # deadlines, each with the hash it read just before (a missing one would stop it with an error).
    assert main(["--data-dir", str(data_dir), "demo", "--today", "2024-12-20"]) == 0
    assert capsys.readouterr().out.strip()
    with db.session_factory() as s:
        signs = s.scalars(select(SignOff)).all()
        reviews = s.scalars(select(StageReview)).all()
    steps = {sign.step for sign in signs}
    assert {"leader_in_charge", "principal_leader", "extension", "secrecy"} <= steps
    assert {"first", "second", "third"} <= {r.stage for r in reviews}
    assert all(len(x.content_hash) == 64 for x in [*signs, *reviews])
