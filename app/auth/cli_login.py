"""The command line's administrator: commands that change or replace data ask who is doing it.

On a database with accounts, restore, import-register, migrate-db, demo and audit reseal need a
系统管理员's user name and password: typed at the prompt, or for scripts taken from the
environment variables GOVINFO_ADMIN_USER and GOVINFO_ADMIN_PASSWORD (documented in README.md).
Read-only commands (check, deadline, exports, audit verify, backup) are unchanged. Every attempt is
committed, so wrong passwords count toward the lockout exactly as at the login window.
"""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from app.auth.actor import Actor
from app.auth.roles import Role
from app.errors import PermissionDenied, UserError

if TYPE_CHECKING:
    from app.bootstrap import Database

ADMIN_USER_ENV = "GOVINFO_ADMIN_USER"
ADMIN_PASSWORD_ENV = "GOVINFO_ADMIN_PASSWORD"


def _credentials(what: str) -> tuple[str, str]:
    username = os.environ.get(ADMIN_USER_ENV, "")
    password = os.environ.get(ADMIN_PASSWORD_ENV, "")
    if username and password:
        return username, password
    if not sys.stdin.isatty():
        raise PermissionDenied(
            f"{what}会改动数据，须由系统管理员核验身份：请在终端中运行以输入用户名和密码，"
            f"或由脚本设置环境变量 {ADMIN_USER_ENV} 和 {ADMIN_PASSWORD_ENV}。"
        )
    print(f"{what}须由系统管理员核验身份。", file=sys.stderr)
    username = username or input("系统管理员用户名：").strip()
    password = password or getpass.getpass("密码：")
    return username, password


def require_cli_admin(db: Database, what: str) -> Actor:
    """The administrator doing `what` on `db`; Actor.system() while the database has no account yet
    (a fresh folder, where the first-start wizard has not run)."""
    from app.auth.service import authenticate, has_users

    with db.session_factory() as session:
        if not has_users(session):
            return Actor.system()
    username, password = _credentials(what)
    with db.session_factory.begin() as session:
        result = authenticate(session, username, password, purpose="cli")
        actor = result.actor if result.ok else None
    if actor is None:
        raise PermissionDenied(result.message)
    if not actor.has(Role.ADMIN):
        raise PermissionDenied(f"{what}须由系统管理员执行，“{actor.display_name}”不是系统管理员。")
    return actor


def require_admin_of_file(path: Path, what: str) -> None:
    """For a restore when the live database cannot be opened: an administrator of the backup."""
    from sqlalchemy import create_engine
    from sqlalchemy.orm import Session

    from app.auth.models import User, UserRole
    from app.auth.passwords import burn_time_like_verify, verify_password

    engine = create_engine(f"sqlite:///file:{path.as_posix()}?mode=ro&uri=true")
    try:
        with Session(engine) as session:
            if not session.scalar(select(func.count()).select_from(User)):
                return
            username, password = _credentials(what)
            user = session.scalar(select(User).where(func.lower(User.username) == username.strip().lower()))
            if user is None:
                burn_time_like_verify(password)
                ok = False
            else:
                is_admin = select(UserRole).where(UserRole.user_id == user.id, UserRole.role == Role.ADMIN.value)
                ok = verify_password(password, user.password_hash) and user.active and bool(session.scalar(is_admin))
    finally:
        engine.dispose()
    if not ok:
        raise UserError("用户名或密码不正确，或该账户不是备份中的有效系统管理员。")
