"""系统设置 → 系统参数: the form generated from the settings registry."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QMessageBox, QPlainTextEdit, QSpinBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.audit.models import AuditEntry
from app.auth.roles import Role
from app.changes import Changes, RecordKind
from app.settings import SETTINGS, get_setting
from ui.admin.settings_page import SettingsPage
from ui.context import AppContext

pytestmark = pytest.mark.gui


@pytest.fixture
def page(shown, ctx: AppContext) -> SettingsPage:  # type: ignore[no-untyped-def]
    return shown(SettingsPage(ctx))  # type: ignore[no-any-return]


def _stored(ctx: AppContext, key: str) -> object:
    with ctx.reader() as s:
        return get_setting(s, key)


def _audit_count(ctx: AppContext) -> int:
    with ctx.reader() as s:
        stmt = select(func.count()).select_from(AuditEntry).where(AuditEntry.record_type == "setting")
        return int(s.scalar(stmt) or 0)


def test_every_setting_has_the_right_editor(page: SettingsPage) -> None:
    assert set(page.editors) == set(SETTINGS)
    for key, defn in SETTINGS.items():
        editor = page.editors[key]
        if defn.kind is bool:
            assert isinstance(editor, QCheckBox)
        elif defn.kind is int:
            assert isinstance(editor, QSpinBox)
            assert (editor.minimum(), editor.maximum()) == (defn.minimum, defn.maximum)
        elif defn.choices:
            assert isinstance(editor, QComboBox)
        elif defn.kind is list:
            assert isinstance(editor, QPlainTextEdit)
        else:
            assert isinstance(editor, QLineEdit)
        if defn.help:
            assert editor.toolTip() == defn.help
        assert page.editor_value(key) == defn.default


def test_role_choices_show_chinese_names(page: SettingsPage) -> None:
    combo = page.editors["cases.extension_approver_role"]
    assert isinstance(combo, QComboBox)
    assert combo.currentText() == "分管领导"
    assert [combo.itemText(i) for i in range(combo.count())] == [r.label for r in Role]


def test_change_short_name_saves_and_audits(qtbot: QtBot, page: SettingsPage, ctx: AppContext) -> None:
    assert not page.save_button.isEnabled()
    short = page.editors["org.short_name"]
    assert isinstance(short, QLineEdit)
    short.setText("锦政办")
    assert page.save_button.isEnabled() and "1 项修改" in page.status_label.text()
    with qtbot.waitSignal(ctx.events.changed) as changed:
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert changed.args == [Changes.of(RecordKind.SETTINGS)]
    assert _stored(ctx, "org.short_name") == "锦政办"
    assert _audit_count(ctx) == 1
    assert not page.save_button.isEnabled()
    assert "已保存 1 项" in page.status_label.text()


def test_int_out_of_range_is_refused_and_nothing_is_saved(page: SettingsPage, ctx: AppContext) -> None:
    short = page.editors["org.short_name"]
    idle = page.editors["security.idle_lock_minutes"]
    assert isinstance(short, QLineEdit) and isinstance(idle, QSpinBox)
    # The spin box already keeps typing within the registry's range ...
    idle.setValue(999)
    assert idle.value() == SETTINGS["security.idle_lock_minutes"].maximum
    # ... but the service is the authority: widen the editor as a stale form would, and the
    # save must still be refused as a whole.
    idle.setMaximum(100_000)
    idle.setValue(999)
    short.setText("锦政办")
    page.save()
    box = page.findChild(QMessageBox)
    assert box is not None and box.isVisible()
    assert "空闲锁屏时间" in box.text() and "240" in box.text()
    assert idle.property("invalid") is True
    assert _stored(ctx, "org.short_name") == "锦府办"
    assert _stored(ctx, "security.idle_lock_minutes") == 15
    assert _audit_count(ctx) == 0
    assert page.editor_value("org.short_name") == "锦政办"  # the typing is not thrown away


def test_empty_required_text_is_refused(page: SettingsPage, ctx: AppContext) -> None:
    short = page.editors["org.short_name"]
    assert isinstance(short, QLineEdit)
    short.setText("   ")
    page.save()
    box = page.findChild(QMessageBox)
    assert box is not None and "文号机关代字" in box.text()
    assert _stored(ctx, "org.short_name") == "锦府办"


def test_list_bool_and_choice_values_save_together(page: SettingsPage, ctx: AppContext) -> None:
    sections = page.editors["org.sections"]
    fee = page.editors["cases.fee_pauses_clock"]
    role = page.editors["cases.extension_approver_role"]
    assert isinstance(sections, QPlainTextEdit) and isinstance(fee, QCheckBox) and isinstance(role, QComboBox)
    sections.setPlainText("信息中心\n\n  综合科 \n")
    fee.setChecked(False)
    role.setCurrentIndex(role.findData(Role.PRINCIPAL_LEADER.value))
    assert set(page.changed_values()) == {"org.sections", "cases.fee_pauses_clock", "cases.extension_approver_role"}
    page.save()
    assert _stored(ctx, "org.sections") == ["信息中心", "综合科"]
    assert _stored(ctx, "cases.fee_pauses_clock") is False
    assert _stored(ctx, "cases.extension_approver_role") == Role.PRINCIPAL_LEADER.value
    assert _audit_count(ctx) == 3


def test_restore_defaults_and_revert(page: SettingsPage, ctx: AppContext) -> None:
    name = page.editors["org.name"]
    assert isinstance(name, QLineEdit)
    name.setText("某某县人民政府办公室")
    page.save()
    page.restore_defaults([d.key for d in SETTINGS.values() if d.group == "机关信息"])
    assert page.editor_value("org.name") == SETTINGS["org.name"].default
    assert page.changed_values() == {"org.name": SETTINGS["org.name"].default}
    page.reload()
    assert page.editor_value("org.name") == "某某县人民政府办公室"
    assert not page.changed_values()
