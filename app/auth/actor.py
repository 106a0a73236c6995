"""Who is acting: every service that changes data takes an Actor and checks its roles."""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass, field

from app.auth.roles import Role
from app.errors import PermissionDenied


def os_user() -> str:
    """The operating-system account, from the system's own user database where there is one:
    LOGNAME/USER are whatever the caller exported, so the audit trail does not trust them."""
    try:
        import pwd

        return pwd.getpwuid(os.getuid()).pw_name
    except (ImportError, KeyError, AttributeError):
        pass
    try:
        return getpass.getuser()
    except Exception:  # no login name on some service accounts
        return "unknown"


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    username: str
    display_name: str
    roles: frozenset[Role] = field(default_factory=frozenset)
    os_user: str = field(default_factory=os_user)

    @classmethod
    def system(cls) -> Actor:
        """The account the command line acts as; the audit trail names the operating-system user."""
        return cls(user_id=None, username="system", display_name="系统（命令行）", roles=frozenset(Role))

    @property
    def is_system(self) -> bool:
        return self.user_id is None

    def has(self, *roles: Role) -> bool:
        return any(r in self.roles for r in roles)

    def lacks(self, *roles: Role) -> str:
        """'' when the actor holds one of `roles`, otherwise the Chinese refusal (app.availability shows it)."""
        if self.has(*roles):
            return ""
        names = "、".join(r.label for r in roles)
        return f"此操作需要以下角色之一：{names}。当前用户“{self.display_name}”无此权限。"

    def require(self, *roles: Role) -> None:
        """Raise PermissionDenied unless the actor holds at least one of `roles`."""
        if missing := self.lacks(*roles):
            raise PermissionDenied(missing)
