"""Locking and unlocking the two yearly reports: the buttons follow app.report_lock (off, with the reason
as tooltip), and a user who may not lock is told why without first being asked "确定锁定吗？" (issue 14)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from app.annual.service import lock_year, report_state, save_texts
from app.auth.roles import Role
from app.bootstrap import Database
from app.cases.models import RequestCase
from app.context import Actor
from app.errors import PermissionDenied
from app.website.models import WebsiteReport
from tests.seen_hashes import seen_annual
from tests.ui_annual.annual_helpers import TODAY, message_boxes
from ui.annual import prompts
from ui.annual.tab import AnnualTab
from ui.context import AppContext

pytestmark = pytest.mark.gui
OpenTab = Callable[[AppContext], AnnualTab]
CLERK_CANNOT_LOCK = "此操作需要以下角色之一：科室负责人、分管领导、系统管理员。当前用户“刘经办”无此权限。"
ONLY_ADMIN_UNLOCKS = "此操作需要以下角色之一：系统管理员。当前用户“刘经办”无此权限。"


def _publish_2024(db: Database) -> None:
    with db.session_factory.begin() as s:
        save_texts(s, Actor.system(), 2024, "本年度，本机关认真贯彻条例。", "一是培训不足。", "",
                   expected_version=report_state(s, 2024).version)
        lock_year(s, Actor.system(), 2024, today=TODAY, seen_hash=seen_annual(s, 2024))


@pytest.fixture
def clerk(db: Database, make_user: Callable[..., Actor]) -> AppContext:
    return AppContext(db, make_user("liu", Role.DISCLOSURE_STAFF, Role.EDITOR, display_name="刘经办"))


@pytest.fixture
def text_asked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The unlock reason question, recorded and answered."""
    asked: list[str] = []

    def ask_text(_parent: object, title: str, _label: str) -> str:
        asked.append(title)
        return "补录漏统计的申请"

    monkeypatch.setattr(prompts, "ask_text", ask_text)
    return asked


def test_a_clerk_sees_lock_off_with_the_reason_and_is_never_asked(
        clerk: AppContext, year_2024: dict[str, RequestCase], open_tab: OpenTab, answers: list[str]) -> None:
    tab = open_tab(clerk)
    for page in (tab.report, tab.website):
        assert not page.lock_button.isEnabled()
        assert page.lock_button.toolTip() == CLERK_CANNOT_LOCK
        assert not page.lock()
        assert any(box.text() == CLERK_CANNOT_LOCK for box in message_boxes())
    assert answers == []  # "确定锁定吗？" was never put to them


def test_unlock_is_offered_to_an_administrator_only_and_asks_nobody_else(
        db: Database, clerk: AppContext, make_user: Callable[..., Actor], year_2024: dict[str, RequestCase],
        open_tab: OpenTab, text_asked: list[str]) -> None:
    _publish_2024(db)
    with db.session_factory.begin() as s:  # a published year (its checks are the service tests' business)
        s.add(WebsiteReport(year=2024, locked=True, locked_by="head", figures_json='{"accounts": [], "values": {}}'))
    tab = open_tab(clerk)
    for page in (tab.report, tab.website):
        assert page.current_year == 2024
        assert not page.unlock_button.isEnabled() and page.unlock_button.toolTip() == ONLY_ADMIN_UNLOCKS
        assert not page.lock_button.isEnabled()
        assert not page.unlock()
    assert text_asked == []
    assert tab.website.unlock_button.toolTip() == ONLY_ADMIN_UNLOCKS  # its own tip comes back once allowed

    admin_tab = open_tab(AppContext(db, make_user("admin", Role.ADMIN, display_name="管理员")))
    page = admin_tab.website
    assert page.unlock_button.isEnabled()
    assert page.unlock_button.toolTip() == "已发布的报表须由系统管理员写明原因后解锁。"
    assert page.unlock()
    assert text_asked == ["解锁网站年报"]


def test_a_year_locked_on_another_pc_is_refused_before_the_question(
        qtbot: QtBot, db: Database, ctx: AppContext, year_2024: dict[str, RequestCase], open_tab: OpenTab,
        answers: list[str]) -> None:
    tab = open_tab(ctx)
    page = tab.report
    assert page.lock_button.isEnabled() and page.lock_button.toolTip().startswith("报告发布后锁定")
    _publish_2024(db)  # a colleague locks 2024 meanwhile
    assert not page.lock()
    assert any(box.text() == "2024 年度报告已经锁定。" for box in message_boxes())
    assert answers == []


def test_the_service_refuses_the_clerk_with_the_tooltip_s_sentence(
        db: Database, clerk: AppContext, year_2024: dict[str, RequestCase]) -> None:
    with pytest.raises(PermissionDenied) as err, db.session_factory.begin() as s:
        lock_year(s, clerk.actor, 2024, today=TODAY, seen_hash=seen_annual(s, 2024))
    assert str(err.value) == CLERK_CANNOT_LOCK
