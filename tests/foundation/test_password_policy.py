"""Passwords (issue 13): today's scrypt cost with upgrade at login, common and name-based passwords
refused, and no answer that tells a guesser whether a user name exists."""

from __future__ import annotations

import base64
import hashlib
import os
from collections.abc import Callable

import pytest
from sqlalchemy import select

import app.auth.passwords as passwords
from app.auth.models import User
from app.auth.passwords import check_strength, current_n, hash_password, needs_rehash, verify_password
from app.auth.roles import Role
from app.auth.service import WRONG_CREDENTIALS, authenticate, create_user
from app.bootstrap import Database
from app.context import Actor
from app.errors import ValidationError
from tests.conftest import TEST_PASSWORD


def test_production_cost_is_owasp_and_only_the_named_variable_lowers_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(passwords.INSECURE_TEST_COST_ENV)
    assert current_n() == 2**17
    for value in ("", "0", "yes", "true"):  # only the exact value "1" lowers it
        monkeypatch.setenv(passwords.INSECURE_TEST_COST_ENV, value)
        assert current_n() == 2**17
    monkeypatch.setenv(passwords.INSECURE_TEST_COST_ENV, "1")
    assert current_n() < 2**17


@pytest.mark.parametrize("weak", ["password1", "Passw0rd!", "P@ssw0rd", "admin123", "1qaz2wsx", "Abcd1234"])
def test_common_passwords_are_refused(weak: str) -> None:
    with pytest.raises(ValidationError, match="最常见"):
        check_strength(weak)


@pytest.mark.parametrize("weak", ["wangfang2024", "2024Wangfang!", "wangfang@1", "王芳123456"])
def test_passwords_made_of_the_name_are_refused(weak: str) -> None:
    with pytest.raises(ValidationError, match="用户名或姓名"):
        check_strength(weak, username="wangfang", display_name="王芳")
    check_strength("Wangfang-river-7", username="wangfang", display_name="王芳")  # more than the name


def test_create_user_applies_the_name_rule(db: Database) -> None:
    with db.session_factory.begin() as s, pytest.raises(ValidationError, match="用户名或姓名"):
        create_user(s, Actor.system(), "lihua", "李华", "lihua2024!", [Role.EDITOR])


def _old_hash(password: str, n: int) -> str:
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=n, r=8, p=1, dklen=32)
    return f"scrypt${n}$8$1${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"


def test_an_old_hash_is_upgraded_at_the_next_login(
    db: Database, make_user: Callable[..., Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    user = make_user("li", Role.EDITOR)
    old = _old_hash(TEST_PASSWORD, 2**10)
    with db.session_factory.begin() as s:
        s.get(User, user.user_id).password_hash = old  # type: ignore[union-attr]
    monkeypatch.setattr(passwords, "_TEST_N", 2**11)  # "today" costs more than when it was stored
    assert verify_password(TEST_PASSWORD, old) and needs_rehash(old)
    with db.session_factory.begin() as s:
        assert authenticate(s, "li", TEST_PASSWORD).ok
    with db.session_factory() as s:
        stored = s.scalar(select(User.password_hash).where(User.id == user.user_id))
    assert stored is not None and stored.startswith("scrypt$2048$8$1$") and verify_password(TEST_PASSWORD, stored)
    assert not needs_rehash(stored)
    assert hash_password("x").startswith("scrypt$2048$")


def test_an_unknown_user_name_costs_the_same_work_and_words(
    db: Database, make_user: Callable[..., Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    make_user("li", Role.EDITOR)
    calls: list[int] = []
    real = hashlib.scrypt

    def counting(*args: object, **kwargs: object) -> bytes:
        calls.append(int(kwargs["n"]))  # type: ignore[call-overload]
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(passwords.hashlib, "scrypt", counting)
    with db.session_factory.begin() as s:
        passwords.burn_time_like_verify("warm-up")  # the dummy hash is made once per process
        calls.clear()
        unknown = authenticate(s, "nobody", "whatever-1")
        unknown_calls, calls[:] = list(calls), []
        wrong = authenticate(s, "li", "whatever-1")
    assert unknown.message == wrong.message == WRONG_CREDENTIALS
    assert unknown_calls == calls == [current_n()]  # one scrypt at today's cost either way
