"""The accounts table: plain rows copied out of the session, so the view never touches the ORM."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QBrush, QColor

from app.auth.models import User
from app.auth.roles import Role
from app.db.base import utcnow
from app.localtime import to_local
from ui.admin.table_model import AdminColumn, AdminTable, admin_columns
from ui.style import Colour
from ui.translate import translator

_tr = translator("UsersModel")


@dataclass(frozen=True)
class UserRow:
    id: int
    username: str
    display_name: str
    section: str
    roles: tuple[Role, ...]
    active: bool
    locked: bool
    must_change_password: bool
    last_login_local: datetime | None
    version: int

    @classmethod
    def from_user(cls, user: User, now_utc: datetime | None = None) -> UserRow:
        now_utc = now_utc or utcnow()
        roles = tuple(r for r in Role if r.value in user.role_names)
        return cls(
            id=user.id, username=user.username, display_name=user.display_name, section=user.section,
            roles=roles, active=user.active,
            locked=user.locked_until is not None and user.locked_until > now_utc,
            must_change_password=user.must_change_password,
            last_login_local=to_local(user.last_login_at) if user.last_login_at else None,
            version=user.version,
        )

    @property
    def roles_text(self) -> str:
        return "、".join(r.label for r in self.roles)

    @property
    def status_text(self) -> str:
        if not self.active:
            return _tr("停用")
        if self.locked:
            return _tr("启用（锁定中）")
        return _tr("启用")


_COLUMNS: tuple[AdminColumn[UserRow], ...] = (
    (QT_TRANSLATE_NOOP("UsersModel", "用户名"), lambda row: row.username),
    (QT_TRANSLATE_NOOP("UsersModel", "姓名"), lambda row: row.display_name),
    (QT_TRANSLATE_NOOP("UsersModel", "科室"), lambda row: row.section),
    (QT_TRANSLATE_NOOP("UsersModel", "角色"), lambda row: row.roles_text),
    (QT_TRANSLATE_NOOP("UsersModel", "状态"), lambda row: row.status_text),
    (QT_TRANSLATE_NOOP("UsersModel", "最近登录"),
     lambda row: row.last_login_local.strftime("%Y-%m-%d %H:%M") if row.last_login_local else _tr("从未登录")),
)


class UsersModel(AdminTable[UserRow]):
    CONTEXT = "UsersModel"
    COLUMNS, DISPLAY = admin_columns(_COLUMNS)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[UserRow] = []

    def set_rows(self, rows: list[UserRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_of(self, user_id: int) -> int:
        return next((i for i, r in enumerate(self.rows) if r.id == user_id), -1)

    def other_data(self, row: UserRow, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole:
            # A deactivated account stays listed (its history matters) but reads as inactive.
            if not row.active:
                return QBrush(QColor("#9a9a9a"))
            if col == 4 and row.locked:
                return QBrush(QColor(Colour.ERROR))
            if col == 5 and row.last_login_local is None:
                return QBrush(QColor("#8a8a8a"))
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == 3:
                return row.roles_text
            if col == 4 and row.must_change_password:
                return _tr("下次登录时须修改密码")
            return None
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None
