"""政策解读 linked to its policy: who may link what, the dashboard reminder after N working days,
and the website report counting interpretations through the links."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import update

from app.auth.roles import Role
from app.bootstrap import Database
from app.context import Actor
from app.dashboard import collect
from app.disclosure.models import DisclosureItem
from app.errors import PermissionDenied, ValidationError
from app.review.models import Post
from app.settings import set_setting
from app.website.interpretation import link_interpretation, linked_posts, unlink_interpretation
from app.website.service import compute
from tests.website.website_year import fill_year


@pytest.fixture
def year(db: Database, make_user) -> dict[str, int]:  # type: ignore[no-untyped-def]
    author = make_user("editor1", Role.EDITOR)
    assert author.user_id is not None
    return fill_year(db, author.user_id)


@pytest.fixture
def clerk(year: dict[str, int], make_user) -> Actor:  # type: ignore[no-untyped-def]
    """The clerk, created after the year's data (as the tests always had it)."""
    return make_user("clerk", Role.DISCLOSURE_STAFF)  # type: ignore[no-any-return]


def _reminders(db: Database, actor: Actor, today: date) -> list[str]:
    with db.session_factory() as s:
        return [i.title for i in collect(s, actor, today) if "政策解读" in i.detail]


def test_a_policy_without_interpretation_is_listed_after_three_working_days(
        db: Database, year: dict[str, int], clerk: Actor, make_user) -> None:  # type: ignore[no-untyped-def]
    # Policy B (major decision) published Mon 2025-06-09: working days 6-10, 6-11, 6-12 → due 6-12.
    # Policy A has its published interpretation; C is not a policy.
    assert _reminders(db, clerk, date(2025, 6, 12)) == []
    assert _reminders(db, clerk, date(2025, 6, 13)) == ["B《事项B》"]
    assert _reminders(db, make_user("leader", Role.LEADER_IN_CHARGE), date(2025, 6, 13)) == []
    with db.session_factory.begin() as s:
        set_setting(s, Actor.system(), "website.interpretation_days", 5)
    # 5 working days: 6-10, 11, 12, 13 (Fri), 16 (Mon) → due 6-16.
    assert _reminders(db, clerk, date(2025, 6, 16)) == []
    assert _reminders(db, clerk, date(2025, 6, 17)) == ["B《事项B》"]


def test_holidays_and_make_up_days_count_as_the_calendar_says(db: Database, year: dict[str, int],
                                                             clerk: Actor) -> None:
    with db.session_factory.begin() as s:
        s.execute(update(DisclosureItem).where(DisclosureItem.id == year["item:B"]).values(
            published_on=date(2025, 9, 30)))
    # 2025-09-30 (Tue); 10-1..8 off; 10-9 (Thu) 1, 10-10 (Fri) 2, 10-11 (Sat, make-up working day) 3 → due 10-11.
    assert _reminders(db, clerk, date(2025, 10, 11)) == []
    assert _reminders(db, clerk, date(2025, 10, 12)) == ["B《事项B》"]


def test_an_unpublished_interpretation_does_not_count(db: Database, year: dict[str, int],
                                                      clerk: Actor) -> None:
    with db.session_factory.begin() as s:
        s.execute(update(Post).where(Post.id == year["post:wechat_linked"]).values(status="third_review"))
    # Policy A published Mon 2025-03-03: 3-04, 3-05, 3-06 → due 3-06.
    assert _reminders(db, clerk, date(2025, 3, 6)) == []
    assert _reminders(db, clerk, date(2025, 3, 7)) == ["A《事项A》"]


def test_linking_rules_and_the_report_counts_linked_interpretations(
        db: Database, year: dict[str, int], clerk: Actor, make_user) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied), db.session_factory.begin() as s:
        link_interpretation(s, make_user("leader", Role.LEADER_IN_CHARGE), year["item:B"], year["post:weibo"])
    with pytest.raises(ValidationError, match="只有主动公开的行政规范性文件"), db.session_factory.begin() as s:
        link_interpretation(s, clerk, year["item:C"], year["post:weibo"])
    with pytest.raises(ValidationError, match="已关联到 A《事项A》"), db.session_factory.begin() as s:
        link_interpretation(s, clerk, year["item:B"], year["post:wechat_linked"])
    with pytest.raises(ValidationError, match="更正、撤稿或已撤回"), db.session_factory.begin() as s:
        link_interpretation(s, clerk, year["item:B"], year["post:news_fix"])
    # The Weibo post (not in a 政策解读 column) becomes an interpretation through the link.
    with db.session_factory.begin() as s:
        s.execute(update(Post).where(Post.id == year["post:weibo"]).values(interpretation_kind="product"))
        link_interpretation(s, clerk, year["item:B"], year["post:weibo"])
    with db.session_factory() as s:
        v = compute(s, 2025).values
        assert [p.post_no for p in linked_posts(s, year["item:B"])] == [s.get(Post, year["post:weibo"]).post_no]
    assert (v["interp.total"], v["interp.product"]) == ("5", "2")  # 4 + the linked Weibo post
    assert _reminders(db, clerk, date(2025, 6, 13)) == []
    with db.session_factory.begin() as s:
        unlink_interpretation(s, clerk, year["item:B"], year["post:weibo"])
    with db.session_factory() as s:
        assert compute(s, 2025).values["interp.total"] == "4"
