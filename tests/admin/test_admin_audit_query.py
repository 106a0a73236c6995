"""Searching the audit trail (app/audit/query.py) on a real SQLite database."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date, datetime

import pytest

from app.audit import query
from app.audit import service as audit_service
from app.audit.query import AuditFilter
from app.bootstrap import Database
from app.context import Actor

ALICE = Actor(user_id=1, username="alice", display_name="艾丽斯")
BOB = Actor(user_id=2, username="bob", display_name="鲍勃")
AUDITOR = Actor.system()  # reading the trail is an administrator's (tests/admin/test_admin_audit_roles.py)


@pytest.fixture
def shanghai_tz(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Pin the local time zone so the day boundaries below are exact (UTC+8, no DST)."""
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _add(db: Database, monkeypatch: pytest.MonkeyPatch, at: datetime, actor: Actor, action: str,
         record_type: str, record_id: object, summary: str) -> None:
    monkeypatch.setattr(audit_service, "utcnow", lambda: at)
    with db.session_factory.begin() as s:
        audit_service.record(s, actor, action, record_type, record_id, summary=summary,
                             before={"x": 1}, after={"x": 2})


@pytest.fixture
def trail(db: Database, monkeypatch: pytest.MonkeyPatch, shanghai_tz: None) -> Database:
    _add(db, monkeypatch, datetime(2027, 1, 1, 1, 0), ALICE, "create", "user", 7, "创建账户 carol")
    _add(db, monkeypatch, datetime(2027, 1, 1, 17, 0), BOB, "update", "user", 7, "修改账户 carol")  # 1/2 01:00 local
    _add(db, monkeypatch, datetime(2027, 1, 3, 2, 0), ALICE, "update", "setting", "org.name", "修改设置 100%_done")
    _add(db, monkeypatch, datetime(2027, 1, 5, 2, 0), BOB, "login_failed", "user", 2, "密码错误")
    monkeypatch.undo()  # later code must see the real clock again
    return db


def _seqs(db: Database, filt: AuditFilter) -> list[int]:
    with db.session_factory() as s:
        return [r.seq for r in query.fetch_entries(s, AUDITOR, filt)]


def test_newest_first_and_counts(trail: Database) -> None:
    assert _seqs(trail, AuditFilter()) == [4, 3, 2, 1]
    with trail.session_factory() as s:
        assert query.count_entries(s, AUDITOR, AuditFilter()) == 4
        assert query.count_entries(s, AUDITOR, AuditFilter(username="bob")) == 2


def test_filter_by_user_type_id_action(trail: Database) -> None:
    assert _seqs(trail, AuditFilter(username="alice")) == [3, 1]
    assert _seqs(trail, AuditFilter(record_type="user")) == [4, 2, 1]
    assert _seqs(trail, AuditFilter(record_type="user", record_id="7")) == [2, 1]
    assert _seqs(trail, AuditFilter(action="update")) == [3, 2]
    assert _seqs(trail, AuditFilter(username="bob", action="create")) == []


def test_date_range_uses_local_days(trail: Database) -> None:
    # 2027-01-01 17:00 UTC is 2027-01-02 01:00 in Shanghai: it belongs to 1 月 2 日.
    assert _seqs(trail, AuditFilter(date_from=date(2027, 1, 2), date_to=date(2027, 1, 2))) == [2]
    assert _seqs(trail, AuditFilter(date_to=date(2027, 1, 1))) == [1]
    assert _seqs(trail, AuditFilter(date_from=date(2027, 1, 3))) == [4, 3]


def test_text_matches_literally(trail: Database) -> None:
    assert _seqs(trail, AuditFilter(text="carol")) == [2, 1]
    assert _seqs(trail, AuditFilter(text="CAROL")) == [2, 1]
    assert _seqs(trail, AuditFilter(text="100%_d")) == [3]
    assert _seqs(trail, AuditFilter(text="%")) == [3]  # a wildcard character is matched as itself
    assert _seqs(trail, AuditFilter(text="_")) == [3]


def test_keyset_paging_and_iteration(db: Database) -> None:
    with db.session_factory.begin() as s:
        for i in range(25):
            audit_service.record(s, ALICE, "update", "user", i, summary=f"第{i}次")
    with db.session_factory() as s:
        first = query.fetch_entries(s, AUDITOR, AuditFilter(), limit=10)
        second = query.fetch_entries(s, AUDITOR, AuditFilter(), before_seq=first[-1].seq, limit=10)
        assert [r.seq for r in first] == list(range(25, 15, -1))
        assert [r.seq for r in second] == list(range(15, 5, -1))
        assert [r.seq for r in query.iter_entries(s, AUDITOR, AuditFilter(), batch=7)] == list(range(25, 0, -1))


def test_rows_are_plain_data_with_chinese_labels(trail: Database) -> None:
    with trail.session_factory() as s:
        rows = query.fetch_entries(s, AUDITOR, AuditFilter())
        users = query.audit_users(s, AUDITOR)
        types = query.record_types(s, AUDITOR)
        actions = query.actions(s, AUDITOR)
    newest = rows[0]
    assert newest.action_label == "登录失败" and newest.record_type_label == "账户"
    assert newest.user_label == "鲍勃（bob）"
    assert newest.at_local == datetime(2027, 1, 5, 10, 0)
    assert users == [("alice", "艾丽斯"), ("bob", "鲍勃")]
    assert types == ["setting", "user"] and actions == ["create", "login_failed", "update"]


def test_action_labels() -> None:
    assert query.action_label("sign_off") == "签批"
    assert query.action_label("signoff_failed") == "签批核验失败"
    assert query.action_label("recompute") == "重算期限"
    assert query.action_label("something_new") == "something_new"


def test_get_entry_and_json_helpers(trail: Database) -> None:
    with trail.session_factory() as s:
        row = query.get_entry(s, AUDITOR, 2)
    assert row.summary == "修改账户 carol"
    assert query.pretty_json(row.before_json) == '{\n  "x": 1\n}'
    assert query.changed_keys(row.before_json, row.after_json) == ["x"]
    assert query.pretty_json("{}") == "" and query.pretty_json("not json") == "not json"


def test_describe_filter() -> None:
    filt = AuditFilter(username="bob", record_type="user", date_from=date(2027, 1, 2), text="carol")
    assert filt.describe() == "用户 bob；记录类型 账户；日期 2027-01-02 至 最近；摘要含“carol”"
    assert AuditFilter().describe() == "全部记录"
