"""The post detail takes 提交审核 from app.review.post_actions: the author and an administrator may
press it; anyone else sees it off, with the reason (issue 14)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from app.auth.roles import Role
from app.bootstrap import Database
from app.context import Actor
from ui.context import AppContext
from ui.review.post_detail import PostDetail

pytestmark = pytest.mark.gui


def _detail(qtbot: QtBot, ctx: AppContext, post_id: int) -> PostDetail:
    detail = PostDetail(ctx)
    qtbot.addWidget(detail)
    detail.show()
    detail.show_post(post_id)
    return detail


def test_submit_is_the_authors_or_an_administrators(qtbot: QtBot, db: Database, people: dict[str, Actor],
                                                   make_user: Callable[..., Actor],
                                                   add_post: Callable[..., int]) -> None:
    post_id = add_post()  # written by 王芳
    for who in ("editor", "admin"):
        button = _detail(qtbot, AppContext(db, people[who]), post_id).submit_button
        assert button.isVisible() and button.isEnabled() and button.toolTip() == ""
    colleague = make_user("editor2", Role.EDITOR, display_name="李强")
    button = _detail(qtbot, AppContext(db, colleague), post_id).submit_button
    assert button.isVisible() and not button.isEnabled()
    assert button.toolTip() == "只有稿件作者可以提交审核。"
