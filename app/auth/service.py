"""Accounts: create, deactivate, reset, change password, authenticate with lockout."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from app.audit.service import record, snapshot
from app.auth.actor import Actor, os_user
from app.auth.models import User, UserRole
from app.auth.passwords import (
    burn_time_like_verify,
    check_strength,
    hash_password,
    needs_rehash,
    verify_password,
)
from app.auth.roles import Role
from app.availability import Availability, Refusal, first, refused_for_roles
from app.db.base import utcnow
from app.db.lookup import get_or_not_found
from app.errors import PermissionDenied, ValidationError

MAX_FAILED_ATTEMPTS = 5
LOCKOUT = timedelta(minutes=15)
WRONG_CREDENTIALS = f"用户名或密码不正确。连续输错 {MAX_FAILED_ATTEMPTS} 次，账户将被锁定 15 分钟。"


def actor_for(user: User) -> Actor:
    return Actor(
        user_id=user.id,
        username=user.username,
        display_name=user.display_name,
        roles=frozenset(Role(r) for r in user.role_names if r in Role._value2member_map_),
        os_user=os_user(),
    )


def current_actor(session: Session, actor: Actor) -> Actor:
    """`actor` as the database knows them now: a role taken away or an account deactivated while
    the window was open takes effect at the next action (PermissionDenied when deactivated)."""
    if actor.user_id is None:
        return actor
    user = session.get(User, actor.user_id, populate_existing=True)
    if user is None or not user.active:
        raise PermissionDenied(f"账户“{actor.display_name}”已停用，不能再进行操作。请联系系统管理员。")
    fresh = actor_for(user)
    if fresh.roles == actor.roles and fresh.display_name == actor.display_name:
        return actor  # keeps a signer's proof object intact
    return fresh


def has_users(session: Session) -> bool:
    return bool(session.scalar(select(func.count()).select_from(User)))


def _clean_username(username: str) -> str:
    name = username.strip()
    if not name:
        raise ValidationError("请填写用户名。", field="username")
    if len(name) > 64 or any(c.isspace() for c in name):
        raise ValidationError("用户名不能含空格，且不超过 64 个字符。", field="username")
    return name


def _setter_label(actor: Actor) -> str:
    return f"{actor.display_name}（{actor.username}）"


def _set_password(user: User, password: str, by: Actor, now: datetime | None = None) -> None:
    """Store a new password and who set it. A password set by anyone but the account's owner is
    temporary: the next login must change it, and it cannot sign anything until then."""
    user.password_hash = hash_password(password)
    user.password_set_by_id = by.user_id
    user.password_set_by_name = _setter_label(by)
    user.password_set_at = now or utcnow()
    user.must_change_password = by.user_id is None or by.user_id != user.id


def _user_view(user: User) -> dict[str, object]:
    data = snapshot(user, exclude=("password_hash", "version"))
    data["roles"] = sorted(user.role_names)
    return data


def create_first_admin(session: Session, username: str, display_name: str, password: str) -> User:
    """The first-start wizard's account; refused once any account exists."""
    if has_users(session):
        raise PermissionDenied("系统中已有账户，不能再次创建初始管理员。")
    system = Actor.system()
    user = _create(session, system, username, display_name, password, [Role.ADMIN], section="")
    # The wizard is typed by the administrator themself: the password is their own.
    user.password_set_by_id, user.password_set_by_name = user.id, _setter_label(actor_for(user))
    user.must_change_password = False
    session.flush()
    # The wizard signs the new administrator in at once: that is the account's first login, so the
    # account list must not say 从未登录 to the person who is using it.
    user.last_login_at = utcnow()
    record(session, actor_for(user), "login", "user", user.id, summary="首次使用向导创建账户后登录")
    return user


def create_user(
    session: Session, actor: Actor, username: str, display_name: str, password: str,
    roles: Iterable[Role], section: str = "",
) -> User:
    actor.require(Role.ADMIN)
    return _create(session, actor, username, display_name, password, roles, section)


def _create(
    session: Session, actor: Actor, username: str, display_name: str, password: str,
    roles: Iterable[Role], section: str,
) -> User:
    name = _clean_username(username)
    if not display_name.strip():
        raise ValidationError("请填写姓名。", field="display_name")
    role_set = sorted({Role(r) for r in roles})
    if not role_set:
        raise ValidationError("请至少选择一个角色。", field="roles")
    check_strength(password, username=name, display_name=display_name)
    if session.scalar(select(User.id).where(func.lower(User.username) == name.lower())) is not None:
        raise ValidationError(f"用户名“{name}”已被使用，请换一个。", field="username")
    user = User(
        username=name, display_name=display_name.strip(), section=section.strip(),
        password_hash="", active=True, failed_attempts=0,
        roles=[UserRole(role=r.value) for r in role_set],
    )
    _set_password(user, password, actor)
    session.add(user)
    session.flush()
    record(session, actor, "create", "user", user.id, after=_user_view(user),
           summary=f"创建账户 {user.username}（{user.display_name}），初始密码由{user.password_set_by_name}设置")
    return user


def get_user(session: Session, user_id: int) -> User:
    return get_or_not_found(session, User, user_id, "该账户不存在。")


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.active.desc(), User.username)))


def update_user(
    session: Session, actor: Actor, user_id: int, *, display_name: str | None = None,
    section: str | None = None, roles: Iterable[Role] | None = None, expected_version: int | None = None,
) -> User:
    actor.require(Role.ADMIN)
    user = get_user(session, user_id)
    if expected_version is not None and user.version != expected_version:
        from app.errors import ConflictError

        raise ConflictError(
            f"账户“{user.username}”在您打开后已被其他人修改并保存。请逐项核对差异（对方的值 / 您的值），"
            "选定保留哪一个后再保存。"
        )
    before = _user_view(user)
    if display_name is not None:
        if not display_name.strip():
            raise ValidationError("请填写姓名。", field="display_name")
        user.display_name = display_name.strip()
    if section is not None:
        user.section = section.strip()
    if roles is not None:
        role_set = sorted({Role(r) for r in roles})
        if not role_set:
            raise ValidationError("请至少选择一个角色。", field="roles")
        if Role.ADMIN not in role_set and Role.ADMIN.value in user.role_names:
            _ensure_another_admin(session, user.id)
        user.roles = [UserRole(role=r.value) for r in role_set]
    # Roles live in their own rows: without this a role-only change would leave the account's
    # version as it was, and another PC's form opened before it would save over it unnoticed.
    flag_modified(user, "display_name")
    session.flush()
    record(session, actor, "update", "user", user.id, before=before, after=_user_view(user),
           summary=f"修改账户 {user.username}")
    return user


def _last_admin(session: Session, user_id: int) -> Refusal | None:
    others = session.scalar(
        select(func.count()).select_from(User).join(UserRole)
        .where(UserRole.role == Role.ADMIN.value, User.active.is_(True), User.id != user_id)
    )
    return None if others else Refusal("这是唯一一个有效的系统管理员账户，不能停用或取消其管理员角色。")


def _ensure_another_admin(session: Session, user_id: int) -> None:
    if refusal := _last_admin(session, user_id):
        raise refusal.error()


class AccountAction(StrEnum):
    DEACTIVATE = "deactivate"
    REACTIVATE = "reactivate"


def account_actions(session: Session, user_id: int, actor: Actor) -> Availability[AccountAction]:
    """Whether `actor` may deactivate or reactivate the account now, and why not (the accounts page
    checks it before asking "确定停用吗？")."""
    user = get_user(session, user_id)
    role = refused_for_roles(actor.lacks(Role.ADMIN))
    return Availability.of({
        AccountAction.DEACTIVATE: first(
            role,
            Refusal("不能停用自己正在使用的账户。") if actor.user_id == user.id else None,
            _last_admin(session, user.id) if user.active and Role.ADMIN.value in user.role_names else None,
        ),
        AccountAction.REACTIVATE: role,
    })


def set_active(session: Session, actor: Actor, user_id: int, active: bool) -> User:
    """Deactivate on staff change (history stays attached to the account) or reactivate."""
    actor.require(Role.ADMIN)
    user = get_user(session, user_id)
    if user.active == active:
        return user
    account_actions(session, user.id, actor).require(AccountAction.REACTIVATE if active else AccountAction.DEACTIVATE)
    before = _user_view(user)
    user.active = active
    session.flush()
    record(session, actor, "update", "user", user.id, before=before, after=_user_view(user),
           summary=("启用" if active else "停用") + f"账户 {user.username}")
    return user


def reset_password(session: Session, actor: Actor, user_id: int, new_password: str) -> None:
    """Administrator sets a temporary password; the user must change it at next login."""
    actor.require(Role.ADMIN)
    user = get_user(session, user_id)
    check_strength(new_password, username=user.username, display_name=user.display_name)
    before = _user_view(user)
    _set_password(user, new_password, actor)
    user.failed_attempts = 0
    user.locked_until = None
    session.flush()
    record(session, actor, "reset_password", "user", user.id, before=before, after=_user_view(user),
           summary=f"重置账户 {user.username} 的密码（临时密码由{user.password_set_by_name}设置，"
                   "须本人修改后才能签批）")


def change_own_password(session: Session, actor: Actor, old_password: str, new_password: str) -> None:
    if actor.user_id is None:
        raise PermissionDenied("系统账户没有密码。")
    user = get_user(session, actor.user_id)
    if not verify_password(old_password, user.password_hash):
        raise ValidationError("原密码不正确。", field="old_password")
    if old_password == new_password:
        raise ValidationError("新密码不能与原密码相同。", field="password")
    check_strength(new_password, username=user.username, display_name=user.display_name)
    before = _user_view(user)
    _set_password(user, new_password, actor_for(user))
    session.flush()
    record(session, actor, "change_password", "user", user.id, before=before, after=_user_view(user),
           summary=f"{user.username} 修改了自己的密码")


@dataclass(frozen=True)
class AuthResult:
    ok: bool
    message: str
    user: User | None = None

    @property
    def actor(self) -> Actor:
        assert self.user is not None
        return actor_for(self.user)


def authenticate(session: Session, username: str, password: str, now: datetime | None = None,
                 purpose: str = "login") -> AuthResult:
    """Check a user name and password. Never raises for a wrong password: the caller must commit,
    so that failed attempts and the lockout are stored and audited.

    The answer does not tell whether a user name exists: an unknown name costs the same password
    computation and gets the same words as a wrong password; only someone who typed the right
    password learns that the account is deactivated or locked."""
    now = now or utcnow()
    name = username.strip()
    user = session.scalar(select(User).where(func.lower(User.username) == name.lower()))
    anonymous = Actor(user_id=None, username=name[:64] or "?", display_name=name[:64] or "?")
    if user is None:
        burn_time_like_verify(password)
        record(session, anonymous, f"{purpose}_failed", "user", name[:64] or "?", summary="用户名不存在")
        return AuthResult(False, WRONG_CREDENTIALS)
    actor = actor_for(user)
    matched = verify_password(password, user.password_hash)
    if not user.active:
        record(session, actor, f"{purpose}_failed", "user", user.id, summary="账户已停用")
        return AuthResult(False, "该账户已停用，请联系系统管理员。" if matched else WRONG_CREDENTIALS)
    if user.locked_until is not None and user.locked_until > now:
        minutes = max(1, int((user.locked_until - now).total_seconds() // 60) + 1)
        record(session, actor, f"{purpose}_failed", "user", user.id, summary="账户锁定期间尝试登录")
        if matched:
            return AuthResult(False, f"密码连续输错 {MAX_FAILED_ATTEMPTS} 次，账户已锁定，请 {minutes} 分钟后再试。")
        return AuthResult(False, WRONG_CREDENTIALS)
    if not matched:
        user.failed_attempts += 1
        if user.failed_attempts >= MAX_FAILED_ATTEMPTS:
            user.locked_until = now + LOCKOUT
            user.failed_attempts = 0
            record(session, actor, f"{purpose}_failed", "user", user.id, summary="密码错误，账户已锁定 15 分钟")
        else:
            record(session, actor, f"{purpose}_failed", "user", user.id, summary="密码错误")
        return AuthResult(False, WRONG_CREDENTIALS)
    user.failed_attempts = 0
    user.locked_until = None
    if needs_rehash(user.password_hash):
        # Same password, today's cost; who set it does not change.
        user.password_hash = hash_password(password)
    if purpose == "login":
        user.last_login_at = now
    record(session, actor, purpose, "user", user.id, summary="登录成功" if purpose == "login" else "身份核验成功")
    return AuthResult(True, "", user)
