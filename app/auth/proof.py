"""Proof that a person typed their own password just now: the only thing a sign-off accepts.

`prove_password` is the one place a `VerifiedSigner` is made, and only after the password matched.
The signer carries an HMAC under a key that exists only in this process's memory, over the
account, the password hash it was checked against and the time; `confirm_signer` refuses an
Actor that is not such a signer (a hand-made Actor, the logged-in Actor of the window, a signer
from another process or older than SIGNER_PROOF_TTL) and then re-reads the account in the
caller's transaction: deactivated, password changed or reset since, or a password last set by
someone else, and the signature is refused; the roles used are the account's roles now.

What this does not protect against: code running inside this process can call anything here;
the guarantee is that no caller of a service can sign for someone without their password.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import time
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.auth.actor import Actor, os_user
from app.auth.models import User
from app.auth.passwords import verify_password
from app.auth.roles import Role
from app.errors import PermissionDenied

SIGNER_PROOF_TTL = 600.0  # seconds between typing the password and the signature being stored
_KEY = os.urandom(32)


@dataclass(frozen=True)
class VerifiedSigner(Actor):
    """An Actor that typed their password `issued_at`; made only by prove_password."""

    password_fingerprint: str = ""
    issued_at: float = 0.0
    token: str = ""


def _fingerprint(password_hash: str) -> str:
    return hashlib.sha256(password_hash.encode("utf-8")).hexdigest()[:32]


def _token(user_id: int, fingerprint: str, issued_at: float) -> str:
    message = f"{user_id}|{fingerprint}|{issued_at!r}".encode()
    return hmac.new(_KEY, message, hashlib.sha256).hexdigest()


def _roles(user: User) -> frozenset[Role]:
    return frozenset(Role(r) for r in user.role_names if r in Role._value2member_map_)


def prove_password(user: User, password: str) -> VerifiedSigner | None:
    """Check `password` against the account; the signer proof on success, None otherwise."""
    if not verify_password(password, user.password_hash):
        return None
    issued = time.time()
    fingerprint = _fingerprint(user.password_hash)
    return VerifiedSigner(
        user_id=user.id, username=user.username, display_name=user.display_name, roles=_roles(user),
        os_user=os_user(), password_fingerprint=fingerprint, issued_at=issued,
        token=_token(user.id, fingerprint, issued),
    )


def password_setter_refusal(user: User) -> str | None:
    """Why this account may not sign while its password is not its own (None when it may)."""
    if user.password_is_own and not user.must_change_password:
        return None
    who = user.password_set_by_name or "他人（本系统升级前设置，无法确认设置人）"
    return (f"“{user.display_name}”的密码最近一次由{who}设置，不是本人设置的，不能用于签批。"
            "请本人登录并修改密码后再签批。")


def confirm_signer(session: Session, signer: Actor) -> Actor:
    """The signer as the database knows them now, in the caller's transaction; raises
    PermissionDenied unless `signer` is a fresh proof of this account's current password."""
    if not isinstance(signer, VerifiedSigner) or signer.user_id is None:
        raise PermissionDenied("签批须由签批人本人输入用户名和密码核验身份；未经密码核验，不能记录签批。")
    expected = _token(signer.user_id, signer.password_fingerprint, signer.issued_at)
    if not hmac.compare_digest(expected, signer.token):
        raise PermissionDenied("签批人身份核验凭据无效，请签批人重新输入密码。")
    if not 0 <= time.time() - signer.issued_at <= SIGNER_PROOF_TTL:
        raise PermissionDenied("签批人身份核验已过期，请签批人重新输入密码。")
    # The row lock makes a deactivation or reset committed at this moment wait for (or beat) us.
    user = session.scalars(
        select(User).where(User.id == signer.user_id).with_for_update()
        .execution_options(populate_existing=True)
    ).one_or_none()
    if user is None or not user.active:
        raise PermissionDenied(f"“{signer.display_name}”的账户已停用，不能签批。")
    if _fingerprint(user.password_hash) != signer.password_fingerprint:
        raise PermissionDenied(f"“{signer.display_name}”的密码在核验后已被修改或重置，请重新输入密码签批。")
    refusal = password_setter_refusal(user)
    if refusal:
        raise PermissionDenied(refusal)
    return Actor(user_id=user.id, username=user.username, display_name=user.display_name,
                 roles=_roles(user), os_user=signer.os_user)
