"""The 发布审核 staff the review tests sign in as: one table of usernames, roles and names."""

from __future__ import annotations

from collections.abc import Callable

from app.auth.roles import Role
from app.context import Actor

REVIEW_STAFF: dict[str, tuple[tuple[Role, ...], str]] = {
    "editor": ((Role.EDITOR,), "王芳"),
    "editor2": ((Role.EDITOR,), "李强"),
    "head": ((Role.SECTION_HEAD,), "赵敏"),
    "leader": ((Role.LEADER_IN_CHARGE,), "陈军"),
    "clerk": ((Role.DISCLOSURE_STAFF,), "孙丽"),
    "admin": ((Role.ADMIN,), "管理员"),
}


def review_people(make_user: Callable[..., Actor], *usernames: str) -> dict[str, Actor]:
    """The named accounts of REVIEW_STAFF, created in the order given (their ids follow it)."""
    return {name: make_user(name, *REVIEW_STAFF[name][0], display_name=REVIEW_STAFF[name][1]) for name in usernames}
