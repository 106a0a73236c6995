"""Issue 4's done-means: an editor, a section head and a leader take a post from draft to confirmed
publication in the GUI, with a return at 三审 and refused second signatures."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.auth.roles import Role
from app.bootstrap import Database
from app.context import Actor
from app.review.enums import PostStatus, SourceKind
from app.review.models import Post, StageReview
from app.review.posts import get_post
from app.signoff.service import Decision
from tests.ui_review.conftest import GOV_URL, reprint_time, sign, status_of, tick_all, type_text
from ui.context import AppContext
from ui.review.review_dialog import ReviewDialog
from ui.review.tab import ReviewTab
from ui.signoff_dialog import SignOffDialog

pytestmark = pytest.mark.gui
CLICK = Qt.MouseButton.LeftButton


def reviews(db: Database, post_id: int) -> list[tuple[int, str, str, str]]:
    with db.session_factory() as s:
        rows = s.scalars(select(StageReview).where(StageReview.post_id == post_id).order_by(StageReview.id))
        return [(r.round, r.stage, r.decision, r.reviewer_name) for r in rows]


def open_review(qtbot: QtBot, tab: ReviewTab, post_id: int, opinion: str = "") -> ReviewDialog:
    tab.select_post(post_id)
    assert tab.detail.review_button.isVisible()
    qtbot.mouseClick(tab.detail.review_button, CLICK)
    dialog = next(d for d in tab.dialogs if isinstance(d, ReviewDialog))
    assert dialog.isVisible()
    tick_all(dialog)
    if opinion:
        type_text(qtbot, dialog.opinion, opinion)
    return dialog


def discard(dialog: ReviewDialog) -> None:
    """Close a review dialog with ticks or an opinion typed: it asks first (issue 19), 放弃 closes it."""
    dialog.reject()
    assert dialog.isVisible() and dialog.guard.question is not None
    next(b for b in dialog.guard.question.buttons() if b.text() == "放弃").click()
    assert not dialog.isVisible()


def shown_tab(qtbot: QtBot, ctx: AppContext) -> ReviewTab:
    tab = ReviewTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    return tab


def approve_signed_by(qtbot: QtBot, dialog: ReviewDialog, signer: str) -> SignOffDialog:
    """通过 pressed in the review dialog, then `signer` signs in the sign-off dialog it opens."""
    qtbot.mouseClick(dialog.approve_button, CLICK)
    assert dialog.signoff is not None
    sign(qtbot, dialog.signoff, signer)
    return dialog.signoff


def pass_stage_signed(qtbot: QtBot, tab: ReviewTab, post_id: int, signer: str) -> None:
    """二审 or 三审 approved by `signer` in the sign-off dialog."""
    dialog = open_review(qtbot, tab, post_id, "同意")
    qtbot.mouseClick(dialog.approve_button, CLICK)
    assert dialog.signoff is not None and dialog.signoff.isVisible()
    assert dialog.signoff.opinion.toPlainText() == "同意"
    sign(qtbot, dialog.signoff, signer)
    assert not dialog.isVisible()


def pass_first_review(qtbot: QtBot, tab: ReviewTab, post_id: int) -> None:
    dialog = open_review(qtbot, tab, post_id, "已校对")
    assert "信息采编员负责一级初审校对" in dialog.duty.text()
    qtbot.mouseClick(dialog.approve_button, CLICK)
    assert dialog.signoff is None  # 初审 is the signed-in editor's own, no second password
    assert not dialog.isVisible()


def at_second_review(qtbot: QtBot, tab: ReviewTab, post_id: int) -> None:
    """Submitted and passed 初审 by the signed-in editor."""
    assert tab.submit_post(post_id)
    pass_first_review(qtbot, tab, post_id)


def test_draft_to_confirmed_publication_with_a_return(qtbot: QtBot, db: Database, ctx: AppContext) -> None:
    tab = shown_tab(qtbot, ctx)

    # The editor writes the post in the editor and submits it.
    qtbot.mouseClick(tab.new_button, CLICK)
    editor = tab.dialogs[-1]
    from ui.review.post_editor import PostEditor
    assert isinstance(editor, PostEditor)
    type_text(qtbot, editor.title_edit, "国务院办公厅关于优化营商环境的通知")
    editor.target.setCurrentIndex(editor.target.findData("政策文件"))
    editor.body.setPlainText("为进一步优化营商环境，现就有关事项通知如下。")
    editor.tabs.setCurrentIndex(1)
    src = editor.source
    assert src.kind() is SourceKind.REPRINT and src.current_page() == 0
    type_text(qtbot, src.site, "中国政府网")
    src.reprinted.setDateTime(reprint_time())
    qtbot.keyClicks(src.url, GOV_URL)
    type_text(qtbot, src.source_unit, "县发展改革局")
    assert src.verdict.text().startswith("✔ 权威来源：中国政府网")
    qtbot.mouseClick(editor.submit_button, CLICK)
    assert not editor.isVisible()
    post_id = tab.detail.post_id
    assert post_id is not None and status_of(db, post_id) == PostStatus.FIRST_REVIEW.value
    with db.session_factory() as s:
        post = get_post(s, post_id)
        assert post.reprinted_at is not None and post.source_unit == "县发展改革局"
    assert tab.model.rows[tab.model.row_of_post(post_id)].status is PostStatus.FIRST_REVIEW

    # Round 1: 初审 by the editor, 二审 by the section head on this PC.
    pass_first_review(qtbot, tab, post_id)
    assert status_of(db, post_id) == PostStatus.SECOND_REVIEW.value
    pass_stage_signed(qtbot, tab, post_id, "head")
    assert status_of(db, post_id) == PostStatus.THIRD_REVIEW.value

    # The section head tries 三审 too: refused in the dialog, nothing stored.
    dialog = open_review(qtbot, tab, post_id, "同意")
    approve_signed_by(qtbot, dialog, "head")
    assert dialog.signoff.isVisible() and dialog.signoff.message.isVisible()
    assert "分管领导" in dialog.signoff.message.text()
    assert status_of(db, post_id) == PostStatus.THIRD_REVIEW.value and len(reviews(db, post_id)) == 2

    # The leader returns it at 三审 with a reason, signing the return.
    dialog.signoff.reject()
    discard(dialog)
    dialog = open_review(qtbot, tab, post_id)
    qtbot.mouseClick(dialog.return_button, CLICK)
    assert dialog.signoff is None and "理由" in dialog.message.text()  # a return needs its reason first
    type_text(qtbot, dialog.opinion, "第二段数据请与县统计局核对")
    qtbot.mouseClick(dialog.return_button, CLICK)
    assert dialog.signoff is not None and not dialog.signoff.approve_button.isVisible()
    sign(qtbot, dialog.signoff, "leader", approve=False)
    assert status_of(db, post_id) == PostStatus.DRAFT.value
    assert tab.model.data(tab.model.index(tab.model.row_of_post(post_id), 3)) == "退回修改"

    # Round 2: the editor corrects the text and the post goes through every stage again.
    tab.select_post(post_id)
    qtbot.mouseClick(tab.detail.edit_button, CLICK)
    editor = tab.dialogs[-1]
    assert isinstance(editor, PostEditor) and editor.post_id == post_id
    assert editor.banner.isVisible() and "第二段数据请与县统计局核对" in editor.banner.text()
    editor.body.setPlainText("为进一步优化营商环境，现就有关事项（数据已核对）通知如下。")
    qtbot.mouseClick(editor.submit_button, CLICK)
    assert status_of(db, post_id) == PostStatus.FIRST_REVIEW.value
    dialog = open_review(qtbot, tab, post_id)
    assert "上一轮三审退回时的版本" in dialog.compare.text()
    assert "（数据已核对）" in dialog.diff.toPlainText()  # the inserted words, shown in green
    discard(dialog)
    pass_first_review(qtbot, tab, post_id)
    pass_stage_signed(qtbot, tab, post_id, "head")
    pass_stage_signed(qtbot, tab, post_id, "leader")
    assert status_of(db, post_id) == PostStatus.READY.value

    # Publication and the source unit's confirmation.
    tab.select_post(post_id)
    qtbot.mouseClick(tab.detail.publish_button, CLICK)
    publish = tab.dialogs[-1]
    from ui.review.publish_dialog import PublishDialog
    assert isinstance(publish, PublishDialog)
    assert publish.publish_box.isEnabled() and not publish.confirm_box.isEnabled()
    qtbot.keyClicks(publish.url, "https://www.jinping.gov.cn/zwgk/zcwj/1.html")
    qtbot.mouseClick(publish.publish_button, CLICK)
    assert status_of(db, post_id) == PostStatus.PUBLISHED.value
    assert publish.confirm_box.isEnabled() and publish.confirmed_by.text() == "县发展改革局"
    publish.confirmed_by.setText("县发展改革局 刘某")
    qtbot.mouseClick(publish.confirm_button, CLICK)
    assert status_of(db, post_id) == PostStatus.CONFIRMED.value

    assert reviews(db, post_id) == [
        (1, "first", Decision.APPROVE.value, "王芳"),
        (1, "second", Decision.APPROVE.value, "赵敏"),
        (1, "third", Decision.RETURN.value, "陈军"),
        (2, "first", Decision.APPROVE.value, "王芳"),
        (2, "second", Decision.APPROVE.value, "赵敏"),
        (2, "third", Decision.APPROVE.value, "陈军"),
    ]
    assert "来源单位已确认" in tab.detail.heading.text()


def test_one_person_cannot_sign_two_stages(qtbot: QtBot, db: Database, ctx: AppContext,
                                          make_user: Callable[..., Actor], add_post: Callable[..., int]) -> None:
    """A 科室负责人 who is also 分管领导 signs 二审, then tries 三审: refused, nothing stored."""
    make_user("both", Role.SECTION_HEAD, Role.LEADER_IN_CHARGE, display_name="两职")
    post_id = add_post()
    tab = shown_tab(qtbot, ctx)
    at_second_review(qtbot, tab, post_id)
    pass_stage_signed(qtbot, tab, post_id, "both")

    dialog = open_review(qtbot, tab, post_id, "同意")
    approve_signed_by(qtbot, dialog, "both")
    assert dialog.signoff.isVisible()
    assert "同一人不能签署两个环节" in dialog.signoff.message.text()
    assert status_of(db, post_id) == PostStatus.THIRD_REVIEW.value
    assert [r[1] for r in reviews(db, post_id)] == ["first", "second"]


def test_the_author_is_never_offered_as_signer(qtbot: QtBot, db: Database, make_user: Callable[..., Actor],
                                              add_post: Callable[..., int], people: dict[str, Actor]) -> None:
    """An editor who is also a section head wrote the post: 二审 in their name is refused."""
    author = make_user("multi", Role.EDITOR, Role.SECTION_HEAD, display_name="多职")
    ctx = AppContext(db, author)
    tab = shown_tab(qtbot, ctx)
    editor = tab.new_post()
    editor.title_edit.setText("县政府常务会议研究部署近期重点工作")
    editor.target.setCurrentIndex(editor.target.findData("县政府要闻"))
    editor.body.setPlainText("会议研究部署了近期重点工作。")
    editor.source.kind_buttons[SourceKind.COLLECTED].setChecked(True)
    editor.source.department.setText("县政府办公室")
    editor.source.collected_url.setText("https://www.jinping.gov.cn/zwyw/1.html")
    assert editor.submit_post()
    post_id = editor.post_id
    assert post_id is not None
    pass_first_review(qtbot, tab, post_id)
    dialog = open_review(qtbot, tab, post_id)
    approve_signed_by(qtbot, dialog, "multi")
    # The author's own reason, not "已签署过本事项的其他环节" (they signed nothing yet): issue 14.
    assert dialog.signoff.message.text() == "稿件作者不能签署二审、三审，请由另一位科室负责人签批。"
    with db.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(StageReview)) == 1
        assert s.get(Post, post_id).status == PostStatus.SECOND_REVIEW.value  # type: ignore[union-attr]


def test_sensitive_post_records_the_escalation_answer_before_third_stage(
        qtbot: QtBot, db: Database, ctx: AppContext, add_post: Callable[..., int]) -> None:
    post_id = add_post(sensitive=True)
    tab = shown_tab(qtbot, ctx)
    at_second_review(qtbot, tab, post_id)
    pass_stage_signed(qtbot, tab, post_id, "head")
    dialog = open_review(qtbot, tab, post_id, "同意")
    assert dialog.escalation.isVisibleTo(dialog)
    qtbot.mouseClick(dialog.approve_button, CLICK)
    assert dialog.signoff is None and "保密部门或网信部门" in dialog.message.text()
    dialog.escalation_by.setCurrentText("县委网信部门")
    type_text(qtbot, dialog.escalation_answer, "经审查可以公开发布")
    assert dialog.save_escalation()
    assert not dialog.escalation.isVisibleTo(dialog)
    approve_signed_by(qtbot, dialog, "leader")
    assert status_of(db, post_id) == PostStatus.READY.value
    with db.session_factory() as s:
        assert get_post(s, post_id).escalation_by == "县委网信部门"


def test_submit_with_incomplete_source_points_at_the_source(qtbot: QtBot, db: Database, ctx: AppContext,
                                                           boxes) -> None:  # type: ignore[no-untyped-def]
    tab = shown_tab(qtbot, ctx)
    editor = tab.new_post()
    editor.title_edit.setText("转载稿件")
    editor.target.setCurrentIndex(editor.target.findData("政策文件"))
    editor.body.setPlainText("正文")
    editor.source.site.setText("某自媒体")
    editor.source.url.setText("https://blog.example.com/a")
    assert "不在权威来源名单内" in editor.source.verdict.text()
    assert not editor.submit_post()
    assert editor.tabs.currentIndex() == 1
    assert any("转载时间" in t and "权威来源" in t for t in boxes.texts())
    assert editor.post_id is not None and status_of(db, editor.post_id) == PostStatus.DRAFT.value
