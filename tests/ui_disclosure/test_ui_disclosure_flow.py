"""A clerk records an item, the section head signs the secrecy review, the item is published and
leaves the dashboard; the National Day deadline; a 不予公开 without a reason is refused."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from app.bootstrap import Database
from app.context import Actor
from app.dashboard import collect
from app.disclosure.enums import Decision, ItemStatus
from app.disclosure.models import DisclosureItem
from tests.conftest import TEST_PASSWORD
from tests.db_support import stored
from ui.disclosure.item_dialogs import DeadlineDialog, DecisionDialog, PublishDialog
from ui.disclosure.item_form import ItemFormDialog
from ui.disclosure.tab import DisclosureTab
from ui.signoff_dialog import SignOffDialog

pytestmark = pytest.mark.gui
TODAY = date(2024, 10, 30)  # as the fixtures' `today`
URL = "https://www.jinping.gov.cn/zwgk/xxgkml/202410/t20241030_1.html"


def _item(db: Database, item_id: int) -> DisclosureItem:
    return stored(db, DisclosureItem, item_id)


def _on_dashboard(db: Database, actor: Actor, item_id: int) -> bool:
    with db.session_factory() as s:
        return any(i.record_id == item_id and i.record_type == "disclosure" for i in collect(s, actor, TODAY))


def _click(qtbot: QtBot, button) -> None:
    assert button.isVisible(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_record_sign_publish_leaves_dashboard(qtbot: QtBot, tab: DisclosureTab, db: Database, clerk: Actor,
                                              head: Actor) -> None:
    form = tab.new_item()
    assert isinstance(form, ItemFormDialog)
    form.title.setText("锦屏县人民政府办公室关于印发《锦屏县政务公开工作要点》的通知")
    form.category.setCurrentIndex(2)
    form.section.setCurrentIndex(form.section.findData("文书科"))
    form.doc_no.setText("锦府办发〔2024〕12号")
    form.formed_on.setDate(QDate(2024, 10, 8))
    assert "2024-11-04" in form.deadline.text()
    _click(qtbot, form.save_button)
    item_id = form.saved_id
    assert item_id is not None and tab.detail.item_id == item_id
    assert tab.model.row_of_item(item_id) >= 0
    assert tab.detail.status.text() == "待保密审查"
    assert "剩余 3 个工作日" in tab.detail.deadline.text()
    assert _on_dashboard(db, clerk, item_id) and _on_dashboard(db, head, item_id)

    _click(qtbot, tab.detail.buttons.review)
    dialog = tab.detail.dialog
    assert isinstance(dialog, SignOffDialog)
    assert "政务公开工作要点" in dialog.summary.toPlainText()
    dialog.username.setText("zhaomin")
    dialog.password.setText(TEST_PASSWORD)
    dialog.opinion.setPlainText("经审查，不涉及国家秘密和工作秘密，同意公开。")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        _click(qtbot, dialog.approve_button)
    item = _item(db, item_id)
    assert item.status == ItemStatus.REVIEWED.value and item.secrecy_reviewer == "赵敏"
    assert item.secrecy_reviewed_on == TODAY
    assert tab.detail.status.text() == "待发布" and "赵敏" in tab.detail.info.toPlainText()

    _click(qtbot, tab.detail.buttons.decide)
    decision = tab.detail.dialog
    assert isinstance(decision, DecisionDialog) and decision.choices[Decision.PROACTIVE].isChecked()
    _click(qtbot, decision.ok_button)
    assert not decision.isVisible()

    _click(qtbot, tab.detail.buttons.publish)
    publish = tab.detail.dialog
    assert isinstance(publish, PublishDialog)
    assert next(iter(publish.channels)) == "政府门户网站" and publish.channels["政府门户网站"].isChecked()
    publish.channels["政务新媒体"].setChecked(True)
    _click(qtbot, publish.ok_button)
    assert "网页地址" in publish.message.text() and publish.isVisible()  # the service's rule, shown
    publish.url.setText(URL)
    _click(qtbot, publish.ok_button)
    assert not publish.isVisible()

    item = _item(db, item_id)
    assert item.status == ItemStatus.PUBLISHED.value and item.channels == "政府门户网站、政务新媒体"
    assert item.published_on == TODAY and item.url == URL
    assert tab.detail.status.text() == "已公开" and "按时发布" in tab.detail.deadline.text()
    assert not _on_dashboard(db, clerk, item_id) and not _on_dashboard(db, head, item_id)
    row = tab.model.row_of_item(item_id)
    assert tab.model.index(row, 1).data() == "已公开"


def test_deadline_across_national_day(qtbot: QtBot, tab: DisclosureTab, add_item: Callable[..., int]) -> None:
    item_id = add_item(formed_on=date(2024, 9, 20))
    tab.select_item(item_id)
    assert "2024-10-23" in tab.detail.deadline.text() and "已超期 5 个工作日" in tab.detail.deadline.text()
    row = tab.model.row_of_item(item_id)
    assert tab.model.index(row, 7).data() == "2024-10-23"
    dialog = tab.detail.show_deadline()
    assert isinstance(dialog, DeadlineDialog)
    text = dialog.text.toPlainText()
    assert "截止 2024年10月23日" in text and "10月1日（国庆节）" in text and "调休上班日：9月29日、10月12日" in text

    form = tab.new_item()
    form.formed_on.setDate(QDate(2024, 9, 20))
    assert "发布期限：2024-10-23" in form.deadline.text() and "节假日不计" in form.deadline.text()


def test_withholding_without_reason_is_refused(qtbot: QtBot, tab: DisclosureTab, db: Database,
                                               add_item: Callable[..., int]) -> None:
    item_id = add_item(stage="reviewed")
    tab.select_item(item_id)
    _click(qtbot, tab.detail.buttons.decide)
    dialog = tab.detail.dialog
    assert isinstance(dialog, DecisionDialog)
    dialog.choices[Decision.WITHHELD].setChecked(True)
    assert dialog.withhold_box.isEnabled() and dialog.reason.currentIndex() == -1
    dialog.legal_basis.setPlainText("《中华人民共和国政府信息公开条例》第十六条第一款")
    _click(qtbot, dialog.ok_button)
    assert dialog.isVisible() and dialog.message.isVisible()
    assert dialog.message.text() == "不予公开须选择第七条所列的理由。"
    item = _item(db, item_id)
    assert (item.status, item.decision, item.withhold_reason) == (ItemStatus.REVIEWED.value, "pending", None)

    dialog.reason.setCurrentIndex(4)
    dialog.legal_basis.clear()
    _click(qtbot, dialog.ok_button)
    assert dialog.message.text() == "不予公开须写明法律依据。" and _item(db, item_id).decision == "pending"

    dialog.legal_basis.setPlainText("《中华人民共和国政府信息公开条例》第十六条第一款")
    _click(qtbot, dialog.ok_button)
    assert not dialog.isVisible()
    item = _item(db, item_id)
    assert (item.status, item.withhold_reason) == (ItemStatus.WITHHELD.value, 4)
    assert tab.detail.status.text() == "不予公开" and "（五）内部事务信息" in tab.detail.info.toPlainText()
    assert tab.detail.buttons.revisit.isVisible() and not tab.detail.buttons.publish.isVisible()


def test_signer_must_hold_a_secrecy_role(qtbot: QtBot, tab: DisclosureTab, db: Database,
                                         add_item: Callable[..., int]) -> None:
    item_id = add_item()
    tab.select_item(item_id)
    _click(qtbot, tab.detail.buttons.review)
    dialog = tab.detail.dialog
    assert isinstance(dialog, SignOffDialog)
    dialog.username.setText("sunli")  # the clerk who recorded it
    dialog.password.setText(TEST_PASSWORD)
    dialog.opinion.setPlainText("不涉密")
    _click(qtbot, dialog.approve_button)
    assert dialog.isVisible() and dialog.message.text()
    dialog.username.setText("zhaomin")
    dialog.password.setText(TEST_PASSWORD)
    dialog.opinion.clear()
    _click(qtbot, dialog.approve_button)
    assert dialog.message.text() == "请填写保密审查意见。" and _item(db, item_id).status == ItemStatus.DRAFT.value


def test_dashboard_item_opens_in_the_tab(tab: DisclosureTab, add_item: Callable[..., int]) -> None:
    first = add_item("甲信息")
    second = add_item("乙信息")
    tab.show_record("disclosure", first)
    assert tab.detail.item_id == first and tab.pages.currentIndex() == 0
    selected = tab.table.selectionModel().selectedRows()
    assert [tab.model.row_at(i.row()).id for i in selected] == [first]  # type: ignore[union-attr]
    tab.show_record("request_case", second)  # not ours: nothing changes
    assert tab.detail.item_id == first
