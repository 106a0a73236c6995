"""A signature binds what the signer saw (issue 19): 三审 stages, 保密审查 and 延期 approval.

Two sessions like two PCs: the hash the dialog showed, then another PC's change, then the stale
signature refused and nothing recorded. Runs on SQLite and, with GOVINFO_TEST_PG_URL set, PostgreSQL.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from app.bootstrap import Database
from app.cases.handling import extend_deadline, extension_signoff_content, start_handling
from app.cases.intake import register_case, update_case
from app.cases.models import RequestCase
from app.context import Actor
from app.disclosure.models import DisclosureItem
from app.disclosure.service import ItemForm, create_item, secrecy_content, secrecy_review, update_item
from app.errors import StaleContent
from app.review.enums import ReviewStage
from app.review.models import Post, StageReview
from app.review.posts import form_of, update_post
from app.review.workflow import post_signoff_content, review
from app.signoff.content import content_hash
from app.signoff.models import SignOff
from app.signoff.service import Decision
from app.workdays.calendar import WorkCalendar
from tests.reliability._support import ALL_OK, post_at_second_review
from tests.reliability.rel_worker import TODAY, a_form


@pytest.fixture
def people(make_people) -> dict[str, Actor]:  # type: ignore[no-untyped-def]
    # The leader is the 延期 approver by default.
    return make_people("clerk", "editor", "head", "head2", "leader")  # type: ignore[no-any-return]


def test_second_review_of_a_post_edited_since_the_dialog_opened_is_refused(db: Database, people) -> None:  # type: ignore[no-untyped-def]
    editor, head = people["editor"], people["head"]
    post_id = post_at_second_review(db, editor, body="第一稿正文")

    def shown() -> str:
        with db.session_factory() as s:
            return content_hash(post_signoff_content(s.get(Post, post_id)))  # type: ignore[arg-type]

    seen = shown()  # the 二审 dialog shows the first text
    with db.session_factory.begin() as s:  # another section head corrects the text during 二审 (a new version)
        post = s.get(Post, post_id)
        assert post is not None
        changed = form_of(post)
        changed.body = "第二稿正文：改了一个数字"
        update_post(s, people["head2"], post_id, changed, post.version)
    with pytest.raises(StaleContent, match="内容已被修改，请重新查看后再签批"), db.session_factory.begin() as s:
        review(s, head, post_id, ReviewStage.SECOND, Decision.APPROVE, "同意", ALL_OK, seen_hash=seen)
    with db.session_factory() as s:
        assert s.scalars(select(StageReview).where(StageReview.stage == ReviewStage.SECOND.value)).all() == []
    fresh = shown()
    with db.session_factory.begin() as s:
        review(s, head, post_id, ReviewStage.SECOND, Decision.APPROVE, "同意", ALL_OK, seen_hash=fresh)
    with db.session_factory() as s:
        entry = s.scalars(select(StageReview).where(StageReview.stage == ReviewStage.SECOND.value)).one()
        assert entry.content_hash == fresh and entry.version_number == 2


def test_secrecy_review_of_an_item_changed_since_the_dialog_opened_is_refused(db: Database, people) -> None:  # type: ignore[no-untyped-def]
    clerk, head = people["clerk"], people["head"]
    form = ItemForm(title="锦屏县人民政府关于印发某某办法的通知", category=2, section="文书科",
                    formed_on=date(2024, 6, 20), doc_no="锦府发〔2024〕8号")
    with db.session_factory.begin() as s:
        item_id = create_item(s, clerk, form, WorkCalendar(), TODAY).id

    def shown() -> str:
        with db.session_factory() as s:
            return content_hash(secrecy_content(s.get(DisclosureItem, item_id)))  # type: ignore[arg-type]

    seen = shown()
    form.summary = "补充：附件含有个人信息"
    with db.session_factory.begin() as s:
        update_item(s, clerk, item_id, form, s.get(DisclosureItem, item_id).version,  # type: ignore[union-attr]
                    WorkCalendar(), TODAY)
    with pytest.raises(StaleContent), db.session_factory.begin() as s:
        secrecy_review(s, head, item_id, "经审查，不涉密", TODAY, seen_hash=seen)
    with db.session_factory() as s:
        assert s.scalars(select(SignOff).where(SignOff.subject_type == "disclosure")).all() == []
    fresh = shown()
    with db.session_factory.begin() as s:
        secrecy_review(s, head, item_id, "经审查，不涉密", TODAY, seen_hash=fresh)
    with db.session_factory() as s:
        assert s.scalars(select(SignOff).where(SignOff.subject_type == "disclosure")).one().content_hash == fresh


def test_extension_approved_against_a_due_date_changed_since_is_refused(db: Database, people) -> None:  # type: ignore[no-untyped-def]
    clerk, head = people["clerk"], people["leader"]
    with db.session_factory.begin() as s:
        case_id = register_case(s, clerk, a_form(1), TODAY).id
        start_handling(s, clerk, case_id, today=TODAY)
    reason = "需调阅档案，无法按期答复"

    def shown() -> str:
        with db.session_factory() as s:
            return content_hash(extension_signoff_content(s.get(RequestCase, case_id), reason))  # type: ignore[arg-type]

    seen = shown()
    # Another PC corrects the date the request was received: the due date the approver saw is gone.
    with db.session_factory.begin() as s:
        case = s.get(RequestCase, case_id)
        assert case is not None
        update_case(s, clerk, case_id, a_form(1, submitted_on=date(2024, 3, 1)), case.version, today=TODAY)
    assert shown() != seen
    with pytest.raises(StaleContent), db.session_factory.begin() as s:
        extend_deadline(s, clerk, case_id, date(2024, 3, 25), reason, head, "同意", today=TODAY, seen_hash=seen)
    fresh = shown()  # the dialog re-reads and shows the new due date
    with db.session_factory.begin() as s:
        extend_deadline(s, clerk, case_id, date(2024, 3, 25), reason, head, "同意", today=TODAY, seen_hash=fresh)
    with db.session_factory() as s:
        assert s.scalars(select(SignOff).where(SignOff.step == "extension")).one().content_hash == fresh
