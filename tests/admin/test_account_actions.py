"""app.auth.service.account_actions: who may deactivate which account, and why not; set_active refuses
with the same sentences (issue 14)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy.orm import Session

from app.auth.roles import Role
from app.auth.service import AccountAction, account_actions, set_active
from app.context import Actor
from app.errors import UserError


def test_reasons_and_refusals(session: Session, make_user: Callable[..., Actor]) -> None:
    admin = make_user("guanli", Role.ADMIN, display_name="管理员")
    clerk = make_user("clerk", Role.DISCLOSURE_STAFF, display_name="刘经办")
    assert admin.user_id is not None and clerk.user_id is not None
    mine = account_actions(session, admin.user_id, admin)
    assert mine.reason(AccountAction.DEACTIVATE) == "不能停用自己正在使用的账户。"
    assert account_actions(session, clerk.user_id, admin).allowed(AccountAction.DEACTIVATE)
    role = "此操作需要以下角色之一：系统管理员。当前用户“刘经办”无此权限。"
    assert account_actions(session, admin.user_id, clerk).reason(AccountAction.DEACTIVATE) == role
    # The only administrator cannot be deactivated even by the command line's system actor.
    last = "这是唯一一个有效的系统管理员账户，不能停用或取消其管理员角色。"
    assert account_actions(session, admin.user_id, Actor.system()).reason(AccountAction.DEACTIVATE) == last
    for who, target, reason in ((admin, admin.user_id, mine.reason(AccountAction.DEACTIVATE)),
                                (clerk, admin.user_id, role), (Actor.system(), admin.user_id, last)):
        with pytest.raises(UserError) as err:
            set_active(session, who, target, False)
        assert str(err.value) == reason
