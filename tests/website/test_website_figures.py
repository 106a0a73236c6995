"""The website report's computed figures from a prepared year, counted by hand (see website_year.py)."""

from __future__ import annotations

import pytest

from app.auth.roles import Role
from app.bootstrap import Database
from app.context import Actor
from app.errors import ValidationError
from app.settings import get_setting, set_setting
from app.website.columns import ReportCategory, parse_column
from app.website.figures import records_behind
from app.website.service import compute
from tests.website.website_year import WECHAT, WEIBO, fill_year


@pytest.fixture
def year(db: Database, make_user) -> dict[str, int]:  # type: ignore[no-untyped-def]
    author = make_user("editor1", Role.EDITOR)
    assert author.user_id is not None
    return fill_year(db, author.user_id)


def test_computed_figures_match_the_hand_count(db: Database, year: dict[str, int]) -> None:
    with db.session_factory() as s:
        v = compute(s, 2025).values
    assert (v["posts.overview"], v["posts.news"], v["posts.catalogue"], v["posts.total"]) == ("2", "5", "4", "11")
    assert (v["special.maintained"], v["special.opened"]) == ("2", "1")
    assert (v["interp.total"], v["interp.material"], v["interp.product"], v["interp.media"]) == ("4", "1", "1", "1")
    assert (v["security.found"], v["security.fixed"]) == ("3", "2")
    assert (v[f"media.posts:{WECHAT}"], v[f"media.posts:{WEIBO}"]) == ("2", "1")
    assert v["media.has"] == "是"
    assert v["basic.host"] == "锦屏县人民政府办公室"
    assert v["visits.total"] == ""  # typed, not yet filled


def test_last_year_is_counted_the_same_way(db: Database, year: dict[str, int]) -> None:
    with db.session_factory() as s:
        last = compute(s, 2025).last_year
    assert (last["posts.catalogue"], last["posts.news"], last["interp.total"], last[f"media.posts:{WECHAT}"]) == (
        "1", "0", "1", "1")
    assert last["security.found"] == "1"


def test_each_figure_opens_the_records_behind_it(db: Database, year: dict[str, int]) -> None:
    with db.session_factory() as s:
        news = records_behind(s, 2025, "posts.news")
        catalogue = records_behind(s, 2025, "posts.catalogue")
        found = records_behind(s, 2025, "security.found")
        interp = records_behind(s, 2025, "interp.total")
        special = records_behind(s, 2025, "special.opened")
        total = records_behind(s, 2025, "posts.total")
    assert sorted(r.record_id for r in news if r.record_id) == sorted(
        year[f"post:{k}"] for k in ("news1", "news2", "news3", "notice1", "notice2"))
    assert [r.reference for r in catalogue] == ["D", "A", "B", "C"]  # by publication date
    assert [r.reference for r in found] == ["2025-03-05", "2025-04-10", "2025-05-12"]
    assert found[-1].note == "未整改"
    assert year["post:wechat_linked"] in {r.record_id for r in interp}
    assert [r.reference for r in special] == ["乡村振兴专题"]
    assert len(total) == 11


def test_existing_columns_get_a_category_by_type_and_name() -> None:
    def category(line: str) -> ReportCategory:
        column = parse_column(line)
        assert column is not None
        return column.category

    assert category("县政府要闻|新闻") is ReportCategory.NEWS
    assert category("通知公告|通知公告") is ReportCategory.NEWS
    assert category("政策文件|政策文件") is ReportCategory.CATALOGUE
    assert category("政策解读|其他") is ReportCategory.INTERPRETATION
    assert category("扶贫专题|其他") is ReportCategory.SPECIAL
    assert category("便民服务|其他") is ReportCategory.OTHER


def test_a_wrong_column_line_is_refused_when_saved(session) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="报表分类“动态”无效"):
        set_setting(session, Actor.system(), "review.columns", ["县政府要闻|新闻|动态"])
    with pytest.raises(ValidationError, match="开设日期“3月1日”无效"):
        set_setting(session, Actor.system(), "review.columns", ["扶贫专题|其他|专栏专题|3月1日"])
    with pytest.raises(ValidationError, match="不是专栏专题"):
        set_setting(session, Actor.system(), "review.columns", ["县政府要闻|新闻|政务动态|2025-01-01"])
    set_setting(session, Actor.system(), "review.columns", ["扶贫专题|其他|专栏专题|2025-03-01"])
    assert get_setting(session, "review.columns") == ["扶贫专题|其他|专栏专题|2025-03-01"]


def test_an_office_corrects_a_label_in_settings(db: Database, year: dict[str, int]) -> None:
    with pytest.raises(ValidationError, match=r"没有项目键“visit\.users”"), db.session_factory.begin() as s:
        set_setting(s, Actor.system(), "website.report_labels", ["visit.users|独立用户访问总量（人次）"])
    with pytest.raises(ValidationError, match=r"应写成“项目键\|名称”"), db.session_factory.begin() as s:
        set_setting(s, Actor.system(), "website.report_labels", ["独立用户访问总量"])
    with db.session_factory.begin() as s:
        set_setting(s, Actor.system(), "website.report_labels", ["visits.users|独立用户访问总量（人次）"])
    with db.session_factory() as s:
        data = compute(s, 2025)
    assert data.row("visits.users").label == "独立用户访问总量（人次）"
