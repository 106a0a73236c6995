"""The rest of one item's workflow from the detail panel: edit, delay and its end, revisit, a new
version with its history, attachments, repeal; and the exports run off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from app.bootstrap import Database
from app.disclosure.enums import Decision, DocKind, ItemStatus
from app.disclosure.models import DisclosureItem
from app.disclosure.service import decide
from app.workdays.calendar import WorkCalendar
from tests.conftest import TEST_PASSWORD
from ui.disclosure.item_dialogs import DateDialog, ReasonDialog
from ui.disclosure.item_form import ItemFormDialog
from ui.disclosure.tab import DisclosureTab
from ui.signoff_dialog import SignOffDialog

pytestmark = pytest.mark.gui


def _status(db: Database, item_id: int) -> str:
    with db.session_factory() as s:
        item = s.get(DisclosureItem, item_id)
        assert item is not None
        return item.status


def _click(qtbot: QtBot, button) -> None:
    assert button.isVisible(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_edit_then_delay_and_end_delay(qtbot: QtBot, tab: DisclosureTab, db: Database,
                                       add_item: Callable[..., int]) -> None:
    item_id = add_item(formed_on=date(2024, 10, 8))
    tab.select_item(item_id)
    _click(qtbot, tab.detail.buttons.edit)
    form = tab.detail.dialog
    assert isinstance(form, ItemFormDialog) and form.title.text() == "锦屏县人民政府关于印发某某办法的通知"
    form.others.setChecked(True)
    form.other_bodies.setText("县财政局")
    form.confirmed.setChecked(True)
    form.confirmed_on.setDate(QDate(2024, 10, 29))
    _click(qtbot, form.save_button)
    assert "县财政局（2024-10-29 已确认）" in tab.detail.info.toPlainText()

    _click(qtbot, tab.detail.buttons.delay)
    dialog = tab.detail.dialog
    assert isinstance(dialog, ReasonDialog)
    _click(qtbot, dialog.ok_button)
    assert "法定事由" in dialog.message.text() and _status(db, item_id) == ItemStatus.DRAFT.value
    dialog.text.setPlainText("须经州人民政府批准后方可发布")
    _click(qtbot, dialog.ok_button)
    assert tab.detail.status.text() == "暂缓发布" and "事由消除后重新计算" in tab.detail.deadline.text()
    assert tab.model.index(tab.model.row_of_item(item_id), 7).data() == "暂缓（待事由消除）"

    _click(qtbot, tab.detail.buttons.end_delay)
    ended = tab.detail.dialog
    assert isinstance(ended, DateDialog)
    ended.day.setDate(QDate(2024, 10, 29))
    _click(qtbot, ended.ok_button)
    assert _status(db, item_id) == ItemStatus.DRAFT.value
    assert "2024-11-26" in tab.detail.deadline.text()  # 20 working days after 10-29
    explanation = tab.detail.show_deadline().text.toPlainText()  # type: ignore[union-attr]
    assert "2024-10-29 事由消除" in explanation


def test_revisit_new_version_history_and_repeal(qtbot: QtBot, tab: DisclosureTab, db: Database, clerk,
                                                add_item: Callable[..., int]) -> None:
    item_id = add_item(stage="reviewed", doc_kind=DocKind.NORMATIVE, doc_no="锦府发〔2024〕8号")
    with db.session_factory.begin() as s:
        decide(s, clerk, item_id, Decision.WITHHELD, WorkCalendar(), withhold_reason=5, legal_basis="条例第十六条")
    tab.select_item(item_id)
    _click(qtbot, tab.detail.buttons.revisit)
    revisit = tab.detail.dialog
    assert isinstance(revisit, ReasonDialog)
    revisit.text.setPlainText("文件已正式印发，过程性信息情形消除")
    _click(qtbot, revisit.ok_button)
    assert tab.detail.status.text() == "待保密审查" and tab.detail.buttons.review.isVisible()
    _click(qtbot, tab.detail.buttons.review)
    sign = tab.detail.dialog
    assert isinstance(sign, SignOffDialog)
    sign.username.setText("zhaomin")
    sign.password.setText(TEST_PASSWORD)
    sign.opinion.setPlainText("可以公开")
    with qtbot.waitSignal(sign.accepted, timeout=5000):
        _click(qtbot, sign.approve_button)
    assert "签批记录 2" in tab.detail.info.toPlainText()  # both rounds are kept

    _click(qtbot, tab.detail.buttons.new_version)
    form = tab.detail.dialog
    assert isinstance(form, ItemFormDialog) and form.formed_on.date() == QDate(2024, 10, 30)
    form.title.setText("锦屏县人民政府关于印发某某办法（修订）的通知")
    form.doc_no.setText("锦府发〔2024〕11号")
    _click(qtbot, form.save_button)
    new_id = form.saved_id
    assert new_id is not None and new_id != item_id and tab.detail.item_id == new_id
    assert tab.detail.item_no.text().endswith("第 2 版") and tab.detail.versions.rowCount() == 2
    assert _status(db, item_id) == ItemStatus.SUPERSEDED.value
    assert tab.model.row_of_item(item_id) < 0 and tab.model.row_of_item(new_id) >= 0  # old version: history only
    tab.detail._open_version(tab.detail.versions.index(0, 0))
    assert tab.detail.item_id == item_id and not tab.detail.buttons.new_version.isVisible()
    tab.detail.show_item(new_id)

    _click(qtbot, tab.detail.buttons.repeal)
    repeal = tab.detail.dialog
    assert isinstance(repeal, DateDialog)
    repeal.day.setDate(QDate(2024, 10, 30))
    _click(qtbot, repeal.ok_button)
    assert "废止日期" in tab.detail.info.toPlainText() and not tab.detail.buttons.repeal.isVisible()


def test_attachments_add_and_save(qtbot: QtBot, tab: DisclosureTab, add_item: Callable[..., int],
                                  tmp_path: Path) -> None:
    item_id = add_item()
    tab.select_item(item_id)
    source = tmp_path / "锦府发〔2024〕8号.docx"
    source.write_bytes(b"PK\x03\x04 demo")
    assert tab.detail.add_attachment_file(source)
    assert tab.detail.attachments.rowCount() == 1 and tab.detail.tabs.tabText(1) == "附件（1）"
    row = tab.detail.attachments.row_at(0)
    assert row is not None and row.filename == source.name
    target = tmp_path / "out" / "copy.docx"
    target.parent.mkdir()
    assert tab.detail.save_attachment_to(row.id, target) and target.read_bytes() == b"PK\x03\x04 demo"


def test_exports_run_off_the_gui_thread(qtbot: QtBot, tab: DisclosureTab, add_item: Callable[..., int],
                                        tmp_path: Path) -> None:
    add_item("=1+1 不是公式")
    register = tmp_path / "台账.xlsx"
    handle = tab.exports.export_register(register, 2024)
    qtbot.waitUntil(lambda: handle.is_finished, timeout=20_000)
    ws = load_workbook(register)["主动公开事项登记台账"]
    assert ws is not None and ws["C3"].value == "=1+1 不是公式" and ws["C3"].data_type == "s"
    catalogue = tmp_path / "目录.docx"
    handle = tab.exports.export_catalogue(catalogue, None)
    qtbot.waitUntil(lambda: handle.is_finished, timeout=20_000)
    texts = [p.text for p in Document(str(catalogue)).paragraphs]
    assert "锦屏县人民政府办公室政府信息公开目录" in texts and texts.count("本类暂无公开信息") == 12
