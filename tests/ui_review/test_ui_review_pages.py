"""The inspection page saves the day's record; the word-list page saves a list for an administrator
and refuses anyone else with a Chinese message."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.bootstrap import Database
from app.context import Actor
from app.review.enums import CHECKLIST_ITEMS, REQUIREMENTS, ReviewStage, WordListKind
from app.review.models import Inspection, WordEntry
from app.review.wordlists_db import entries
from app.review.workflow import ChecklistMark, publish, review, submit
from app.signoff.service import Decision
from tests.seen_hashes import seen_post
from tests.ui_review.conftest import Boxes, type_text
from ui.context import AppContext
from ui.review.inspections_page import InspectionsPage
from ui.review.post_editor import PostEditor
from ui.review.tab import ReviewTab
from ui.review.wordlists_page import WordListsPage

pytestmark = pytest.mark.gui
CLICK = Qt.MouseButton.LeftButton
TODAY = date(2024, 5, 10)  # a Friday
ALL_OK = {item: ChecklistMark(True) for item in (*CHECKLIST_ITEMS, *REQUIREMENTS)}


def test_inspection_form_saves_a_record(qtbot: QtBot, db: Database, ctx: AppContext,
                                        qtmodeltester: ModelTester) -> None:
    page = InspectionsPage(ctx, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.show()
    assert "没有巡检记录" in page.missing.text()
    page.day.setDate(QDate(2024, 5, 9))
    page.links_ok.setChecked(False)
    qtbot.mouseClick(page.save_button, CLICK)
    assert "须写明发现的问题" in page.message.text()  # an abnormal item needs the problem written down
    type_text(qtbot, page.problems, "“部门动态”栏目一条链接失效")
    qtbot.mouseClick(page.save_button, CLICK)
    assert "已保存 2024-05-09" in page.message.text()
    with db.session_factory() as s:
        row = s.scalars(select(Inspection)).one()
        assert (row.day, row.links_ok, row.inspector_name) == (date(2024, 5, 9), False, "王芳")
    assert page.model.rowCount() == 1 and page.model.data(page.model.index(0, 3)) == "异常"
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.columns_model)

    # Later the correction is recorded on the same record.
    page.table.selectRow(0)
    assert page.editing is not None and "正在修改" in page.editing_label.text()
    type_text(qtbot, page.correction, "已联系运维公司修复")
    page.corrected.setChecked(True)
    page.corrected_on.setDate(QDate(2024, 5, 10))
    qtbot.mouseClick(page.save_button, CLICK)
    with db.session_factory() as s:
        row = s.scalars(select(Inspection)).one()
        assert (row.correction, row.corrected_on) == ("已联系运维公司修复", date(2024, 5, 10))
    assert "5月9日" not in page.missing.text()


def test_review_tab_opens_the_inspection_page_for_dashboard_items(qtbot: QtBot, ctx: AppContext) -> None:
    tab = ReviewTab(ctx)
    qtbot.addWidget(tab)
    tab.show_record("inspection", None)
    assert tab.pages.currentWidget() is tab.inspections_area and tab.inspections.isVisibleTo(tab)
    assert tab.inspections.columns_model.rowCount() == 6  # the columns kept in settings


def test_correction_of_a_published_post_starts_a_new_review(
        qtbot: QtBot, db: Database, ctx: AppContext, people: dict[str, Actor], add_post: Callable[..., int]) -> None:
    post_id = add_post()
    with db.session_factory.begin() as s:
        submit(s, people["editor"], post_id)
        for stage, who in ((ReviewStage.FIRST, "editor"), (ReviewStage.SECOND, "head"), (ReviewStage.THIRD, "leader")):
            review(s, people[who], post_id, stage, Decision.APPROVE, "", ALL_OK, seen_hash=seen_post(s, post_id))
        publish(s, people["editor"], post_id, "https://www.jinping.gov.cn/1.html")
    tab = ReviewTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    dialog = tab.publish_post(post_id)
    assert dialog.confirm_box.isEnabled() and dialog.change_box.isEnabled() and not dialog.publish_box.isEnabled()
    qtbot.mouseClick(dialog.change_button, CLICK)
    assert "原因" in dialog.message.text()  # a correction needs its reason
    type_text(qtbot, dialog.reason, "发布时间有误")
    child = dialog.begin_change()
    assert child is not None and child != post_id
    editor = next(d for d in tab.dialogs if isinstance(d, PostEditor))
    assert editor.post_id == child and editor.isVisible() and editor.submit_button.isVisible()
    assert tab.detail.post_id == child and "更正" in tab.detail.info.toPlainText()


def test_admin_saves_a_word_list(qtbot: QtBot, db: Database, people: dict[str, Actor], tmp_path: Path) -> None:
    page = WordListsPage(AppContext(db, people["admin"]))
    qtbot.addWidget(page)
    page.show()
    assert not page.notice.isVisible()
    page.select_kind(WordListKind.SENSITIVE)
    assert "默认清单" in page.state.text()
    defaults = page.model.rowCount()
    qtbot.mouseClick(page.add_button, CLICK)
    page.model.setData(page.model.index(defaults, 0), "网络刷单返利")
    assert page.dirty
    qtbot.mouseClick(page.save_button, CLICK)
    with db.session_factory() as s:
        saved, own = entries(s, WordListKind.SENSITIVE)
    assert own and "网络刷单返利" in [e.term for e in saved] and len(saved) == defaults + 1
    assert "本单位清单" in page.state.text() and "已保存" in page.message.text()

    # Import the leaders from a text file an office would keep.
    page.select_kind(WordListKind.LEADER)
    leaders = tmp_path / "领导.txt"
    leaders.write_bytes("# 领导\n张建国\t县委副书记、县长\n".encode("gb18030"))
    page.import_file(leaders)
    qtbot.waitUntil(lambda: any(e.term == "张建国" for e in page.model.entries()), timeout=10_000)
    qtbot.mouseClick(page.save_button, CLICK)
    with db.session_factory() as s:
        assert ("张建国", "县委副书记、县长") in [(e.term, e.extra) for e in entries(s, WordListKind.LEADER)[0]]

    qtbot.mouseClick(page.defaults_button, CLICK)
    assert page.dirty and "默认清单" in page.message.text()


def test_non_admin_is_refused(qtbot: QtBot, db: Database, ctx: AppContext, boxes: Boxes) -> None:
    page = WordListsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    assert page.notice.isVisible()
    page.model.insertRows(0, 1)
    page.model.setData(page.model.index(0, 0), "某词")
    assert not page.save()
    assert any("系统管理员" in text and "无此权限" in text for text in boxes.texts())
    with db.session_factory() as s:
        assert s.scalars(select(WordEntry)).all() == []
