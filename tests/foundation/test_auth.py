"""Accounts: hashing, lockout, roles, administrator-only services, audit of logins."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.audit.models import AuditEntry
from app.auth.models import User
from app.auth.passwords import hash_password, verify_password
from app.auth.roles import Role
from app.auth.service import (
    MAX_FAILED_ATTEMPTS,
    WRONG_CREDENTIALS,
    authenticate,
    change_own_password,
    create_first_admin,
    create_user,
    reset_password,
    set_active,
    update_user,
)
from app.bootstrap import Database
from app.context import Actor
from app.db.base import utcnow
from app.errors import PermissionDenied, ValidationError
from tests.conftest import TEST_PASSWORD


def test_password_hash_is_salted_and_verifiable() -> None:
    a, b = hash_password("Secret123"), hash_password("Secret123")
    assert a != b and a.startswith("scrypt$")
    assert "Secret123" not in a
    assert verify_password("Secret123", a)
    assert not verify_password("secret123", a)
    assert not verify_password("Secret123", "garbage")


def test_first_admin_only_once(db: Database) -> None:
    with db.session_factory.begin() as s:
        create_first_admin(s, "admin", "管理员", TEST_PASSWORD)
    with db.session_factory.begin() as s, pytest.raises(PermissionDenied):
        create_first_admin(s, "admin2", "管理员2", TEST_PASSWORD)


def test_weak_password_and_duplicate_name_refused(db: Database) -> None:
    with db.session_factory.begin() as s:
        with pytest.raises(ValidationError, match="至少"):
            create_user(s, Actor.system(), "u1", "甲", "short", [Role.EDITOR])
        create_user(s, Actor.system(), "u1", "甲", TEST_PASSWORD, [Role.EDITOR])
        with pytest.raises(ValidationError, match="已被使用"):
            create_user(s, Actor.system(), "U1", "乙", TEST_PASSWORD, [Role.EDITOR])


def test_non_admin_cannot_manage_accounts(db: Database, make_user) -> None:  # type: ignore[no-untyped-def]
    clerk = make_user("clerk", Role.DISCLOSURE_STAFF)
    with db.session_factory.begin() as s:
        with pytest.raises(PermissionDenied):
            create_user(s, clerk, "x", "x", TEST_PASSWORD, [Role.EDITOR])
        with pytest.raises(PermissionDenied):
            reset_password(s, clerk, clerk.user_id or 0, "NewPassw0rd")
        with pytest.raises(PermissionDenied):
            set_active(s, clerk, clerk.user_id or 0, False)


def _login(db: Database, name: str, password: str, now=None):  # type: ignore[no-untyped-def]
    with db.session_factory.begin() as s:
        result = authenticate(s, name, password, now=now)
        return result.ok, result.message


def test_five_wrong_passwords_lock_for_15_minutes(db: Database, make_user) -> None:  # type: ignore[no-untyped-def]
    make_user("li", Role.EDITOR)
    for _ in range(MAX_FAILED_ATTEMPTS - 1):
        ok, msg = _login(db, "li", "wrong")
        assert not ok and msg == WRONG_CREDENTIALS  # the same words an unknown user name gets
    ok, msg = _login(db, "li", "wrong")
    assert not ok and msg == WRONG_CREDENTIALS
    ok, msg = _login(db, "li", "wrong")
    assert not ok and msg == WRONG_CREDENTIALS  # locked, but a wrong password does not learn that
    ok, msg = _login(db, "li", TEST_PASSWORD)
    assert not ok and "分钟后再试" in msg  # the right password does not open a locked account
    later = utcnow() + timedelta(minutes=16)
    ok, _ = _login(db, "li", TEST_PASSWORD, now=later)
    assert ok
    with db.session_factory() as s:
        actions = s.scalars(select(AuditEntry.action).order_by(AuditEntry.seq)).all()
    assert actions.count("login_failed") == MAX_FAILED_ATTEMPTS + 2
    assert actions[-1] == "login"


def test_deactivated_account_cannot_log_in_and_keeps_history(db: Database, make_user) -> None:  # type: ignore[no-untyped-def]
    admin = make_user("boss", Role.ADMIN)
    clerk = make_user("wang", Role.EDITOR)
    with db.session_factory.begin() as s:
        set_active(s, admin, clerk.user_id or 0, False)
    ok, msg = _login(db, "wang", TEST_PASSWORD)
    assert not ok and "停用" in msg
    with db.session_factory() as s:
        assert s.get(User, clerk.user_id) is not None


def test_last_admin_cannot_be_removed(db: Database, make_user) -> None:  # type: ignore[no-untyped-def]
    admin = make_user("boss", Role.ADMIN)
    with db.session_factory.begin() as s, pytest.raises(ValidationError, match="唯一"):
        update_user(s, Actor.system(), admin.user_id or 0, roles=[Role.EDITOR])


def test_reset_forces_change_and_own_change_works(db: Database, make_user) -> None:  # type: ignore[no-untyped-def]
    admin = make_user("boss", Role.ADMIN)
    clerk = make_user("wang", Role.EDITOR)
    with db.session_factory.begin() as s:
        reset_password(s, admin, clerk.user_id or 0, "Temp1234!")
    with db.session_factory.begin() as s:
        result = authenticate(s, "wang", "Temp1234!")
        assert result.ok and result.user is not None and result.user.must_change_password
    with db.session_factory.begin() as s:
        with pytest.raises(ValidationError, match="原密码"):
            change_own_password(s, clerk, "nope", "Another123!")
        change_own_password(s, clerk, "Temp1234!", "Another123!")
    ok, _ = _login(db, "wang", "Another123!")
    assert ok


def test_password_needs_two_of_letters_digits_symbols() -> None:
    from app.auth.passwords import check_strength

    with pytest.raises(ValidationError, match="两类"):
        check_strength("abcdEFGH")  # upper and lower case are both letters
    with pytest.raises(ValidationError, match="两类"):
        check_strength("12345678")
    check_strength("abcd1235")
    check_strength("密码口令abc!")
