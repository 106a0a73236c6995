"""The post editor records what kind of 政策解读 a post is (the website report counts each kind)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from app.bootstrap import Database
from app.review.models import Post
from ui.context import AppContext
from ui.review.post_editor import PostEditor

pytestmark = pytest.mark.gui


def test_the_kind_is_saved_and_shown_again(qtbot: QtBot, db: Database, ctx: AppContext,
                                           add_post: Callable[..., int]) -> None:
    post_id = add_post(title="《锦屏县农村危房改造补助资金管理办法》政策解读", target="政策解读")
    editor = PostEditor(ctx, post_id)
    qtbot.addWidget(editor)
    editor.show()
    box = editor.interpretation
    assert box.isEnabled() and box.kind() == ""
    assert [box.combo.itemText(i) for i in range(box.combo.count())] == [
        "（非政策解读）", "解读材料", "解读产品", "媒体评论文章"]
    box.combo.setCurrentIndex(box.combo.findText("解读产品"))
    assert editor.dirty
    assert editor.save()
    with db.session_factory() as s:
        post = s.get(Post, post_id)
        assert post is not None and post.interpretation_kind == "product"
    editor.close()
    again = PostEditor(ctx, post_id)
    qtbot.addWidget(again)
    assert again.interpretation.combo.currentText() == "解读产品"
