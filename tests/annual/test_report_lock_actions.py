"""app.report_lock.lock_actions_for: who may edit, lock and unlock a yearly report in each state, and
the two reports' services refuse with the same sentences (issue 14)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pytest
from sqlalchemy.orm import Session

from app.annual import service as annual
from app.auth.roles import Role
from app.context import Actor
from app.errors import PermissionDenied, UserError, ValidationError
from app.report_lock import ReportAction, lock_actions_for
from app.website import service as website
from app.website.models import WebsiteReport
from tests.seen_hashes import seen_annual, seen_website

TODAY = date(2025, 2, 10)


@dataclass
class Row:
    locked: bool
    locked_at: datetime | None = None
    locked_by: str = ""
    figures_json: str = "{}"


def actor(*roles: Role) -> Actor:
    return Actor(user_id=5, username="u", display_name="刘经办", roles=frozenset(roles))


def reasons(row: Row | None, who: Actor, year: int = 2024) -> dict[ReportAction, str]:
    got = lock_actions_for(annual.RULES, row, who, year, TODAY)
    return {a: got.reason(a) for a in ReportAction}


def test_roles_and_states() -> None:
    clerk, head, admin = actor(Role.DISCLOSURE_STAFF), actor(Role.SECTION_HEAD), actor(Role.ADMIN)
    not_lockers = "此操作需要以下角色之一：科室负责人、分管领导、系统管理员。当前用户“刘经办”无此权限。"
    only_admin = "此操作需要以下角色之一：系统管理员。当前用户“刘经办”无此权限。"
    assert reasons(None, clerk) == {ReportAction.EDIT: "", ReportAction.LOCK: not_lockers,
                                    ReportAction.UNLOCK: only_admin}
    assert reasons(Row(locked=False), head) == {
        ReportAction.EDIT: "此操作需要以下角色之一：信息公开工作人员、系统管理员。当前用户“刘经办”无此权限。",
        ReportAction.LOCK: "", ReportAction.UNLOCK: only_admin}
    assert reasons(Row(locked=False), head, 2025)[ReportAction.LOCK] == "2025 年尚未结束，不能锁定该年度报告。"
    assert reasons(Row(locked=True), admin) == {
        ReportAction.EDIT: "2024 年度报告已锁定（已发布），不能再修改。如确需修改，请管理员先解锁。",
        ReportAction.LOCK: "2024 年度报告已经锁定。", ReportAction.UNLOCK: ""}
    assert reasons(Row(locked=False), admin)[ReportAction.UNLOCK] == "2024 年度报告没有锁定。"


def _refused(call: object) -> UserError:
    with pytest.raises(UserError) as err:
        call()  # type: ignore[operator]
    return err.value


def test_services_refuse_with_the_same_sentences(session: Session) -> None:
    clerk = actor(Role.DISCLOSURE_STAFF, Role.EDITOR)
    head = actor(Role.SECTION_HEAD, Role.EDITOR)
    err = _refused(lambda: annual.lock_year(session, clerk, 2024, today=TODAY, seen_hash=seen_annual(session, 2024)))
    assert isinstance(err, PermissionDenied)
    assert str(err) == annual.report_actions(session, clerk, 2024, TODAY).reason(ReportAction.LOCK)
    err = _refused(lambda: website.lock_year(session, head, 2025, today=TODAY, seen_hash=seen_website(session, 2025)))
    assert isinstance(err, ValidationError)
    assert str(err) == "2025 年尚未结束，不能锁定该年网站年报。"
    assert str(_refused(lambda: website.unlock_year(session, head, 2024, "更正"))) == (
        website.report_actions(session, head, 2024, TODAY).reason(ReportAction.UNLOCK))
    session.add(WebsiteReport(year=2024, locked=True, locked_by="head", figures_json='{"accounts": [], "values": {}}'))
    session.flush()
    reason = website.report_actions(session, head, 2024, TODAY).reason(ReportAction.EDIT)
    assert reason == "2024 年网站年报已锁定（已发布），不能再修改。如确需修改，请管理员先解锁。"
    assert str(_refused(lambda: website.save_typed(session, head, 2024, {}, 0))) == reason
