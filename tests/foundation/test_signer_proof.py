"""A signature only its signer can give (issue 13): proof of the signer's own password, re-read
account, and passwords set by someone else treated as temporary. Runs on both databases."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from sqlalchemy import select

from app.audit.models import AuditEntry
from app.auth.models import User
from app.auth.roles import Role
from app.auth.service import (
    actor_for,
    authenticate,
    change_own_password,
    create_first_admin,
    reset_password,
    set_active,
    update_user,
)
from app.bootstrap import Database
from app.context import Actor
from app.errors import PermissionDenied
from app.signoff.models import SignOff
from app.signoff.service import Decision, check_signer, record_signoff
from tests.conftest import TEMP_PASSWORD, TEST_PASSWORD

ROLES = (Role.LEADER_IN_CHARGE,)


def _sign(db: Database, signer: Actor, subject_id: int = 1) -> SignOff:
    with db.session_factory.begin() as s:
        return record_signoff(s, signer, subject_type="case", subject_id=subject_id, step="leader",
                              decision=Decision.APPROVE, opinion="同意", roles=ROLES)


def _check(db: Database, username: str, password: str):  # type: ignore[no-untyped-def]
    with db.session_factory.begin() as s:
        return check_signer(s, username, password, ROLES)


def test_admin_reset_password_cannot_sign_until_the_owner_changes_it(
    db: Database, make_user: Callable[..., Actor]
) -> None:
    admin = make_user("boss", Role.ADMIN, display_name="管理员甲")
    leader = make_user("chen", Role.LEADER_IN_CHARGE, display_name="陈军")
    assert leader.user_id is not None
    with db.session_factory.begin() as s:
        reset_password(s, admin, leader.user_id, "Reset-9-Maple")
    # The administrator knows the new password, and it still does not sign.
    check = _check(db, "chen", "Reset-9-Maple")
    assert not check.ok and check.actor is None
    assert "管理员甲（boss）设置" in check.message and "不是本人设置" in check.message
    with db.session_factory() as s:
        user = s.get(User, leader.user_id)
        assert user is not None and user.must_change_password and user.password_set_by_id == admin.user_id
        reset_entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "reset_password")).one()
    assert json.loads(reset_entry.after_json)["password_set_by_name"] == "管理员甲（boss）"
    # A proof the leader obtained before the reset is void as well (the password it proved is gone).
    with pytest.raises(PermissionDenied, match="修改或重置"):
        _sign(db, leader)
    # Once the leader sets their own password, the signature works and records who set it.
    with db.session_factory.begin() as s:
        change_own_password(s, actor_for(s.get(User, leader.user_id)), "Reset-9-Maple", "Own-5-Lantern")  # type: ignore[arg-type]
    check = _check(db, "chen", "Own-5-Lantern")
    assert check.ok and check.actor is not None
    sign = _sign(db, check.actor)
    assert sign.signer_password_set_by == "陈军（chen）"
    with db.session_factory() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "sign_off")).one()
    assert json.loads(entry.after_json)["密码设置人"] == "陈军（chen）"


def test_accounts_an_administrator_creates_must_change_their_password(
    db: Database, make_user: Callable[..., Actor]
) -> None:
    from app.auth.service import create_user

    admin = make_user("boss", Role.ADMIN)
    with db.session_factory.begin() as s:
        user = create_user(s, admin, "yang", "杨华", TEMP_PASSWORD, [Role.PRINCIPAL_LEADER])
        assert user.must_change_password and user.password_set_by_id == admin.user_id
    with db.session_factory.begin() as s:
        result = authenticate(s, "yang", TEMP_PASSWORD)
        assert result.ok and result.user is not None and result.user.must_change_password
    assert not _check(db, "yang", TEMP_PASSWORD).ok


def test_the_first_administrator_set_their_own_password(db: Database) -> None:
    with db.session_factory.begin() as s:
        user = create_first_admin(s, "admin", "管理员", TEST_PASSWORD)
        assert not user.must_change_password and user.password_is_own


def test_a_hand_made_or_logged_in_actor_cannot_sign(db: Database, make_user: Callable[..., Actor]) -> None:
    leader = make_user("chen", Role.LEADER_IN_CHARGE)
    forged = Actor(user_id=leader.user_id, username="chen", display_name="chen", roles=frozenset(ROLES))
    with pytest.raises(PermissionDenied, match="未经密码核验"):
        _sign(db, forged)
    with db.session_factory() as s:
        window_actor = actor_for(s.get(User, leader.user_id))  # type: ignore[arg-type]
    with pytest.raises(PermissionDenied, match="未经密码核验"):
        _sign(db, window_actor)
    with pytest.raises(PermissionDenied):
        _sign(db, Actor.system())
    with db.session_factory() as s:
        assert s.scalars(select(SignOff)).all() == []


def test_a_proof_taken_before_deactivation_or_demotion_does_not_sign(
    db: Database, make_user: Callable[..., Actor]
) -> None:
    admin = make_user("boss", Role.ADMIN)
    leader = make_user("chen", Role.LEADER_IN_CHARGE)
    other = make_user("liu", Role.LEADER_IN_CHARGE)
    assert leader.user_id is not None and other.user_id is not None
    with db.session_factory.begin() as s:
        set_active(s, admin, leader.user_id, False)
    with pytest.raises(PermissionDenied, match="已停用"):
        _sign(db, leader)
    with db.session_factory.begin() as s:
        update_user(s, admin, other.user_id, roles=[Role.EDITOR])
    assert Role.LEADER_IN_CHARGE in other.roles  # the stale proof still claims the role
    with pytest.raises(PermissionDenied, match="分管领导"):
        _sign(db, other, subject_id=2)
    with db.session_factory() as s:
        assert s.scalars(select(SignOff)).all() == []


def test_a_proof_expires(db: Database, make_user: Callable[..., Actor], monkeypatch: pytest.MonkeyPatch) -> None:
    import app.auth.proof as proof

    leader = make_user("chen", Role.LEADER_IN_CHARGE)
    monkeypatch.setattr(proof, "SIGNER_PROOF_TTL", -1.0)
    with pytest.raises(PermissionDenied, match="过期"):
        _sign(db, leader)


def test_current_actor_applies_role_changes_at_the_next_action(
    db: Database, make_user: Callable[..., Actor]
) -> None:
    from app.auth.service import current_actor

    admin = make_user("boss", Role.ADMIN)
    second = make_user("boss2", Role.ADMIN)
    assert second.user_id is not None
    with db.session_factory.begin() as s:
        update_user(s, admin, second.user_id, roles=[Role.EDITOR])
    with db.session_factory() as s:
        fresh = current_actor(s, second)
    assert fresh.roles == frozenset({Role.EDITOR})
    with db.session_factory.begin() as s:
        set_active(s, admin, second.user_id, False)
    with db.session_factory() as s, pytest.raises(PermissionDenied, match="已停用"):
        current_actor(s, second)
