"""Checking a signer and recording a sign-off; each feature decides which roles may sign which step."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.audit.service import record
from app.auth.models import User
from app.auth.proof import VerifiedSigner, confirm_signer, password_setter_refusal, prove_password
from app.auth.roles import Role
from app.auth.service import authenticate
from app.context import Actor
from app.errors import ConflictError, PermissionDenied, ValidationError
from app.signoff.models import SignOff


class Decision(StrEnum):
    APPROVE = "approve"
    RETURN = "return"

    @property
    def label(self) -> str:
        return "同意" if self is Decision.APPROVE else "退回"


@dataclass(frozen=True)
class SignerCheck:
    ok: bool
    message: str
    actor: VerifiedSigner | None = None


Excluded = Iterable[int] | Mapping[int, str]
"""Who may not sign: user ids, or user ids with the reason each is refused (the feature's own words,
e.g. "稿件作者不能签署二审、三审"); plain ids get the generic two-steps reason."""


def exclusion_reason(excluded: Excluded, user_id: int | None, display_name: str) -> str:
    """'' when `user_id` may sign, otherwise why not."""
    if user_id is None or user_id not in set(excluded):
        return ""
    if isinstance(excluded, Mapping):
        return str(excluded[user_id])
    return f"“{display_name}”已签署过本事项的其他环节，同一人不能签署两个环节。"


def check_signer(
    session: Session, username: str, password: str, roles: Iterable[Role],
    exclude_user_ids: Excluded = (),
) -> SignerCheck:
    """Authenticate the person signing and check they may sign. The caller commits whatever the
    outcome, so failed attempts count towards the lockout exactly as at login."""
    result = authenticate(session, username, password, purpose="signoff")
    if not result.ok or result.user is None:
        return SignerCheck(False, result.message)
    refusal = password_setter_refusal(result.user)
    if refusal:
        return SignerCheck(False, refusal)
    actor = prove_password(result.user, password)
    if actor is None:  # authenticate just matched this password; only a concurrent reset gets here
        return SignerCheck(False, "签批人的密码刚刚被修改，请重新输入。")
    allowed = tuple(roles)
    if not actor.has(*allowed):
        names = "、".join(r.label for r in allowed)
        return SignerCheck(False, f"“{actor.display_name}”不具有签批此事项所需的角色（{names}）。")
    if why := exclusion_reason(exclude_user_ids, actor.user_id, actor.display_name):
        return SignerCheck(False, why)
    return SignerCheck(True, "", actor)


def record_signoff(
    session: Session, signer: Actor, *, subject_type: str, subject_id: int, step: str,
    decision: Decision, opinion: str, roles: Iterable[Role], exclude_user_ids: Excluded = (),
    round: int = 1, summary: str = "", content_hash: str = "",
) -> SignOff:
    """Store one signature. Refuses a signer without proof of their password (see app.auth.proof),
    a deactivated account or one whose password someone else set, a signer without the role
    *now*, a signer excluded from this step (e.g. the author of a post), a return without
    reasons, and a second signature on the step. `content_hash` is what the signer was shown
    (app.signoff.content.require_seen, checked by the feature before it calls here)."""
    allowed = tuple(roles)
    signer = confirm_signer(session, signer)
    signer.require(*allowed)
    if signer.user_id is None:
        raise PermissionDenied("同一人不能签署同一事项的两个环节，请由另一位有权限的人员签批。")
    if isinstance(exclude_user_ids, Mapping) and signer.user_id in exclude_user_ids:
        raise PermissionDenied(str(exclude_user_ids[signer.user_id]))
    if signer.user_id in set(exclude_user_ids):
        raise PermissionDenied("同一人不能签署同一事项的两个环节，请由另一位有权限的人员签批。")
    if decision is Decision.RETURN and not opinion.strip():
        raise ValidationError("退回时必须写明理由。", field="opinion")
    role = next(r for r in allowed if r in signer.roles)
    existing = session.scalar(
        select(SignOff).where(
            SignOff.subject_type == subject_type, SignOff.subject_id == subject_id,
            SignOff.step == step, SignOff.round == round,
        )
    )
    if existing is not None:
        raise ConflictError(f"该环节已由“{existing.signer_name}”签批，不能重复签批。请刷新后查看。")
    sign = SignOff(
        subject_type=subject_type, subject_id=subject_id, step=step, round=round,
        signer_id=signer.user_id, signer_name=signer.display_name, signer_role=role.value,
        decision=decision.value, opinion=opinion.strip(), content_hash=content_hash,
    )
    account = session.get(User, signer.user_id)
    if account is not None:
        sign.signer_password_set_by = account.password_set_by_name
        sign.signer_password_set_at = account.password_set_at
    session.add(sign)
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError as exc:
        raise ConflictError("该环节刚刚已由他人签批，不能重复签批。请刷新后查看。") from exc
    record(
        session, signer, "sign_off", subject_type, subject_id,
        after={"环节": step, "轮次": round, "结论": decision.label, "意见": sign.opinion, "角色": role.label,
               "密码设置人": sign.signer_password_set_by, "密码设置时间": sign.signer_password_set_at,
               "内容校验值": content_hash},
        summary=summary or f"{signer.display_name}签批（{decision.label}）",
    )
    return sign


def signoffs_for(session: Session, subject_type: str, subject_id: int) -> list[SignOff]:
    return list(
        session.scalars(
            select(SignOff)
            .where(SignOff.subject_type == subject_type, SignOff.subject_id == subject_id)
            .order_by(SignOff.signed_at, SignOff.id)
        )
    )
