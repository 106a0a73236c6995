"""Nothing typed is lost in the review and publish dialogs (issue 19): Esc, 取消/关闭 and the window's
close button ask before throwing away an opinion, checklist ticks or a typed address."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.bootstrap import Database
from app.context import Actor
from app.review.enums import CHECKLIST_ITEMS, REQUIREMENTS, ReviewStage
from app.review.workflow import ChecklistMark, review, submit
from app.signoff.service import Decision
from tests.seen_hashes import seen_post
from tests.ui_review.conftest import type_text
from ui.context import AppContext
from ui.review.publish_dialog import PublishDialog
from ui.review.review_dialog import ReviewDialog

pytestmark = pytest.mark.gui
ALL_OK = {item: ChecklistMark(True) for item in (*CHECKLIST_ITEMS, *REQUIREMENTS)}


def _submitted(db: Database, add_post: Callable[..., int], editor: Actor) -> int:
    post_id = add_post()
    with db.session_factory.begin() as s:
        submit(s, editor, post_id)
    return post_id


def _button(box: QMessageBox, text: str) -> None:
    next(b for b in box.buttons() if b.text() == text).click()


def test_the_review_dialog_asks_before_throwing_away_an_opinion_and_ticks(
        qtbot: QtBot, db: Database, ctx: AppContext, add_post: Callable[..., int], people: dict[str, Actor]) -> None:
    post_id = _submitted(db, add_post, people["editor"])
    untouched = ReviewDialog(ctx, post_id)
    qtbot.addWidget(untouched)
    untouched.show()
    qtbot.keyClick(untouched, Qt.Key.Key_Escape)
    assert not untouched.isVisible() and untouched.guard.question is None  # nothing typed: no question

    dialog = ReviewDialog(ctx, post_id)
    qtbot.addWidget(dialog)
    dialog.show()
    points = dialog.points
    points.setData(points.index(0, 1), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)  # 取消
    assert dialog.isVisible() and dialog.guard.question is not None
    assert "审核意见和审核要点尚未保存" in dialog.guard.question.text()
    _button(dialog.guard.question, "继续填写")
    assert dialog.isVisible()
    type_text(qtbot, dialog.opinion, "已校对")
    dialog.close()  # the window's close button
    assert dialog.isVisible() and dialog.guard.question is not None
    _button(dialog.guard.question, "放弃")
    assert not dialog.isVisible()


def test_the_publish_dialog_asks_before_throwing_away_a_typed_address(
        qtbot: QtBot, db: Database, ctx: AppContext, add_post: Callable[..., int], people: dict[str, Actor]) -> None:
    post_id = _submitted(db, add_post, people["editor"])
    for stage, who in ((ReviewStage.FIRST, "editor"), (ReviewStage.SECOND, "head"), (ReviewStage.THIRD, "leader")):
        with db.session_factory.begin() as s:
            review(s, people[who], post_id, stage, Decision.APPROVE, "同意", ALL_OK, seen_hash=seen_post(s, post_id))
    dialog = PublishDialog(ctx, post_id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.publish_box.isEnabled()
    qtbot.keyClicks(dialog.url, "https://www.jinping.gov.cn/zwgk/1.html")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.guard.question is not None
    _button(dialog.guard.question, "继续填写")
    qtbot.mouseClick(dialog.publish_button, Qt.MouseButton.LeftButton)  # recorded: nothing left to lose
    assert "已记录发布" in dialog.message.text()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
