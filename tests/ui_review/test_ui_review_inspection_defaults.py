"""The inspection form says the truth by default (issue 17): 栏目按时更新 is not pre-ticked while
columns are past their update limit, and a fresh installation has missed no inspection days."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from pytestqt.qtbot import QtBot

from app.auth.roles import Role
from app.bootstrap import Database
from app.context import Actor
from app.review.enums import PostStatus
from app.review.inspections import column_status, days_without_inspection
from app.review.models import Post
from app.settings.registry import set_setting
from app.workdays.calendar import WorkCalendar
from ui.context import AppContext
from ui.review.inspections_page import InspectionsPage

pytestmark = pytest.mark.gui
TODAY = date(2026, 12, 3)  # a Thursday


def _columns(db: Database, editor: Actor, published: datetime) -> None:
    with db.session_factory.begin() as s:
        set_setting(s, Actor.system(), "review.columns", ["县政府要闻|新闻"])
        s.add(Post(post_no="2026-1", title="要闻", target="县政府要闻", status=PostStatus.CONFIRMED.value,
                   source_kind="original", author_id=editor.user_id, published_at=published))


@pytest.mark.parametrize(("published", "ticked"), [
    (datetime(2026, 9, 1), False),   # three months without news (limit 14 days): overdue
    (datetime(2026, 12, 2), True),   # yesterday: on time
])
def test_columns_updated_is_ticked_only_when_no_column_is_overdue(
        qtbot: QtBot, db: Database, ctx: AppContext, people: dict[str, Actor], published: datetime,
        ticked: bool) -> None:
    _columns(db, people["editor"], published)
    with db.session_factory() as s:
        assert any(c.overdue(TODAY) for c in column_status(s)) is not ticked
    page = InspectionsPage(ctx, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.new_record()
    assert page.columns_updated.isChecked() is ticked
    assert page.site_reachable.isChecked() and page.links_ok.isChecked() and page.content_ok.isChecked()


def test_a_fresh_installation_has_missed_no_earlier_day(db: Database, make_user) -> None:  # type: ignore[no-untyped-def]
    make_user("editor1", Role.EDITOR)  # the first account: the installation's first audit entry
    today = date.today()
    with db.session_factory() as s:
        missing = days_without_inspection(s, WorkCalendar(), today, lookback=10)
    assert all(d >= today for d in missing)  # today at most, never a day before the program existed


def test_an_emoji_in_the_inspection_notes_is_refused_and_kept(qtbot: QtBot, db: Database, ctx: AppContext) -> None:
    from app.review.models import Inspection

    page = InspectionsPage(ctx, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.new_record()
    page.links_ok.setChecked(False)
    page.problems.setPlainText("“通知公告”栏目链接失效❌")
    assert page.save() is False
    assert "发现的问题中有打印时无法显示的字符" in page.message.text() and "U+274C" in page.message.text()
    assert page.problems.toPlainText().endswith("❌")  # the inspector's text stays to be corrected
    with db.session_factory() as s:
        assert s.query(Inspection).count() == 0
    page.problems.setPlainText("“通知公告”栏目链接失效")
    assert page.save() is True
    with db.session_factory() as s:
        assert [r.problems for r in s.query(Inspection)] == ["“通知公告”栏目链接失效"]
