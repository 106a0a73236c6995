"""The item's button row takes its steps from app.disclosure.item_actions: a step of the state that is not
the user's, or waits for a fact, is shown off with the reason; steps of other states stay hidden."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from app.bootstrap import Database
from app.context import Actor
from tests.ui_disclosure.conftest import TODAY
from ui.context import AppContext
from ui.disclosure.tab import DisclosureTab

pytestmark = pytest.mark.gui


def test_a_section_head_sees_the_clerks_steps_off_with_the_reason(
        qtbot: QtBot, db: Database, head: Actor, add_item: Callable[..., int]) -> None:
    item_id = add_item()
    tab = DisclosureTab(AppContext(db=db, actor=head), today=lambda: TODAY)
    qtbot.addWidget(tab)
    tab.show()
    tab.select_item(item_id)
    buttons = tab.detail.buttons
    role = "此操作需要以下角色之一：信息公开工作人员、信息采编员、系统管理员。当前用户“赵敏”无此权限。"
    assert buttons.review.isVisible() and buttons.review.isEnabled()  # the section head signs it
    for button in (buttons.delay, buttons.edit):
        assert button.isVisible() and not button.isEnabled() and button.toolTip() == role
    assert not buttons.publish.isVisible() and not buttons.end_delay.isVisible()  # other states' steps


def test_publish_is_off_until_the_other_units_confirm(qtbot: QtBot, tab: DisclosureTab,
                                                      add_item: Callable[..., int]) -> None:
    item_id = add_item(stage="proactive", other_bodies="县财政局")
    tab.select_item(item_id)
    publish = tab.detail.buttons.publish
    assert publish.isVisible() and not publish.isEnabled()
    assert publish.toolTip().startswith("本事项涉及其他单位（县财政局），须先与其协商确认")
    assert tab.detail.buttons.decide.isVisible()  # deciding again stays offered while the item is reviewed
