"""People as the office knows them: 王芳（信息中心）, never the login name wangfang.

Records store the login name of whoever acted (it is unique and never reused); screens show the
person's name and section instead. A login name without an account (the command line's system
user, an account removed later) is shown as it is, so nothing is hidden.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.auth.models import User


def person_labels(session: Session, usernames: Iterable[str]) -> dict[str, str]:
    """login name → "姓名（科室）" (or "姓名" without a section) for each name given."""
    wanted = {u for u in usernames if u}
    if not wanted:
        return {}
    rows = session.execute(select(User.username, User.display_name, User.section).where(User.username.in_(wanted)))
    labels = {u: u for u in wanted}
    for username, name, section in rows:
        labels[username] = f"{name}（{section}）" if section else name
    return labels


def person_label(session: Session, username: str) -> str:
    return person_labels(session, [username]).get(username, username)
