"""Main window: tabs per role, every tab opens, placeholders, menus, status bar, backup/restore."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.audit.models import AuditEntry
from app.auth.roles import Role
from app.backup import backup_to, validate_backup_file
from app.dashboard import DashboardItem, Urgency
from ui.context import AppContext
from ui.dashboard_tab import DashboardTab
from ui.main_window import ExitReason, MainWindow, TabSpec
from ui.placeholder_tab import PlaceholderTab

pytestmark = pytest.mark.gui
ALL_TABS = ["工作台", "发布审核", "主动公开", "依申请公开", "统计报表", "系统设置"]


def open_window(qtbot: QtBot, ctx: AppContext, qsettings: QSettings) -> MainWindow:
    window = MainWindow(ctx, settings=qsettings)
    qtbot.addWidget(window)
    window.show()
    return window


def test_admin_sees_six_tabs(qtbot: QtBot, admin_ctx: AppContext, qsettings: QSettings) -> None:
    window = open_window(qtbot, admin_ctx, qsettings)
    assert window.tab_titles() == ALL_TABS


def test_non_admin_sees_five_tabs(
    qtbot: QtBot, make_ctx: Callable[..., AppContext], qsettings: QSettings
) -> None:
    ctx = make_ctx("wangfang", Role.EDITOR, Role.DISCLOSURE_STAFF, display_name="王芳")
    window = open_window(qtbot, ctx, qsettings)
    assert window.tab_titles() == ALL_TABS[:5]
    assert not window.restore_action.isEnabled()


def test_every_tab_opens_without_error(qtbot: QtBot, admin_ctx: AppContext, qsettings: QSettings) -> None:
    window = open_window(qtbot, admin_ctx, qsettings)
    assert isinstance(window.tab_widget(0), DashboardTab)
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        widget = window.tab_widget(index)
        assert widget.isVisible()
        assert not (isinstance(widget, PlaceholderTab) and widget.is_error), (
            f"tab {window.tabs.tabText(index)} failed to load: {widget.detail.text()}"
        )


def test_missing_module_gives_honest_placeholder(
    qtbot: QtBot, admin_ctx: AppContext, qsettings: QSettings
) -> None:
    window = open_window(qtbot, admin_ctx, qsettings)
    widget = window._create_tab(TabSpec("年度报告", "ui.no_such_area.tab", "NoSuchTab"))
    assert isinstance(widget, PlaceholderTab) and not widget.is_error
    assert widget.message.text() == "「年度报告」模块正在开发中，本版本尚不可用。"
    broken = window._create_tab(TabSpec("坏模块", "ui.placeholder_tab", "NoSuchClass"))
    assert isinstance(broken, PlaceholderTab) and broken.is_error


def test_status_bar_and_title(qtbot: QtBot, admin_ctx: AppContext, qsettings: QSettings) -> None:
    window = open_window(qtbot, admin_ctx, qsettings)
    assert window.user_label.text() == "当前用户：管理员甲（系统管理员）"
    assert window.db_label.text().startswith("数据库：sqlite:///")
    assert admin_ctx.db.schema_revision in window.schema_label.text()
    # Ends with the application name, so Qt does not append it a second time.
    assert window.windowTitle() == "锦屏县人民政府办公室 — 政务公开工作台"


def test_dashboard_item_switches_to_its_area(qtbot: QtBot, admin_ctx: AppContext, qsettings: QSettings) -> None:
    window = open_window(qtbot, admin_ctx, qsettings)
    window.open_dashboard_item(DashboardItem("依申请公开", "待答复", "", Urgency.WAITING, record_type="case"))
    assert window.tabs.tabText(window.tabs.currentIndex()) == "依申请公开"


def test_geometry_is_remembered(qtbot: QtBot, admin_ctx: AppContext, qsettings: QSettings) -> None:
    window = open_window(qtbot, admin_ctx, qsettings)
    window.resize(713, 517)
    window.close()
    assert qsettings.value("main_window/geometry") is not None
    again = open_window(qtbot, admin_ctx, qsettings)
    assert (again.width(), again.height()) == (713, 517)


def test_about_dialog_shows_version_folder_and_schema(
    qtbot: QtBot, admin_ctx: AppContext, qsettings: QSettings
) -> None:
    from app import __version__

    window = open_window(qtbot, admin_ctx, qsettings)
    dialog = window.show_about()
    assert dialog.values["version"] == __version__
    assert dialog.values["data_dir"] == str(admin_ctx.db.data_dir)
    assert dialog.values["schema"] == admin_ctx.db.schema_revision
    assert dialog.values["database"].startswith("sqlite:///")


def test_menu_backup_writes_file_and_audits(
    qtbot: QtBot, admin_ctx: AppContext, qsettings: QSettings, tmp_path: Path
) -> None:
    window = open_window(qtbot, admin_ctx, qsettings)
    dest = tmp_path / "手动备份.db"
    handle = window.db_actions.start_backup(dest)
    assert handle is not None
    qtbot.waitUntil(lambda: handle.is_finished, timeout=10_000)
    assert handle.error is None
    validate_backup_file(dest)
    with admin_ctx.reader() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "backup")).one()
    assert entry.username == "admin1" and str(dest) in entry.after_json


def test_menu_restore_replaces_database_and_asks_for_restart(
    qtbot: QtBot, admin_ctx: AppContext, qsettings: QSettings, tmp_path: Path
) -> None:
    db_path = admin_ctx.db.sqlite_path
    assert db_path is not None
    backup = backup_to(db_path, tmp_path / "before.db")
    window = open_window(qtbot, admin_ctx, qsettings)
    with qtbot.waitSignal(window.window_closed, timeout=10_000):
        handle = window.db_actions.start_restore(backup)
        assert handle is not None
    assert window.exit_reason is ExitReason.RESTART
    assert "已从备份恢复" in window.restart_message
    kept = [p for p in db_path.parent.glob("govinfo.db.before-restore-*") if not p.name.endswith(("-wal", "-shm"))]
    assert len(kept) == 1 and kept[0].name in window.restart_message.replace("\n", "")
    assert window.watcher._stopped  # nothing reopens the file being replaced


def test_log_out_closes_with_logout_reason(qtbot: QtBot, admin_ctx: AppContext, qsettings: QSettings) -> None:
    window = open_window(qtbot, admin_ctx, qsettings)
    with qtbot.waitSignal(window.window_closed, timeout=3000):
        window.log_out()
    assert window.exit_reason is ExitReason.LOGOUT
    with admin_ctx.reader() as s:
        assert s.scalars(select(AuditEntry).where(AuditEntry.action == "logout")).one().username == "admin1"
