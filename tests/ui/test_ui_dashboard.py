"""工作台: model checked by qtmodeltester, colours, empty state, refresh on a change, activation."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session

import app.dashboard
from app.changes import RecordKind
from app.context import Actor
from app.dashboard import DashboardItem, Urgency
from ui.context import AppContext
from ui.dashboard_model import OVERDUE_BACKGROUND, DashboardModel
from ui.dashboard_tab import DashboardTab
from ui.operations import announce

pytestmark = pytest.mark.gui
TODAY = date.today()

ITEMS = [
    DashboardItem("依申请公开", "锦府办依申〔2024〕12号 待答复", "申请人：张三", Urgency.OVERDUE,
                  TODAY - timedelta(days=2), "case", 12),
    DashboardItem("发布审核", "《关于秋季防火的通告》待二审", "作者：李强", Urgency.WAITING, None, "post", 3),
    DashboardItem("主动公开", "2024年财政预算 应于期限内公开", "", Urgency.DUE_SOON,
                  TODAY + timedelta(days=1), "disclosure", 7),
]


class Provider:
    def __init__(self, items: list[DashboardItem]) -> None:
        self.items = items

    def __call__(self, _session: Session, _actor: Actor, _today: date) -> list[DashboardItem]:
        return list(self.items)


@pytest.fixture
def provider(monkeypatch: pytest.MonkeyPatch) -> Provider:
    """Replace every registered provider with one the test controls."""
    fake = Provider([])
    monkeypatch.setattr(app.dashboard, "_PROVIDERS", {"test": fake})
    return fake


def test_model_passes_qtmodeltester(qtmodeltester: ModelTester) -> None:
    model = DashboardModel()
    qtmodeltester.check(model)
    model.set_items(ITEMS)
    qtmodeltester.check(model)
    assert model.rowCount() == 3 and model.columnCount() == 5


def test_headers_texts_and_colours() -> None:
    model = DashboardModel()
    model.set_items(ITEMS)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)]
    assert headers == ["紧急程度", "类别", "事项", "说明", "期限"]
    row0 = [model.data(model.index(0, c)) for c in range(5)]
    assert row0 == ["已逾期", "依申请公开", "锦府办依申〔2024〕12号 待答复", "申请人：张三",
                    (TODAY - timedelta(days=2)).isoformat()]
    overdue_bg = model.data(model.index(0, 2), Qt.ItemDataRole.BackgroundRole)
    assert isinstance(overdue_bg, QBrush) and overdue_bg.color() == OVERDUE_BACKGROUND
    assert model.data(model.index(1, 2), Qt.ItemDataRole.BackgroundRole) is None
    soon_bg = model.data(model.index(2, 0), Qt.ItemDataRole.BackgroundRole)
    assert isinstance(soon_bg, QBrush) and soon_bg.color().name() == "#fff3cd"
    assert model.data(model.index(1, 4)) == "—"


def test_empty_state(qtbot: QtBot, admin_ctx: AppContext, provider: Provider) -> None:
    tab = DashboardTab(admin_ctx)
    qtbot.addWidget(tab)
    tab.show()
    assert tab.is_empty
    assert tab.stack.currentWidget() is tab.empty_label
    assert tab.empty_label.text() == "目前没有需要您处理的事项。"
    assert tab.empty_label.isVisible()


def test_refreshes_on_change(qtbot: QtBot, admin_ctx: AppContext, provider: Provider) -> None:
    tab = DashboardTab(admin_ctx)
    qtbot.addWidget(tab)
    tab.show()
    provider.items = ITEMS
    announce(admin_ctx, RecordKind.CASES)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 3, timeout=3000)
    assert tab.stack.currentWidget() is tab.view
    assert "已逾期 1 项" in tab.summary.text()
    # Sorted by urgency, most urgent first.
    first = tab.proxy.index(0, 0)
    assert tab.proxy.data(first) == "已逾期"


def test_refresh_button(qtbot: QtBot, admin_ctx: AppContext, provider: Provider) -> None:
    tab = DashboardTab(admin_ctx)
    qtbot.addWidget(tab)
    provider.items = ITEMS[:1]
    qtbot.mouseClick(tab.refresh_button, Qt.MouseButton.LeftButton)
    assert tab.model.items() == ITEMS[:1]


def test_double_click_emits_item_activated(qtbot: QtBot, admin_ctx: AppContext, provider: Provider) -> None:
    provider.items = ITEMS
    tab = DashboardTab(admin_ctx)
    qtbot.addWidget(tab)
    tab.resize(900, 400)
    tab.show()
    qtbot.waitExposed(tab)
    index: QModelIndex = tab.proxy.index(1, 2)
    expected = tab.proxy.data(index, Qt.ItemDataRole.UserRole)
    pos = tab.view.visualRect(index).center()
    with qtbot.waitSignal(tab.item_activated, timeout=3000) as blocker:
        qtbot.mouseClick(tab.view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
        qtbot.mouseDClick(tab.view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert blocker.args == [expected]
    assert isinstance(expected, DashboardItem)


def test_a_failing_provider_is_reported_not_raised(
    qtbot: QtBot, admin_ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(_s: Session, _a: Actor, _t: date) -> list[DashboardItem]:
        raise RuntimeError("provider bug")

    monkeypatch.setattr(app.dashboard, "_PROVIDERS", {"broken": broken})
    tab = DashboardTab(admin_ctx)
    qtbot.addWidget(tab)
    assert tab.is_empty
