"""Word lists kept in the database, the inspection log and the dashboard items of 发布审核."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.auth.roles import Role
from app.bootstrap import Database
from app.context import Actor
from app.dashboard import collect
from app.errors import PermissionDenied, ValidationError
from app.review.checks.engine import run_checks
from app.review.enums import PostStatus, WordListKind
from app.review.inspections import InspectionForm, days_without_inspection, record_inspection, update_inspection
from app.review.models import Post
from app.review.wordlists_db import Entry, entries, load_wordlists, parse_entries, replace_list
from app.workdays.calendar import WorkCalendar


def test_defaults_until_the_office_saves_its_own_list(db: Database, make_user) -> None:  # type: ignore[no-untyped-def]
    clerk = make_user("clerk", Role.EDITOR)
    with db.session_factory() as s:
        defaults, own = entries(s, WordListKind.PLACE)
        assert not own and any(e.term == "锦屏县" for e in defaults)
    with db.session_factory.begin() as s, pytest.raises(PermissionDenied):
        replace_list(s, clerk, WordListKind.SENSITIVE, [Entry("测试词")])
    with db.session_factory.begin() as s:
        parsed = parse_entries(WordListKind.SENSITIVE, "# 注释\n禁用词甲\n禁用词乙\n")
        replace_list(s, Actor.system(), WordListKind.SENSITIVE, parsed)
    with db.session_factory() as s:
        lists = load_wordlists(s)
        assert lists.sensitive_words == ("禁用词甲", "禁用词乙")
        found = run_checks("这里有禁用词乙。", lists)
        assert any(f.kind == "sensitive-word" and f.matched == "禁用词乙" for f in found)


def test_wording_entries_need_the_correct_form(db: Database) -> None:
    with db.session_factory.begin() as s, pytest.raises(ValidationError, match="正确写法"):
        replace_list(s, Actor.system(), WordListKind.WORDING, [Entry("中华人民共合国", "")])


def test_inspection_needs_problem_text_and_correction_after_the_day(db: Database, make_user) -> None:  # type: ignore[no-untyped-def]
    editor = make_user("editor", Role.EDITOR)
    today = date(2024, 10, 10)
    with db.session_factory.begin() as s:
        with pytest.raises(ValidationError, match="发现的问题"):
            record_inspection(s, editor, InspectionForm(day=today, links_ok=False), today)
        form = InspectionForm(day=today, links_ok=False, problems="政策文件栏目 2 个链接失效")
        row = record_inspection(s, editor, form, today)
        row_id, version = row.id, row.version
    fixed = InspectionForm(day=today, links_ok=False, problems="政策文件栏目 2 个链接失效",
                           correction="已联系运维公司修复", corrected_on=date(2024, 10, 9))
    with db.session_factory.begin() as s, pytest.raises(ValidationError, match="早于"):
        update_inspection(s, editor, row_id, fixed, version, today)
    fixed.corrected_on = today
    with db.session_factory.begin() as s:
        assert update_inspection(s, editor, row_id, fixed, version, today).corrected_on == today


def test_days_without_inspection_skip_holidays(db: Database, make_user) -> None:  # type: ignore[no-untyped-def]
    editor = make_user("editor", Role.EDITOR)
    today = date(2024, 10, 9)  # Wed after National Day: 10/8 and 10/9 are working days, 10/1–7 are not
    with db.session_factory.begin() as s:
        record_inspection(s, editor, InspectionForm(day=date(2024, 10, 8)), today)
        missing = days_without_inspection(s, WorkCalendar(), today, lookback=4)
    # the last four working days are 9/29 (Sun, make-up), 9/30, 10/8, 10/9
    assert missing == [date(2024, 9, 29), date(2024, 9, 30), date(2024, 10, 9)]


def test_dashboard_shows_waiting_posts_and_stale_columns(db: Database, make_user) -> None:  # type: ignore[no-untyped-def]
    editor = make_user("editor", Role.EDITOR)
    head = make_user("head", Role.SECTION_HEAD)
    with db.session_factory.begin() as s:
        s.add(Post(post_no="2024-9", title="旧新闻", target="县政府要闻", status=PostStatus.CONFIRMED.value,
                   source_kind="original", author_id=editor.user_id, published_at=datetime(2024, 9, 1)))
        s.add(Post(post_no="2024-10", title="待二审稿件", target="部门动态", status=PostStatus.SECOND_REVIEW.value,
                   source_kind="original", author_id=editor.user_id))
    with db.session_factory() as s:
        head_items = collect(s, head, date(2024, 10, 10))
        editor_items = collect(s, editor, date(2024, 10, 10))
    assert any("待二审稿件" in i.title and "待二审" in i.detail for i in head_items)
    assert not any("待二审稿件" in i.title for i in editor_items)  # the author never signs 二审
    assert any("县政府要闻" in i.title and "超过更新时限" in i.title for i in editor_items)
