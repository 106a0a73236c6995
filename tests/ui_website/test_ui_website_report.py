"""网站年报 page: computed figures with drill-down, typing the rest (last year's offered), checks, export, lock."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from docx import Document
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QTableView, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from app.auth.roles import Role
from app.bootstrap import Database
from app.context import Actor
from app.review.models import Post
from app.website.layout import Source
from app.website.models import WebsiteReport
from app.website.service import compute, save_typed
from tests.ui_annual.annual_helpers import message_boxes, wait
from tests.website.website_year import WECHAT, WEIBO, fill_settings, fill_year, typed_values
from ui.annual import prompts
from ui.annual.tab import AnnualTab
from ui.context import AppContext

pytestmark = pytest.mark.gui
OpenTab = Callable[[AppContext], AnnualTab]
W = TypeVar("W", bound=QWidget)


@pytest.fixture
def year(db: Database, ctx: AppContext) -> dict[str, int]:
    assert ctx.actor.user_id is not None
    ids = fill_year(db, ctx.actor.user_id)
    fill_settings(db)
    # Last year's typed figures, to be offered for this year.
    with db.session_factory.begin() as s:
        save_typed(s, Actor.system(), 2024, typed_values([WECHAT, WEIBO]) | {"visits.total": "90000"}, 0)
    return ids


def _open_editor(view: QTableView, kind: type[W]) -> W:
    """The editor the view just opened (closed editors are hidden until deleted)."""
    editors = [w for w in view.viewport().findChildren(kind) if w.isVisible()]
    assert len(editors) == 1, editors
    return editors[0]


def _type_into(qtbot: QtBot, tab: AnnualTab, key: str, text: str) -> None:
    page = tab.website
    index = page.model.value_index(key)
    page.table.scrollTo(index)
    page.table.setCurrentIndex(index)
    assert page.table.edit(index, page.table.EditTrigger.AllEditTriggers, None)
    editor = _open_editor(page.table, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.table.state() != page.table.State.EditingState)


def test_fill_check_export_and_lock(qtbot: QtBot, ctx: AppContext, year: dict[str, int], open_tab: OpenTab,
                                    answers: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tab = open_tab(ctx)
    page = tab.website
    assert tab.pages.tabText(tab.pages.indexOf(page)) == "网站年报"
    tab.pages.setCurrentWidget(page)
    qtbot.waitExposed(page)
    assert page.current_year == 2025
    model = page.model
    assert model.value_index("posts.news").data() == "5"
    assert model.index(model.row_of("posts.news"), 5).data() == "0"  # last year's figure beside it
    assert not model.flags(model.value_index("posts.news")) & Qt.ItemFlag.ItemIsEditable
    label = model.index(model.row_of("visits.users"), 2)
    assert label.data(Qt.ItemDataRole.ToolTipRole) == "项目键：visits.users（更正项目名称时使用）"

    # A computed figure opens the records behind it.
    index = model.value_index("security.found")
    page.table.scrollTo(index)
    rect = page.table.visualRect(index)
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.dialogs and page.dialogs[-1].references() == ["2025-03-05", "2025-04-10", "2025-05-12"]
    page.dialogs[-1].close()

    # Last year's values fill the empty typed rows; two are typed over, one is picked from 是/否.
    assert page.take_last_year() == len([r for r in model.rows if r.source.typed])
    _type_into(qtbot, tab, "visits.total", "126000")
    _type_into(qtbot, tab, "visits.users", "0")
    index = model.value_index("interact.qa")
    page.table.scrollTo(index)
    assert page.table.edit(index, page.table.EditTrigger.AllEditTriggers, None)
    combo = _open_editor(page.table, QComboBox)
    assert [combo.itemText(i) for i in range(combo.count())] == ["", "是", "否"]
    assert combo.currentText() == "是"  # last year's answer
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # the user picks 否
    assert model.value_index("interact.qa").data() == "否"
    assert model.is_dirty()
    assert page.save()
    wait(qtbot, page)
    with ctx.reader() as s:
        saved = compute(s, 2025).values
    assert (saved["visits.total"], saved["visits.users"], saved["interact.qa"]) == ("126000", "0", "否")
    assert saved["sign.head"] == "张三"  # taken from last year

    # The checks name what still blocks: the unmarked interpretation and the lost column.
    failed = [c.name for c in page.checks.model.rows if c.blocking and not c.ok]
    assert "政策解读稿件均已注明解读类型" in failed and "已发布稿件的栏目或账号都在系统设置中" in failed
    assert "网站总访问量（次）" not in " ".join(failed)
    check = next(c for c in page.checks.model.rows if c.name == "政策解读稿件均已注明解读类型")
    dialog = page.show_check(check)
    assert dialog is not None and len(dialog.references()) == 1
    dialog.close()
    assert page.lock() is False  # refused by the service with the failed checks named
    boxes = message_boxes()
    assert boxes and "以下校验未通过，不能锁定" in boxes[-1].text()
    for box in boxes:
        box.close()

    with ctx.unit_of_work() as s:
        s.execute(update(Post).where(Post.id == year["post:interp_unmarked"]).values(interpretation_kind="product"))
        s.execute(update(Post).where(Post.id == year["post:lost_column"]).values(target="县政府要闻"))
    page.reload()
    wait(qtbot, page)
    assert not [c for c in page.checks.model.rows if c.blocking and not c.ok]
    assert "全部通过" in page.checks.summary.text()

    out = tmp_path / "网站年报.docx"
    monkeypatch.setattr(prompts, "save_file", lambda *_args: str(out))
    page.word_button.click()
    wait(qtbot, page)
    qtbot.waitUntil(lambda: bool(message_boxes()), timeout=10_000)
    assert "已导出到" in message_boxes()[-1].text()
    rows = [[c.text for c in r.cells] for r in Document(str(out)).tables[0].rows]
    assert ["访问", "网站总访问量（次）", "网站总访问量（次）", "126000"] in rows
    assert ["解读回应", "解读信息发布（条）", "解读产品数量", "2"] in rows
    for box in message_boxes():
        box.close()

    assert page.lock()
    wait(qtbot, page)
    assert answers[-1] == "锁定网站年报"
    assert page.state_label.text().startswith("已锁定（已发布）")
    assert not page.save_button.isEnabled() and page.unlock_button.isEnabled() is False  # not an administrator
    assert not model.flags(model.value_index("visits.total")) & Qt.ItemFlag.ItemIsEditable
    assert all(r.source is not Source.SETTING or model.value_index(r.key).data() for r in model.rows)


def test_an_administrator_unlocks_with_a_reason(
        qtbot: QtBot, db: Database, make_user, open_tab: OpenTab,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    admin = make_user("admin", Role.ADMIN, display_name="管理员")
    with db.session_factory.begin() as s:  # a year locked before (checks are the service tests' business)
        s.add(WebsiteReport(year=2025, locked=True, locked_by="head", figures_json='{"accounts": [], "values": {}}'))
    tab = open_tab(AppContext(db, admin))
    page = tab.website
    assert page.data is not None and page.data.locked and page.unlock_button.isEnabled()
    assert not page.save_button.isEnabled() and not page.last_year_button.isEnabled()
    monkeypatch.setattr(prompts, "ask_text", lambda *_args: "补录漏统计的稿件")
    assert page.unlock()
    wait(qtbot, page)
    assert page.state_label.text() == "未锁定（草稿）" and page.save_button.isEnabled()
