"""Typed figures, the checks before export, locking a published year, and the 政策解读 links."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select, update

from app.audit.models import AuditEntry
from app.auth.roles import Role
from app.bootstrap import Database
from app.context import Actor
from app.errors import ConflictError, PermissionDenied, ValidationError
from app.review.models import Post
from app.settings import set_setting
from app.website.service import compute, lock_year, offered, save_typed, unlock_year
from tests.seen_hashes import seen_website
from tests.website.website_year import WECHAT, WEIBO, fill_settings, fill_year, typed_values

TODAY = date(2026, 1, 20)


@pytest.fixture
def year(db: Database, make_user) -> dict[str, int]:  # type: ignore[no-untyped-def]
    author = make_user("editor1", Role.EDITOR)
    assert author.user_id is not None
    return fill_year(db, author.user_id)


def _failed(db: Database, year: int = 2025) -> dict[str, str]:
    with db.session_factory() as s:
        return {c.name: c.message for c in compute(s, year).checks if not c.ok}


def _save(db: Database, actor: Actor, values: dict[str, str], year: int = 2025) -> None:
    with db.session_factory() as s:
        version = compute(s, year).version
    with db.session_factory.begin() as s:
        save_typed(s, actor, year, values, version)


def _mark_unmarked(db: Database, ids: dict[str, int]) -> None:
    with db.session_factory.begin() as s:
        s.execute(update(Post).where(Post.id == ids["post:interp_unmarked"]).values(interpretation_kind="material"))
        s.execute(update(Post).where(Post.id == ids["post:lost_column"]).values(target="县政府要闻"))


def test_checks_name_what_is_missing_before_anything_is_typed(db: Database, year: dict[str, int]) -> None:
    failed = _failed(db)
    assert "网站总访问量（次）" in failed["填报项均已填写（没有的填 0）"]
    assert "首页网址" in failed["基本信息已在系统设置中填写"]
    assert failed["政策解读稿件均已注明解读类型"].startswith("1 篇解读稿件未注明")
    assert failed["已发布稿件的栏目或账号都在系统设置中"].startswith("1 篇稿件")
    # Against 2024 (by hand): 总数 1→11, 目录 1→4, 专栏维护 1→2, 解读 1→4, 发现 1→3, 整改 1→2, 微信 1→2;
    # 概况 and 政务动态 were 0 in 2024 (no base to compare), 解读材料 stayed 1. Pointed out, not blocking.
    with db.session_factory() as s:
        notices = [c for c in compute(s, 2025).checks if not c.blocking]
    assert [c.keys[0] for c in notices] == ["posts.total", "posts.catalogue", "special.maintained", "interp.total",
                                            "security.found", "security.fixed", f"media.posts:{WECHAT}"]
    assert notices[1].name == "“信息发布（条）·信息公开目录信息更新量”与上年相比变化超过一半"
    assert notices[1].message.startswith("上年 1，本年 4（+300%）")


def test_unmarked_interpretations_break_total_equals_parts(db: Database, year: dict[str, int]) -> None:
    with db.session_factory() as s:
        checks = {c.name: c for c in compute(s, 2025).checks}
    total = checks["解读信息发布（条）：总数 = 各分项之和"]
    assert not total.ok and total.message == "总数 4，各分项之和 3"
    assert [r.record_id for r in checks["政策解读稿件均已注明解读类型"].records] == [year["post:interp_unmarked"]]
    _mark_unmarked(db, year)
    assert "解读信息发布（条）：总数 = 各分项之和" not in _failed(db)


def test_typed_values_are_checked_and_saved(db: Database, year: dict[str, int], make_user) -> None:  # type: ignore[no-untyped-def]
    editor = make_user("centre", Role.EDITOR)
    with pytest.raises(ValidationError, match="“网站总访问量（次）”须填写不小于 0 的整数（没有就填 0）"):
        _save(db, editor, {"visits.total": "很多"})
    with pytest.raises(ValidationError, match="须选择“是”或“否”"):
        _save(db, editor, {"interact.qa": "有"})
    with pytest.raises(ValidationError, match="不是网站年报的填报项"):
        _save(db, editor, {"posts.news": "99"})
    with pytest.raises(PermissionDenied):
        _save(db, make_user("clerk", Role.DISCLOSURE_STAFF), {"visits.total": "1"})
    _save(db, editor, {"visits.total": "1,200", "interact.msg_days": "2.50", "visits.users": "0"})
    with db.session_factory() as s:
        data = compute(s, 2025)
        entry = s.scalars(select(AuditEntry).where(AuditEntry.record_type == "website_report")).one()
    assert (data.values["visits.total"], data.values["interact.msg_days"], data.values["visits.users"]) == (
        "1200", "2.5", "0")
    assert "网站总访问量（次）" not in _failed(db)["填报项均已填写（没有的填 0）"]  # 0 typed on purpose is filled
    assert "独立用户访问总量（个）" not in _failed(db)["填报项均已填写（没有的填 0）"]
    assert entry.summary == "修改 2025 年网站年报填报数（3 项）"
    with pytest.raises(ConflictError), db.session_factory.begin() as s:
        save_typed(s, editor, 2025, {"visits.total": "5"}, expected_version=0)


def test_typed_totals_and_parts_and_last_years_values(db: Database, year: dict[str, int], make_user) -> None:  # type: ignore[no-untyped-def]
    editor = make_user("centre", Role.EDITOR)
    _save(db, editor, {"visits.total": "100000", "service.cases": "30"}, year=2024)
    values = typed_values([WECHAT, WEIBO]) | {"service.cases": "10", "service.cases_natural": "4",
                                             "service.cases_legal": "5", "visits.total": "160000",
                                             "interact.msg_done": "8", "interact.msg_received": "6"}
    _save(db, editor, values)
    failed = _failed(db)
    assert failed["办件量（件）：总数 = 各分项之和"] == "总数 10，各分项之和 9"
    assert failed["“办结留言数量（条）”不大于“收到留言数量（条）”"] == "8 与 6"
    assert failed["“网站总访问量（次）”与上年相比变化超过一半"].startswith("上年 100000，本年 160000（+60%）")
    assert failed["“办件量（件）·总数”与上年相比变化超过一半"].startswith("上年 30，本年 10（-67%）")
    with db.session_factory() as s:
        data = compute(s, 2025)
    assert offered(data) == {}  # everything is filled this year
    with db.session_factory() as s:
        assert offered(compute(s, 2026)) == values  # next year offers every typed figure of this one


def test_lock_is_refused_until_checks_pass_then_keeps_the_published_figures(
        db: Database, year: dict[str, int], make_user) -> None:  # type: ignore[no-untyped-def]
    editor, head, admin = (make_user("centre", Role.EDITOR), make_user("head", Role.SECTION_HEAD),
                           make_user("admin", Role.ADMIN))
    with pytest.raises(PermissionDenied), db.session_factory.begin() as s:
        lock_year(s, editor, 2025, TODAY, seen_hash=seen_website(s, 2025))
    refused = pytest.raises(ValidationError, match=r"以下校验未通过，不能锁定：.*填报项均已填写")
    with refused, db.session_factory.begin() as s:
        lock_year(s, head, 2025, TODAY, seen_hash=seen_website(s, 2025))
    _save(db, editor, typed_values([WECHAT, WEIBO]))
    fill_settings(db)
    _mark_unmarked(db, year)
    with pytest.raises(ValidationError, match="2026 年尚未结束"), db.session_factory.begin() as s:
        lock_year(s, head, 2026, TODAY, seen_hash=seen_website(s, 2026))
    with db.session_factory.begin() as s:
        lock_year(s, head, 2025, TODAY, seen_hash=seen_website(s, 2025))  # the +300% notice does not stop it
    with pytest.raises(ValidationError, match="已锁定（已发布），不能再修改"):
        _save(db, editor, {"visits.total": "5"})
    # A post published late into 2025 changes the records, not the published report.
    with db.session_factory.begin() as s:
        s.execute(update(Post).where(Post.id == year["post:news_draft"]).values(
            status="published", published_at=year_date_utc()))
        set_setting(s, Actor.system(), "website.url", "http://new.example.gov.cn")
    with db.session_factory() as s:
        data = compute(s, 2025)
    assert data.locked and data.locked_by == "head"
    # _mark_unmarked moved the lost column's post to 要闻: 6 news, 12 in all when published.
    assert data.values["posts.news"] == "6" and data.values["basic.url"] == "http://www.jinping.gov.cn"
    assert data.differences == ["“首页网址”：已发布 http://www.jinping.gov.cn，当前记录 http://new.example.gov.cn",
                                "“信息发布（条）·总数”：已发布 12，当前记录 13",
                                "“信息发布（条）·政务动态信息更新量”：已发布 6，当前记录 7"]
    with pytest.raises(ValidationError, match="须写明原因"), db.session_factory.begin() as s:
        unlock_year(s, admin, 2025, " ")
    with db.session_factory.begin() as s:
        unlock_year(s, admin, 2025, "补录漏统计的稿件")
    with db.session_factory() as s:
        assert compute(s, 2025).values["posts.news"] == "7"


def year_date_utc() -> datetime:
    return datetime(2025, 11, 3, 4, 0)


def test_lock_is_refused_when_the_figures_changed_since_the_page_showed_them(
        db: Database, year: dict[str, int], make_user) -> None:  # type: ignore[no-untyped-def]
    from app.errors import StaleContent
    from app.signoff.content import content_hash
    from app.website.service import lock_content

    editor, head = make_user("centre", Role.EDITOR), make_user("head", Role.SECTION_HEAD)
    _save(db, editor, typed_values([WECHAT, WEIBO]))
    fill_settings(db)
    _mark_unmarked(db, year)
    with db.session_factory() as s:  # the head's page shows the figures
        shown = content_hash(lock_content(compute(s, 2025)))
    corrected = typed_values([WECHAT, WEIBO])
    corrected["visits.total"] = str(int(corrected["visits.total"]) + 1)
    _save(db, editor, corrected)  # the centre corrects one figure meanwhile
    with pytest.raises(StaleContent, match="请重新查看后再锁定"), db.session_factory.begin() as s:
        lock_year(s, head, 2025, TODAY, seen_hash=shown)
    with db.session_factory() as s:
        data = compute(s, 2025)
        assert not data.locked
        fresh = content_hash(lock_content(data))
    with db.session_factory.begin() as s:
        assert lock_year(s, head, 2025, TODAY, seen_hash=fresh).locked
