"""Sample data so a newcomer sees a living application. Features register their own fillers."""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from app.auth.models import User
from app.auth.proof import prove_password
from app.auth.roles import Role
from app.auth.service import create_first_admin, create_user, has_users
from app.context import Actor
from app.errors import UserError
from app.workdays.calendar import WorkCalendar

DEMO_PASSWORD = "Demo@2024"

DEMO_USERS: tuple[tuple[str, str, str, tuple[Role, ...]], ...] = (
    ("wangfang", "王芳", "信息中心", (Role.EDITOR, Role.DISCLOSURE_STAFF)),
    ("liqiang", "李强", "信息中心", (Role.EDITOR,)),
    ("zhaomin", "赵敏", "信息中心", (Role.SECTION_HEAD,)),
    ("chenjun", "陈军", "县政府办公室", (Role.LEADER_IN_CHARGE,)),
    ("yanghua", "杨华", "县政府办公室", (Role.PRINCIPAL_LEADER,)),
    ("sunli", "孙丽", "文书科", (Role.DISCLOSURE_STAFF,)),
)


@dataclass
class DemoContext:
    session: Session
    actor: Actor
    users: dict[str, User]
    calendar: WorkCalendar
    today: date
    rng: random.Random
    _signers: dict[str, Actor] = field(default_factory=dict)

    def signer(self, username: str) -> Actor:
        """The sample account as a signer: its password is checked like the sign-off dialog's."""
        if username not in self._signers:
            proof = prove_password(self.users[username], DEMO_PASSWORD)
            if proof is None:
                raise UserError(f"示例账户 {username} 的密码核验失败。")
            self._signers[username] = proof
        return self._signers[username]


class DemoWriter:
    """Base of each area's demo writer: the context's parts under the short names they all use."""

    def __init__(self, ctx: DemoContext) -> None:
        self.ctx, self.s, self.cal, self.today, self.rng = ctx, ctx.session, ctx.calendar, ctx.today, ctx.rng


def demo_docx(title: str, body: str, doc_no: str = "") -> bytes:
    """A small Word file in official layout standing in for a real document or scan."""
    # Imported here: the areas import their demo modules at start-up (they register fillers) and
    # python-docx must load only when first used (issue 8).
    from reports.docx_layout import add_body, add_doc_no, add_title, new_document

    doc = new_document()
    add_title(doc, title)
    if doc_no:
        add_doc_no(doc, doc_no)
    add_body(doc, body)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


DemoFiller = Callable[[DemoContext], str]
_FILLERS: dict[str, DemoFiller] = {}


def register_filler(name: str, fn: DemoFiller) -> None:
    _FILLERS[name] = fn


def fill_demo(session: Session, calendar: WorkCalendar, today: date, seed: int = 2024) -> list[str]:
    """Create demo accounts and every feature's sample records; refuses a database in use."""
    if has_users(session):
        raise UserError("数据库中已有账户，示例数据只能写入全新的数据库。请使用新的数据文件夹（--data-dir）。")
    admin = create_first_admin(session, "admin", "系统管理员", DEMO_PASSWORD)
    system = Actor.system()
    users = {"admin": admin}
    for username, name, section, roles in DEMO_USERS:
        users[username] = create_user(session, system, username, name, DEMO_PASSWORD, roles, section)
    for user in users.values():
        # Sample accounts share one published password and sign sample records at once, so they
        # are made as if each person had set it (a real account's first password is temporary).
        user.password_set_by_id, user.password_set_by_name = user.id, f"{user.display_name}（{user.username}）"
        user.must_change_password = False
    session.flush()
    lines = [f"示例账户：admin 及 {', '.join(u[0] for u in DEMO_USERS)}，密码均为 {DEMO_PASSWORD}"]
    ctx = DemoContext(session, system, users, calendar, today, random.Random(seed))
    for fn in _FILLERS.values():
        lines.append(fn(ctx))
    return lines
