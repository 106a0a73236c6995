"""The item list is lazy like the case list: sorted and paged in SQL, pages fetched as the view
scrolls, the shown item selected again after a refresh, and the item below refreshed when another
PC changes it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.auth.roles import Role
from app.bootstrap import Database
from app.disclosure.enums import ItemStatus
from app.disclosure.queries import item_no_key
from app.disclosure.service import secrecy_review
from tests.seen_hashes import seen_item
from ui import paged_model
from ui.context import AppContext
from ui.disclosure.item_list_model import ItemListModel
from ui.disclosure.tab import DisclosureTab

pytestmark = pytest.mark.gui
TODAY = date(2024, 10, 30)  # as the fixtures in conftest.py


@pytest.fixture
def twelve(add_item: Callable[..., int]) -> list[int]:
    return [add_item(f"第{n}号事项") for n in range(1, 13)]  # GK-2024-1 … GK-2024-12


def test_pages_are_read_in_sql_in_item_number_order(
        qtmodeltester: ModelTester, ctx: AppContext, twelve: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paged_model, "FETCH_SIZE", 5)
    model = ItemListModel(ctx, today=lambda: TODAY)
    assert model.total == 12 and model.rowCount() == 5 and model.canFetchMore()  # only the first page
    model.fetchMore()
    assert model.rowCount() == 10
    qtmodeltester.check(model, force_py=True)
    model.fetch_all()
    assert model.rowCount() == 12 and not model.canFetchMore()
    numbers = [r.item_no for r in model.rows]
    # GK-2024-10 comes before GK-2024-9 newest first: numbers, not text, across the page boundary.
    assert numbers == sorted(numbers, key=item_no_key, reverse=True)
    assert numbers[:4] == ["GK-2024-12", "GK-2024-11", "GK-2024-10", "GK-2024-9"]


def test_the_view_fetches_more_as_it_scrolls(
        qtbot: QtBot, ctx: AppContext, twelve: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paged_model, "FETCH_SIZE", 4)
    tab = DisclosureTab(ctx, today=lambda: TODAY)
    qtbot.addWidget(tab)
    tab.resize(1300, 560)
    tab.show()
    qtbot.waitExposed(tab)
    tab.splitter.setSizes([200, 360])  # a list a few rows high
    assert tab.model.rowCount() < 12 and tab.count.text() == "共 12 条"

    def scrolled_to_the_end() -> bool:
        tab.table.scrollToBottom()
        return tab.model.rowCount() == 12

    qtbot.waitUntil(scrolled_to_the_end, timeout=3000)


def test_the_shown_item_is_selected_again_and_refreshed_on_a_change_elsewhere(
        qtbot: QtBot, db: Database, tab: DisclosureTab, twelve: list[int], make_user) -> None:
    item_id = twelve[3]
    tab.select_item(item_id)
    tab.refresh()
    selected = tab.table.selectionModel().selectedRows()
    assert [tab.model.row_at(i.row()).id for i in selected] == [item_id]  # type: ignore[union-attr]
    assert tab.detail.view is not None and tab.detail.view.status is ItemStatus.DRAFT

    other_head = make_user("qianjun", Role.SECTION_HEAD, display_name="钱军")
    with db.session_factory.begin() as s:  # another PC records the 保密审查
        secrecy_review(s, other_head, item_id, "经审查，不涉密。", TODAY, seen_hash=seen_item(s, item_id))
    tab.ctx.events.remote_changed.emit()

    row = tab.model.row_of_item(item_id)
    assert tab.model.rows[row].status is tab.detail.view.status  # the row and the panel agree
    assert tab.detail.view.status is not ItemStatus.DRAFT
    assert [i.row() for i in tab.table.selectionModel().selectedRows()] == [row]
