from __future__ import annotations

import pytest
from sqlalchemy import select

from app.audit.models import AuditEntry
from app.auth.roles import Role
from app.bootstrap import Database
from app.context import Actor
from app.errors import PermissionDenied, ValidationError
from app.numbering import format_doc_no, next_number
from app.settings import get_setting, set_setting


def test_defaults_and_audited_change(db: Database) -> None:
    with db.session_factory.begin() as s:
        assert get_setting(s, "org.short_name") == "锦府办"
        set_setting(s, Actor.system(), "org.short_name", "锦府")
    with db.session_factory() as s:
        assert get_setting(s, "org.short_name") == "锦府"
        entry = s.scalars(select(AuditEntry).where(AuditEntry.record_type == "setting")).one()
        assert "锦府办" in entry.before_json and "锦府" in entry.after_json


def test_invalid_values_and_roles_refused(db: Database, make_user) -> None:  # type: ignore[no-untyped-def]
    clerk = make_user("clerk", Role.EDITOR)
    with db.session_factory.begin() as s:
        with pytest.raises(ValidationError, match="不能大于"):
            set_setting(s, Actor.system(), "security.idle_lock_minutes", 10_000)
        with pytest.raises(ValidationError, match="不能为空"):
            set_setting(s, Actor.system(), "org.name", "  ")
        with pytest.raises(PermissionDenied):
            set_setting(s, clerk, "org.name", "别的机关")


def test_document_numbers_follow_gb9704_and_restart_each_year(db: Database) -> None:
    with db.session_factory.begin() as s:
        assert [next_number(s, "reply", 2024) for _ in range(3)] == [1, 2, 3]
        assert next_number(s, "reply", 2025) == 1
    assert format_doc_no("{short}依复〔{year}〕{n}号", "锦府办", 2024, 3) == "锦府办依复〔2024〕3号"
    with pytest.raises(ValidationError):
        format_doc_no("{short}第{n}号", "锦府办", 2024, 3)


def test_rolled_back_number_is_given_back(db: Database) -> None:
    with db.session_factory() as s:
        with s.begin():
            assert next_number(s, "case", 2024) == 1
        s.begin()
        assert next_number(s, "case", 2024) == 2
        s.rollback()
    with db.session_factory.begin() as s:
        assert next_number(s, "case", 2024) == 2


def test_fee_pause_setting_recomputes_open_deadlines(db: Database) -> None:
    from datetime import date
    from decimal import Decimal

    from app.cases.models import RequestCase
    from app.cases.recompute import refresh_due
    from app.workdays.calendar import WorkCalendar
    from tests.factories import case

    with db.session_factory.begin() as s:
        c = case(date(2024, 3, 1), fee_notice_on=date(2024, 3, 5), fee_amount=Decimal("100"))
        s.add(c)
        s.flush()
        refresh_due(c, WorkCalendar(), date(2024, 3, 12), fee_pauses_clock=True)
        case_id, paused_due = c.id, c.due_on
    with db.session_factory.begin() as s:
        set_setting(s, Actor.system(), "cases.fee_pauses_clock", False)
    with db.session_factory() as s:
        stored = s.get(RequestCase, case_id)
        assert stored is not None and paused_due is not None and stored.due_on is not None
        assert stored.due_on < paused_due  # no pause any more: the plain 20th working day
        assert stored.due_on == date(2024, 3, 29)
