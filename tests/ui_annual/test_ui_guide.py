"""统计报表 → 公开指南: export off the GUI thread, mark published, and the reminder after a settings change."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from docx import Document
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.audit.models import AuditEntry
from app.auth.roles import Role
from app.bootstrap import Database
from app.changes import Changes, RecordKind
from app.context import Actor
from app.dashboard import collect
from app.disclosure.models import DisclosureItem
from app.guide.models import GuideEdition
from tests.disclosure.guide_support import docx_lines, fill_office
from tests.ui_annual.annual_helpers import TODAY, message_boxes, wait
from ui.admin.settings_page import SettingsPage
from ui.annual.tab import AnnualTab
from ui.cases.intake_form import FORMS_WANTED
from ui.context import AppContext

OpenTab = Callable[[AppContext], AnnualTab]


def test_export_mark_published_then_a_changed_phone_asks_for_a_new_guide(
        qtbot: QtBot, db: Database, ctx: AppContext, open_tab: OpenTab, tmp_path: Path,
        make_user: Callable[..., Actor]) -> None:
    fill_office(db)
    tab = open_tab(ctx)
    page = tab.guide
    tab.pages.setCurrentWidget(page)
    assert page.published_label.text() == "尚未标记发布任何一版指南。"
    assert not page.publish_button.isEnabled()  # nothing exported yet

    assert page.export_guide(tmp_path / "指南.docx") is not None
    wait(qtbot, page)
    assert "联系电话：0855-7222001" in docx_lines(tmp_path / "指南.docx")
    assert any("已导出到" in box.text() for box in message_boxes())
    assert page.latest_label.text() == "最近导出：2025-02-10版（keyuan导出）。"
    assert page.publish_button.isEnabled()

    qtbot.mouseClick(page.publish_button, Qt.MouseButton.LeftButton)
    dialog = page.publish_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.create_button.isChecked() and dialog.chosen_date() == TODAY
    assert dialog.width() <= 1366 and dialog.height() <= 768
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.link_button.setChecked(True)
    dialog.item_no.setText("GK-1999-1")
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert any("没有编号为“GK-1999-1”的公开事项" in box.text() for box in message_boxes())
    assert dialog.isVisible()  # kept open to correct the number; nothing recorded
    with db.session_factory() as s:
        assert s.scalars(select(GuideEdition)).one().published_on is None
    dialog.create_button.setChecked(True)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    with db.session_factory() as s:
        edition = s.scalars(select(GuideEdition)).one()
        item = s.scalars(select(DisclosureItem)).one()
        assert (edition.published_on, edition.published_by, edition.disclosure_item_id) == (TODAY, "keyuan", item.id)
        assert s.scalars(select(AuditEntry).where(AuditEntry.action == "publish",
                                                  AuditEntry.record_type == "guide")).one().username == "keyuan"
    assert page.published_label.text() == (
        f"已发布：2025-02-10版（keyuan导出），2025-02-10 发布，主动公开事项 {item.item_no}。")
    assert page.warning_label.isHidden()
    assert not page.publish_button.isEnabled()

    # An administrator changes the phone number on the settings page, which lists the guide's keys too.
    admin = AppContext(db, make_user("guanli", Role.ADMIN, display_name="管理员"))
    settings = SettingsPage(admin)
    qtbot.addWidget(settings)
    for key in ("guide.office_hours", "guide.fax", "guide.email", "guide.portal_url", "guide.channel_fax",
                "guide.complaint_body"):
        assert key in settings.editors
    phone = settings.editors["org.phone"]
    assert isinstance(phone, QLineEdit)
    phone.setText("0855-7333333")
    settings.save()
    ctx.events.changed.emit(Changes.of(RecordKind.SETTINGS))  # the administrator's save, announced here
    assert page.warning_label.isVisible()
    assert "发布后系统参数“联系电话”已修改" in page.warning_label.text()
    with db.session_factory() as s:
        assert [i.title for i in collect(s, ctx.actor, TODAY) if i.record_type == "guide"] == ["政府信息公开指南已过期"]
    tab.show_record("guide", edition.id)  # the dashboard item opens this page
    assert tab.pages.currentWidget() is page

    page.export_guide(tmp_path / "指南2.docx")
    wait(qtbot, page)
    assert "联系电话：0855-7333333" in docx_lines(tmp_path / "指南2.docx")
    assert page.warning_label.isVisible()  # exported is not published: still out of date online
    page.open_publish_dialog()
    dialog = page.publish_dialog
    assert dialog is not None
    dialog.none_button.setChecked(True)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert page.warning_label.isHidden()
    with db.session_factory() as s:
        assert [i for i in collect(s, ctx.actor, TODAY) if i.record_type == "guide"] == []


def test_request_form_export_and_a_refusal_shown_in_chinese(
        qtbot: QtBot, db: Database, ctx: AppContext, open_tab: OpenTab, tmp_path: Path) -> None:
    tab = open_tab(ctx)
    page = tab.guide
    page.export_form(tmp_path / "申请表.docx")  # the settings are still empty: the service refuses
    wait(qtbot, page)
    assert not (tmp_path / "申请表.docx").exists()
    assert any("公开指南缺少" in box.text() and "办公时间" in box.text() for box in message_boxes())
    fill_office(db)
    page.export_form(tmp_path / "申请表.docx")
    wait(qtbot, page)
    table = Document(str(tmp_path / "申请表.docx")).tables[0]
    ways = next(row.cells[1].text for row in table.rows if row.cells[0].text == "获取信息的方式")
    assert all(f"□{way}" in ways for way in FORMS_WANTED)  # the intake form's choices
