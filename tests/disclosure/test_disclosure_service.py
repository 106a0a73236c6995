"""Disclosure items: secrecy review, decisions, 20-working-day deadline, delays, versions, Part 2."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.auth.roles import Role
from app.bootstrap import Database
from app.context import Actor
from app.dashboard import collect
from app.disclosure.enums import Decision, DocKind, ItemStatus
from app.disclosure.figures import part2, save_year_figures
from app.disclosure.models import DisclosureItem
from app.disclosure.service import (
    ItemForm,
    create_item,
    decide,
    delay,
    end_delay,
    history,
    new_version,
    publish,
    repeal,
    revisit,
)
from app.errors import ConflictError, PermissionDenied, ValidationError
from app.workdays.service import set_year_arrangement
from tests.disclosure._support import CAL, TODAY, item_form
from tests.seen_hashes import secrecy_review_seen


@pytest.fixture
def people(make_user):  # type: ignore[no-untyped-def]
    return {"clerk": make_user("clerk", Role.DISCLOSURE_STAFF), "head": make_user("head", Role.SECTION_HEAD)}


def _do(db: Database, fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    with db.session_factory.begin() as s:
        return fn(s, *args, **kwargs)


def test_deadline_crosses_national_day(db: Database, people) -> None:  # type: ignore[no-untyped-def]
    item = _do(db, create_item, people["clerk"], item_form(), CAL, TODAY)
    # 2024-09-20 + 20 working days across the National Day holiday and both make-up Sundays/Saturdays.
    assert item.due_on == date(2024, 10, 23) and not item.due_unconfirmed
    assert item.item_no == "GK-2024-1"


def test_record_review_publish_leaves_dashboard(db: Database, people) -> None:  # type: ignore[no-untyped-def]
    item_id = _do(db, create_item, people["clerk"], item_form(formed_on=date(2024, 9, 30)), CAL, TODAY).id  # due 11/1
    with db.session_factory() as s:
        assert any(i.record_id == item_id for i in collect(s, people["clerk"], TODAY))
        assert any(i.record_id == item_id and "保密审查" in i.detail for i in collect(s, people["head"], TODAY))
    with pytest.raises(ValidationError, match="保密审查"):
        _do(db, decide, people["clerk"], item_id, Decision.PROACTIVE, CAL)
    with pytest.raises(PermissionDenied):  # a clerk does not sign the secrecy review
        _do(db, secrecy_review_seen, people["clerk"], item_id, "不涉密", TODAY)
    _do(db, secrecy_review_seen, people["head"], item_id, "经审查，不涉及国家秘密", TODAY)
    _do(db, decide, people["clerk"], item_id, Decision.PROACTIVE, CAL)
    with pytest.raises(ValidationError, match="网页地址"):
        _do(db, publish, people["clerk"], item_id, ["政府门户网站"], TODAY, "", TODAY)
    _do(db, publish, people["clerk"], item_id, ["政务新媒体", "政府门户网站"], TODAY,
        "https://www.jinping.gov.cn/zwgk/1.html", TODAY)
    with db.session_factory() as s:
        item = s.get(DisclosureItem, item_id)
        assert item is not None and item.status == ItemStatus.PUBLISHED.value
        assert item.channels == "政府门户网站、政务新媒体" and item.due_on is None
        assert not any(i.record_id == item_id for i in collect(s, people["clerk"], TODAY))


def test_withholding_needs_reason_and_basis(db: Database, people) -> None:  # type: ignore[no-untyped-def]
    item_id = _do(db, create_item, people["clerk"], item_form(), CAL, TODAY).id
    _do(db, secrecy_review_seen, people["head"], item_id, "涉及内部事务", TODAY)
    with pytest.raises(ValidationError, match="第七条"):
        _do(db, decide, people["clerk"], item_id, Decision.WITHHELD, CAL)
    with pytest.raises(ValidationError, match="法律依据"):
        _do(db, decide, people["clerk"], item_id, Decision.WITHHELD, CAL, withhold_reason=4)
    _do(db, decide, people["clerk"], item_id, Decision.WITHHELD, CAL, withhold_reason=4,
        legal_basis="《中华人民共和国政府信息公开条例》第十六条第一款")
    # the reason lapses: revisit, a second secrecy review round, then publish
    _do(db, revisit, people["clerk"], item_id, "人事调整已完成，内部事务情形消除")
    _do(db, secrecy_review_seen, people["head"], item_id, "可以公开", TODAY)
    item = _do(db, decide, people["clerk"], item_id, Decision.PROACTIVE, CAL)
    assert item.status == ItemStatus.REVIEWED.value and item.withhold_reason is None


def test_delay_suspends_and_restarts_the_deadline(db: Database, people) -> None:  # type: ignore[no-untyped-def]
    item_id = _do(db, create_item, people["clerk"], item_form(), CAL, TODAY).id
    with pytest.raises(ValidationError, match="法定事由"):
        _do(db, delay, people["clerk"], item_id, " ", CAL)
    item = _do(db, delay, people["clerk"], item_id, "待上级机关批准后发布", CAL)
    assert item.due_on is None
    item = _do(db, end_delay, people["clerk"], item_id, date(2024, 11, 1), CAL)
    assert item.due_on == date(2024, 11, 29) and item.status == ItemStatus.DRAFT.value


def test_new_version_keeps_history_and_gets_new_deadline(db: Database, people) -> None:  # type: ignore[no-untyped-def]
    first = _do(db, create_item, people["clerk"], item_form(), CAL, TODAY)
    second = _do(db, new_version, people["clerk"], first.id, item_form(formed_on=date(2024, 10, 8),
                 title="锦屏县人民政府关于印发某某办法（修订）的通知"), CAL, TODAY)
    assert second.version_no == 2 and second.item_no == first.item_no
    assert second.due_on == date(2024, 11, 4)  # 10/9–11, Sat 10/12 (make-up), then 16 more
    with db.session_factory() as s:
        versions = history(s, first.item_no)
        assert [v.status for v in versions] == [ItemStatus.SUPERSEDED.value, ItemStatus.DRAFT.value]


def test_calendar_change_recomputes_pending_items(db: Database, people) -> None:  # type: ignore[no-untyped-def]
    item_id = _do(db, create_item, people["clerk"], item_form(formed_on=date(2024, 12, 20)), CAL,
                  date(2024, 12, 30)).id
    with db.session_factory() as s:
        before = s.get(DisclosureItem, item_id)
        assert before is not None and before.due_on == date(2025, 1, 20)
    with db.session_factory.begin() as s:
        counts = set_year_arrangement(s, Actor.system(), 2025, [date(2025, 1, 2)], [], source="测试")
    assert counts["disclosure"] == 1
    with db.session_factory() as s:
        after = s.get(DisclosureItem, item_id)
        assert after is not None and after.due_on == date(2025, 1, 21)


def test_part2_counts_normative_documents_and_form(db: Database, people) -> None:  # type: ignore[no-untyped-def]
    def normative(day: date) -> ItemForm:
        return item_form(doc_kind=DocKind.NORMATIVE, formed_on=day)

    a = _do(db, create_item, people["clerk"], normative(date(2023, 5, 1)), CAL, TODAY)
    _do(db, create_item, people["clerk"], normative(date(2024, 3, 1)), CAL, TODAY)
    b = _do(db, create_item, people["clerk"], normative(date(2024, 4, 1)), CAL, TODAY)
    _do(db, new_version, people["clerk"], b.id, normative(date(2024, 6, 1)), CAL, TODAY)
    _do(db, repeal, people["clerk"], a.id, date(2024, 8, 1))
    with pytest.raises(ValidationError, match="整数"):
        _do(db, save_year_figures, people["clerk"], 2024, {"licensing_decisions": "十二"}, 0)
    _do(db, save_year_figures, people["clerk"], 2024, {"licensing_decisions": 12, "fees_amount": "3.25"}, 0)
    with pytest.raises(ConflictError):
        _do(db, save_year_figures, people["clerk"], 2024, {"licensing_decisions": 13}, 0)
    with db.session_factory() as s:
        p = part2(s, 2024)
    assert p.normative == (2, 1, 2)  # two issued in 2024 (a new version is not a new document), one repealed
    assert p.rules == (0, 0, 0)
    assert p.licensing == 12 and p.fees_amount == Decimal("3.25")


def test_part2_counts_rules_from_items_plus_the_form(db: Database, people) -> None:  # type: ignore[no-untyped-def]
    def rule(day: date) -> ItemForm:
        return item_form(doc_kind=DocKind.RULE, formed_on=day, title="锦屏县某某管理规定")

    old = _do(db, create_item, people["clerk"], rule(date(2022, 5, 1)), CAL, TODAY)
    new = _do(db, create_item, people["clerk"], rule(date(2024, 2, 1)), CAL, TODAY)
    _do(db, new_version, people["clerk"], new.id, rule(date(2024, 7, 1)), CAL, TODAY)  # same document
    _do(db, create_item, people["clerk"], rule(date(2025, 1, 6)), CAL, date(2025, 1, 6))  # next year's
    _do(db, create_item, people["clerk"], item_form(doc_kind=DocKind.NORMATIVE, formed_on=date(2024, 3, 1)), CAL, TODAY)
    _do(db, repeal, people["clerk"], old.id, date(2024, 8, 1))
    with db.session_factory() as s:
        assert part2(s, 2024).rules == (1, 1, 1)  # items only: issued 2024, repealed 2024, in force at year end
        assert part2(s, 2023).rules == (0, 0, 1)
    # The form's numbers are the rules not recorded as items: they add to the items'.
    _do(db, save_year_figures, people["clerk"], 2024, {"rules_issued": 2, "rules_repealed": 0, "rules_in_force": 5}, 0)
    with db.session_factory() as s:
        p = part2(s, 2024)
    assert p.rules == (3, 1, 6) and p.normative == (1, 0, 1)
    with pytest.raises(ValidationError, match="未登记为公开事项的规章本年制发件数"):
        _do(db, save_year_figures, people["clerk"], 2024, {"rules_issued": -1}, 1)


def test_publication_waits_for_other_bodies_to_confirm(db: Database, people) -> None:  # type: ignore[no-untyped-def]
    from app.disclosure.service import update_item

    item = _do(db, create_item, people["clerk"], item_form(other_bodies="县财政局"), CAL, TODAY)
    _do(db, secrecy_review_seen, people["head"], item.id, "不涉密", TODAY)
    _do(db, decide, people["clerk"], item.id, Decision.PROACTIVE, CAL)
    url = "https://www.jinping.gov.cn/zwgk/2.html"
    with pytest.raises(ValidationError, match="第十条"):
        _do(db, publish, people["clerk"], item.id, ["政府门户网站"], TODAY, url, TODAY)
    with db.session_factory() as s:
        version = s.get(DisclosureItem, item.id).version  # type: ignore[union-attr]
    confirmed = item_form(other_bodies="县财政局", others_confirmed_on=date(2024, 10, 25),
                          others_confirmation="电话确认")
    _do(db, update_item, people["clerk"], item.id, confirmed, version, CAL, TODAY)
    assert _do(db, publish, people["clerk"], item.id, ["政府门户网站"], TODAY, url, TODAY).published_on == TODAY
