"""An account saved by someone else first (issue 19): its differing fields in words, for the
conflict dialog (app.form_conflict does the comparing and merging)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from app.auth.models import User
from app.auth.roles import Role
from app.form_conflict import FieldConflict, differences

ACCOUNT_LABELS = {"display_name": "姓名", "section": "科室", "roles": "角色"}


@dataclass(frozen=True)
class AccountForm:
    """What the 编辑账户 form edits; roles sorted so the order they were ticked in is no difference."""

    display_name: str
    section: str
    roles: tuple[Role, ...]

    @classmethod
    def of(cls, display_name: str, section: str, roles: Iterable[str]) -> AccountForm:
        return cls(display_name.strip(), section.strip(), tuple(sorted({Role(r) for r in roles})))

    @classmethod
    def from_user(cls, user: User) -> AccountForm:
        return cls.of(user.display_name, user.section, user.role_names)


def shown_value(name: str, value: object) -> str:
    if name == "roles" and isinstance(value, tuple):
        return "、".join(Role(r).label for r in value) or "（空）"
    return str(value) if value not in (None, "") else "（空）"


def account_differences(original: AccountForm, theirs: AccountForm, yours: AccountForm) -> list[FieldConflict]:
    return differences(original, theirs, yours, labels=ACCOUNT_LABELS, shown=shown_value)
