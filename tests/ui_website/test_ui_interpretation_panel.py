"""The 政策解读 tab of a 主动公开 item: linking and unlinking the posts that interpret a policy."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.bootstrap import Database
from app.website.interpretation import linked_posts
from tests.ui_annual.annual_helpers import message_boxes
from tests.website.website_year import fill_year
from ui.context import AppContext
from ui.website.interpretation_panel import InterpretationPanel

pytestmark = pytest.mark.gui


def test_link_and_unlink_an_interpretation(qtbot: QtBot, db: Database, ctx: AppContext) -> None:
    assert ctx.actor.user_id is not None
    ids = fill_year(db, ctx.actor.user_id)
    panel = InterpretationPanel(ctx)
    qtbot.addWidget(panel)
    panel.show()

    panel.set_item(ids["item:C"])  # an ordinary item: nothing to link
    assert "无需关联政策解读" in panel.note.text()
    assert not panel.link_button.isEnabled() and not panel.candidates.isEnabled()

    panel.set_item(ids["item:B"])  # a major decision published without its interpretation
    assert "应同步发布" in panel.note.text() and panel.model.rowCount() == 0
    texts = [panel.candidates.itemText(i) for i in range(panel.candidates.count())]
    assert texts[0].endswith("（政策解读）")  # 政策解读 columns' posts come first
    offered = [panel.candidates.itemData(i) for i in range(panel.candidates.count())]
    assert ids["post:wechat_linked"] not in offered and ids["post:news_fix"] not in offered  # linked / a correction
    panel.candidates.setCurrentIndex(next(i for i, t in enumerate(texts) if "锦屏发布（微博）" in t))
    with qtbot.waitSignal(panel.links_changed, timeout=5_000):
        qtbot.mouseClick(panel.link_button, Qt.MouseButton.LeftButton)
    assert panel.model.rowCount() == 1 and panel.model.rows[0].target == "锦屏发布（微博）"
    assert panel.model.data(panel.model.index(0, 3)) == "未注明"
    assert "已关联 1 篇" in panel.note.text()
    with db.session_factory() as s:
        assert [p.post_id for p in linked_posts(s, ids["item:B"])] == [ids["post:weibo"]]

    panel.table.selectRow(0)
    assert panel.unlink_selected()
    assert panel.model.rowCount() == 0
    assert not message_boxes()
