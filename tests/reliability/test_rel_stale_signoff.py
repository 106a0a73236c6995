"""A signature binds what the signer saw (issue 19): two PCs, one reply.

Each test holds two sessions like two PCs: what PC2's dialog read (its content hash) and PC1's
change committed in between. Runs on SQLite and, with GOVINFO_TEST_PG_URL set, on PostgreSQL.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from app.audit.service import verify
from app.auth.roles import Role
from app.bootstrap import Database
from app.cases.models import RequestCase
from app.cases.outcomes import ReplyType
from app.cases.reply import (
    STEP_LEADER,
    approve_reply,
    record_justice_review,
    reply_signoff_content,
    reply_state_hash,
    save_reply_draft,
)
from app.context import Actor
from app.errors import StaleContent
from app.signoff.content import STALE_SIGNATURE, content_hash
from app.signoff.models import SignOff
from app.signoff.service import Decision
from tests.conftest import PEOPLE
from tests.reliability.rel_worker import TODAY, a_form
from tests.seen_hashes import seen_state

OLD, NEW = "答复正文：第一稿。", "答复正文：第二稿，改了结论。"


@pytest.fixture
def people(make_people) -> dict[str, Actor]:  # type: ignore[no-untyped-def]
    # Created in this order (clerk2 before the leader), as the ids have always been given.
    return make_people("clerk", clerk2=("clerk2", "周经办", (Role.DISCLOSURE_STAFF,)),  # type: ignore[no-any-return]
                       leader=PEOPLE["leader"])


def _reviewed_case(db: Database, clerk: Actor, body: str = OLD) -> int:
    from app.cases.intake import register_case

    with db.session_factory.begin() as s:
        case_id = register_case(s, clerk, a_form(1), TODAY).id
    with db.session_factory.begin() as s:
        save_reply_draft(s, clerk, case_id, ReplyType.DISCLOSABLE, None, body, today=TODAY)
    with db.session_factory.begin() as s:
        record_justice_review(s, clerk, case_id, date(2024, 3, 20), "无意见", today=TODAY,
                              seen_state=seen_state(s, case_id))
    return case_id


def _signoff_hash(db: Database, case_id: int) -> str:
    """What a sign-off dialog opened now shows, as its hash (PC2 opening 分管领导签批…)."""
    with db.session_factory() as s:
        return content_hash(reply_signoff_content(s.get(RequestCase, case_id)))  # type: ignore[arg-type]


def _state(db: Database, case_id: int) -> str:
    with db.session_factory() as s:
        return reply_state_hash(s, s.get(RequestCase, case_id))  # type: ignore[arg-type]


def test_approving_text_changed_since_the_dialog_opened_is_refused(db: Database, people) -> None:  # type: ignore[no-untyped-def]
    clerk, leader = people["clerk"], people["leader"]
    case_id = _reviewed_case(db, clerk)
    seen_by_pc2 = _signoff_hash(db, case_id)  # the leader's dialog shows the first draft
    # PC1 submits a new text and has it reviewed again while the dialog stays open.
    with db.session_factory.begin() as s:
        save_reply_draft(s, clerk, case_id, ReplyType.DISCLOSABLE, None, NEW, today=TODAY)
    with db.session_factory.begin() as s:
        record_justice_review(s, clerk, case_id, date(2024, 3, 21), "无意见", today=TODAY,
                              seen_state=seen_state(s, case_id))
    with pytest.raises(StaleContent) as err, db.session_factory.begin() as s:
        approve_reply(s, leader, case_id, STEP_LEADER, Decision.APPROVE, "同意", seen_hash=seen_by_pc2)
    assert str(err.value) == STALE_SIGNATURE == "内容已被修改，请重新查看后再签批。"
    with db.session_factory() as s:
        assert s.scalars(select(SignOff).where(SignOff.subject_id == case_id)).all() == []
    # The dialog re-reads, shows the second draft, and the leader signs that.
    fresh = _signoff_hash(db, case_id)
    assert fresh != seen_by_pc2
    with db.session_factory.begin() as s:
        approve_reply(s, leader, case_id, STEP_LEADER, Decision.APPROVE, "同意", seen_hash=fresh)
    with db.session_factory() as s:
        sign = s.scalars(select(SignOff).where(SignOff.subject_id == case_id)).one()
        assert sign.content_hash == fresh and sign.signer_name == "李分管"
        case = s.get(RequestCase, case_id)
        assert case is not None and reply_signoff_content(case)["答复内容"] == NEW
        assert verify(s).ok


def test_saving_a_draft_over_an_approval_made_since_the_form_opened_is_refused(db: Database, people) -> None:  # type: ignore[no-untyped-def]
    clerk, clerk2, leader = people["clerk"], people["clerk2"], people["leader"]
    case_id = _reviewed_case(db, clerk)
    form_state = _state(db, case_id)  # PC2's reply form loads: no approval yet, so nothing to void
    with db.session_factory.begin() as s:  # PC1: the leader approves what he was shown
        approve_reply(s, leader, case_id, STEP_LEADER, Decision.APPROVE, "同意", seen_hash=_signoff_hash(db, case_id))
    # PC2 saves its edit without being asked about the approval it never saw.
    with pytest.raises(StaleContent) as err, db.session_factory.begin() as s:
        save_reply_draft(s, clerk2, case_id, ReplyType.DISCLOSABLE, None, NEW, today=TODAY, seen_state=form_state)
    assert "内容已被修改，请重新查看后再保存" in str(err.value)
    with db.session_factory() as s:
        case = s.get(RequestCase, case_id)
        assert case is not None and case.reply_body == OLD and case.justice_opinion == "无意见"
        assert [x.decision for x in s.scalars(select(SignOff).where(SignOff.subject_id == case_id))] == ["approve"]
    # Reloaded, the form shows the approval; saving with consent voids it, on the record.
    with db.session_factory.begin() as s:
        save_reply_draft(s, clerk2, case_id, ReplyType.DISCLOSABLE, None, NEW, today=TODAY,
                         void_approvals=True, seen_state=_state(db, case_id))
    with db.session_factory() as s:
        case = s.get(RequestCase, case_id)
        assert case is not None and case.reply_body == NEW and case.justice_review_on is None


def test_a_justice_review_of_a_draft_replaced_since_is_refused(db: Database, people) -> None:  # type: ignore[no-untyped-def]
    clerk, clerk2 = people["clerk"], people["clerk2"]
    from app.cases.intake import register_case

    with db.session_factory.begin() as s:
        case_id = register_case(s, clerk, a_form(1), TODAY).id
    with db.session_factory.begin() as s:
        save_reply_draft(s, clerk, case_id, ReplyType.DISCLOSABLE, None, OLD, today=TODAY)
    seen = _state(db, case_id)  # PC2 shows the first draft beside the 司法局 form
    with db.session_factory.begin() as s:
        save_reply_draft(s, clerk, case_id, ReplyType.DISCLOSABLE, None, NEW, today=TODAY)
    with pytest.raises(StaleContent), db.session_factory.begin() as s:
        record_justice_review(s, clerk2, case_id, date(2024, 3, 20), "无意见", today=TODAY, seen_state=seen)
    with db.session_factory() as s:
        case = s.get(RequestCase, case_id)
        assert case is not None and case.justice_review_on is None
