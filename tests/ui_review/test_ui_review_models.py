"""The table models of 发布审核 pass Qt's model tester; the post list filters, sorts and pages in SQL."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from app.bootstrap import Database
from app.context import Actor
from app.review.checks import run_checks
from app.review.enums import CHECKLIST_ITEMS, REQUIREMENTS, PostStatus, ReviewStage, WordListKind
from app.review.ui_support import PostFilter
from app.review.wordlists_db import Entry
from app.review.workflow import ChecklistMark, review, submit
from app.signoff.service import Decision
from tests.seen_hashes import seen_post
from ui.context import AppContext
from ui.review import post_list_model
from ui.review.checklist_model import COL_NOTE, COL_OK, ChecklistModel, rows_for
from ui.review.checks_panel import FindingRow, FindingsModel
from ui.review.entries_model import EntriesModel
from ui.review.post_list_model import PostListModel

pytestmark = pytest.mark.gui
ALL_OK = {item: ChecklistMark(True) for item in (*CHECKLIST_ITEMS, *REQUIREMENTS)}


@pytest.fixture
def posts(db: Database, people: dict[str, Actor], add_post: Callable[..., int]) -> dict[str, int]:
    ids = {"draft": add_post(title="草稿一篇"), "first": add_post(title="等待初审的通知"),
           "second": add_post(title="等待二审的公告", body="关于防汛抗旱的正文")}
    with db.session_factory.begin() as s:
        submit(s, people["editor"], ids["first"])
        submit(s, people["editor"], ids["second"])
        review(s, people["editor"], ids["second"], ReviewStage.FIRST, Decision.APPROVE, "", ALL_OK,
               seen_hash=seen_post(s, ids["second"]))
    return ids


def test_post_list_model(qtmodeltester: ModelTester, ctx: AppContext, posts: dict[str, int]) -> None:
    model = PostListModel(ctx)
    qtmodeltester.check(model)
    assert model.total == 3 and model.rowCount() == 3
    titles = {model.data(model.index(r, 1)) for r in range(3)}
    assert titles == {"草稿一篇", "等待初审的通知", "等待二审的公告"}
    model.sort(0, Qt.SortOrder.AscendingOrder)
    assert [r.id for r in model.rows] == sorted(posts.values())
    qtmodeltester.check(model)


def test_post_list_filters(ctx: AppContext, db: Database, people: dict[str, Actor], posts: dict[str, int]) -> None:
    model = PostListModel(ctx)
    model.set_filter(PostFilter(status=PostStatus.SECOND_REVIEW))
    assert [r.id for r in model.rows] == [posts["second"]]
    model.set_filter(PostFilter(text="防汛"))  # searches the body too
    assert [r.id for r in model.rows] == [posts["second"]]
    model.set_filter(PostFilter(target="通知公告"))
    assert model.rows == []
    # Waiting for the section head: only what is at 二审.
    model.set_filter(PostFilter(waiting_for=people["head"]))
    assert [r.id for r in model.rows] == [posts["second"]]
    # Waiting for the editor: own drafts and 初审, not 二审.
    model.set_filter(PostFilter(waiting_for=people["editor"]))
    assert {r.id for r in model.rows} == {posts["draft"], posts["first"]}
    model.set_filter(PostFilter(waiting_for=people["leader"]))
    assert model.rows == []
    model.set_filter(PostFilter(mine_user_id=people["head"].user_id))
    assert model.rows == []


def test_post_list_fetches_lazily(qtmodeltester: ModelTester, ctx: AppContext, posts: dict[str, int],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(post_list_model, "FETCH_SIZE", 2)
    model = PostListModel(ctx)
    assert model.total == 3 and model.rowCount() == 2 and model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 3 and not model.canFetchMore()
    qtmodeltester.check(model)


def test_findings_model(qtmodeltester: ModelTester) -> None:
    model = FindingsModel()
    findings = run_checks("身份证11010519491231002X，电话13812345678，见 http://www.example.com/x")
    model.set_rows([FindingRow(f, "王芳：已公开" if f.kind == "privacy-phone" else "") for f in findings])
    qtmodeltester.check(model)
    assert model.rowCount() >= 3
    texts = [model.data(model.index(r, 2)) for r in range(model.rowCount())]
    assert "已确认无问题" in texts and "须处理" in texts


def test_checklist_model(qtmodeltester: ModelTester) -> None:
    model = ChecklistModel(rows_for(CHECKLIST_ITEMS))
    qtmodeltester.check(model)
    assert model.rowCount() == 9 and model.pending() == 9
    assert model.data(model.index(0, 0)) == "（一）是否涉及国家秘密、商业秘密、个人隐私"
    assert model.setData(model.index(0, COL_OK), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert model.setData(model.index(1, COL_NOTE), "引用的政策已核实")
    assert model.pending() == 7
    marks = model.marks()
    assert marks[CHECKLIST_ITEMS[0]] == ChecklistMark(True, "")
    assert marks[CHECKLIST_ITEMS[1]] == ChecklistMark(False, "引用的政策已核实")
    assert not model.setData(model.index(0, 0), "不能改要点本身")
    qtmodeltester.check(model)


def test_entries_model(qtmodeltester: ModelTester) -> None:
    model = EntriesModel()
    model.set_entries(WordListKind.SOURCE, [Entry("中国政府网", "www.gov.cn", "central")])
    qtmodeltester.check(model)
    assert model.data(model.index(0, 2)) == "中央"
    assert model.setData(model.index(0, 2), "省级")
    assert model.entries()[0].note == "provincial"
    assert model.insertRows(1, 1)
    assert model.setData(model.index(1, 0), "黔东南日报")
    assert model.removeRows(0, 1)
    assert [e.term for e in model.entries()] == ["黔东南日报"]
    model.set_entries(WordListKind.WORDING, [Entry("中华人民共合国", "中华人民共和国")])
    assert model.columnCount() == 3
    qtmodeltester.check(model)
