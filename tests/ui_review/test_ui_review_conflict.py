"""已被他人修改 on a post (issue 19): the editor shows the differing fields and saves the choice on
the other PC's version."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.bootstrap import Database
from app.context import Actor
from app.review.models import Post
from app.review.posts import form_of, update_post
from ui.context import AppContext
from ui.review.post_editor import PostEditor

pytestmark = pytest.mark.gui


def test_a_stale_post_editor_shows_the_differences_and_saves_the_choice(
        qtbot: QtBot, db: Database, ctx: AppContext, add_post: Callable[..., int], people: dict[str, Actor]) -> None:
    post_id = add_post(body="第一段。")
    editor = PostEditor(ctx, post_id)
    qtbot.addWidget(editor)
    editor.show()
    with db.session_factory.begin() as s:  # another PC retitles the draft
        post = s.get(Post, post_id)
        assert post is not None
        form = form_of(post)
        form.title = "国务院办公厅关于进一步优化营商环境的通知"
        update_post(s, people["editor"], post_id, form, post.version)
    editor.body.setPlainText("第一段。\n第二段：补充了办理时限。")
    assert not editor.save()
    conflict = editor.conflict
    assert conflict is not None and conflict.isVisible()
    rows = {r.field: (r.theirs, r.yours) for r in conflict.rows}
    assert rows == {"title": ("国务院办公厅关于进一步优化营商环境的通知", "国务院办公厅关于优化营商环境的通知"),
                    "body": ("第一段。", "第一段。\n第二段：补充了办理时限。")}
    assert conflict.theirs["title"].isChecked() and conflict.mine["body"].isChecked()
    qtbot.mouseClick(conflict.save_button, Qt.MouseButton.LeftButton)
    with db.session_factory() as s:
        post = s.get(Post, post_id)
        assert post is not None
        assert post.title == "国务院办公厅关于进一步优化营商环境的通知"
        assert post.body == "第一段。\n第二段：补充了办理时限。"
    assert not editor.dirty
