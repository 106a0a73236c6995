"""The main window: assembles the tabs, menus and status bar; the work happens in the tabs.

Tab contract: a QWidget class constructed as `cls(ctx: AppContext, parent=None)`. Optional:
`show_record(record_type: str, record_id: int | None) -> None` (a dashboard item was opened) and
`can_close() -> bool` (return False to keep the window open, e.g. after asking about unsaved edits).
"""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QSettings, Qt, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QMainWindow,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.auth.roles import Role
from app.changes import Changes, RecordKind
from app.dashboard import DashboardItem
from app.settings.registry import get_setting
from ui.about_dialog import AboutDialog
from ui.change_password_dialog import ChangePasswordDialog
from ui.change_watcher import ChangeWatcher
from ui.connection_dialog import ConnectionDialog
from ui.connection_indicator import ConnectionIndicator
from ui.context import AppContext
from ui.database_actions import DatabaseActions
from ui.discard_guard import first_unsaved_dialog
from ui.font_size import font_size_menu
from ui.help import fill_help_menu
from ui.idle_lock import IdleWatcher, LockScreen, idle_timeout_ms
from ui.messages import show_info
from ui.placeholder_tab import PlaceholderTab
from ui.screen_fit import scroll_area
from ui.shortcuts import install_tab_shortcuts

log = logging.getLogger("govinfo.ui")


class ExitReason(Enum):
    QUIT = "quit"
    LOGOUT = "logout"  # back to the login dialog, same database
    RESTART = "restart"  # the database was replaced (restore): open it again


@dataclass(frozen=True)
class TabSpec:
    title: str
    module: str
    class_name: str
    area: str = ""  # DashboardItem.area values that this tab shows
    admin_only: bool = False


class MainWindow(QMainWindow):
    window_closed = Signal()
    """The window closed; `exit_reason` says whether to quit, log out or reopen the database."""

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, *, settings: QSettings | None = None,
        idle_timeout: int | None = None,
    ) -> None:
        """`idle_timeout` (ms) overrides the security.idle_lock_minutes setting (tests, demos)."""
        super().__init__(parent)
        self.ctx = ctx
        self.settings = settings if settings is not None else QSettings()
        self.exit_reason = ExitReason.QUIT
        self.restart_message = ""
        self.specs = [s for s in self._tab_specs() if not s.admin_only or ctx.actor.has(Role.ADMIN)]
        self._built: dict[int, QWidget] = {}
        self._idle_override = idle_timeout
        self._build()
        self._lay_out()
        self._connect()
        self._update_title()
        self._restore_geometry()
        self.tab_widget(0)

    # -- build / lay out / connect -----------------------------------------------------------
    def _build(self) -> None:
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        # The tabs' own widgets are built on first show (tab_widget): start-up stays quick.
        for spec in self.specs:
            self.tabs.addTab(self._tab_page(), spec.title)
        self.lock_screen = LockScreen(self.ctx, self)
        self.stack = QStackedWidget(self)
        self.db_actions = DatabaseActions(self.ctx, self)
        self._build_menus()
        self._build_status_bar()
        self.idle = IdleWatcher(
            self._idle_override if self._idle_override is not None else idle_timeout_ms(self.ctx), self)
        self.watcher = ChangeWatcher(self.ctx, self)
        self.connection_indicator = ConnectionIndicator(self)  # a lost server, before the clerk acts

    @staticmethod
    def _tab_page() -> QScrollArea:
        """An empty holder for a tab's widget. A page taller than a 1366×768 screen at 125 % scrolls
        instead of growing the window."""
        holder = QWidget()
        QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
        return scroll_area(holder)

    def _lay_out(self) -> None:
        self.stack.addWidget(self.tabs)
        self.stack.addWidget(self.lock_screen)
        self.setCentralWidget(self.stack)
        self._lay_out_status_bar()
        self.statusBar().insertPermanentWidget(0, self.connection_indicator)

    def _connect(self) -> None:
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.lock_screen.unlocked.connect(self.unlock)
        self.lock_screen.switch_user_requested.connect(self.log_out)
        self.db_actions.restored.connect(self._on_restored)
        self.ctx.events.changed.connect(self._on_changed)
        self.idle.idle_timed_out.connect(self.lock)
        self.db_actions.restore_started.connect(self.watcher.stop)
        self.watcher.reachability_changed.connect(self.connection_indicator.set_reachable)
        menu_slots: tuple[tuple[QAction, object], ...] = (
            (self.backup_action, self.db_actions.backup_database),
            (self.restore_action, self.db_actions.restore_database),
            (self.connection_action, self.edit_connection), (self.quit_action, self.close),
            (self.password_action, self.change_password), (self.lock_action, self.lock),
            (self.log_out_action, self.log_out), (self.about_action, self.show_about),
        )
        for action, slot in menu_slots:
            action.triggered.connect(slot)

    def _tab_specs(self) -> list[TabSpec]:
        # Literal self.tr() calls so pyside6-lupdate finds every title.
        return [
            TabSpec(self.tr("工作台"), "ui.dashboard_tab", "DashboardTab"),
            TabSpec(self.tr("发布审核"), "ui.review.tab", "ReviewTab", "发布审核"),
            TabSpec(self.tr("主动公开"), "ui.disclosure.tab", "DisclosureTab", "主动公开"),
            TabSpec(self.tr("依申请公开"), "ui.cases.tab", "CasesTab", "依申请公开"),
            TabSpec(self.tr("统计报表"), "ui.annual.tab", "AnnualTab", "统计报表"),
            TabSpec(self.tr("系统设置"), "ui.admin.tab", "AdminTab", "系统", admin_only=True),
        ]

    # --- tabs -------------------------------------------------------------------------------

    def tab_titles(self) -> list[str]:
        return [self.tabs.tabText(i) for i in range(self.tabs.count())]

    def tab_widget(self, index: int) -> QWidget:
        """The tab's own widget, building it on first use so start-up stays quick."""
        if index in self._built:
            return self._built[index]
        spec = self.specs[index]
        widget = self._create_tab(spec)
        area = self.tabs.widget(index)
        holder = area.widget() if isinstance(area, QScrollArea) else area
        layout = holder.layout() if holder is not None else None
        assert layout is not None
        layout.addWidget(widget)
        widget.show()  # added to an already visible holder: not shown until told
        self._built[index] = widget
        if spec.class_name == "DashboardTab":
            widget.item_activated.connect(self.open_dashboard_item)  # type: ignore[attr-defined]
        return widget

    def _create_tab(self, spec: TabSpec) -> QWidget:
        try:
            module = importlib.import_module(spec.module)
        except ModuleNotFoundError as exc:
            # Only "this area is not built yet" becomes the placeholder; a missing dependency
            # inside an existing tab module is a real fault and is reported as one.
            missing = exc.name or ""
            if missing and (spec.module == missing or spec.module.startswith(missing + ".")):
                return PlaceholderTab(spec.title)
            log.error("Tab %s failed to import", spec.module, exc_info=exc)
            return PlaceholderTab(spec.title, error=str(exc))
        except Exception as exc:
            log.error("Tab %s failed to import", spec.module, exc_info=exc)
            return PlaceholderTab(spec.title, error=str(exc))
        try:
            cls = getattr(module, spec.class_name)
            widget = cls(self.ctx, None)
        except Exception as exc:
            log.error("Tab %s.%s failed to open", spec.module, spec.class_name, exc_info=exc)
            return PlaceholderTab(spec.title, error=str(exc))
        if not isinstance(widget, QWidget):
            return PlaceholderTab(spec.title, error=f"{spec.class_name} is not a QWidget")
        return widget

    @Slot(int)
    def _on_tab_changed(self, index: int) -> None:
        if index >= 0:
            self.tab_widget(index)

    @Slot(object)
    def open_dashboard_item(self, item: DashboardItem) -> None:
        """Switch to the tab that owns a dashboard item and let it show the record if it can."""
        for index, spec in enumerate(self.specs):
            if spec.area and spec.area == item.area:
                self.tabs.setCurrentIndex(index)
                show = getattr(self.tab_widget(index), "show_record", None)
                if callable(show):
                    show(item.record_type, item.record_id)
                return
        self.statusBar().showMessage(self.tr("“{area}”的事项没有对应的页面。").format(area=item.area), 5000)

    # --- menus and status bar ---------------------------------------------------------------

    def _action(self, text: str, shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("文件(&F)"))
        self.backup_action = self._action(self.tr("备份数据库…"))
        self.restore_action = self._action(self.tr("从备份恢复…"))
        self.connection_action = self._action(self.tr("数据库连接…"))
        self.quit_action = self._action(self.tr("退出"), QKeySequence.StandardKey.Quit)
        file_menu.addAction(self.backup_action)
        file_menu.addAction(self.restore_action)
        file_menu.addAction(self.connection_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        if not self.ctx.db.is_sqlite:
            self.backup_action.setEnabled(False)
            self.restore_action.setEnabled(False)
        if not self.ctx.actor.has(Role.ADMIN):
            self.restore_action.setEnabled(False)  # replacing everyone's data is an administrator's call

        account = bar.addMenu(self.tr("账户(&A)"))
        self.password_action = self._action(self.tr("修改密码…"))
        self.lock_action = self._action(self.tr("锁定屏幕"), "Ctrl+L")
        self.log_out_action = self._action(self.tr("切换用户/注销"))
        account.addAction(self.password_action)
        account.addAction(self.lock_action)
        account.addSeparator()
        account.addAction(self.log_out_action)

        view_menu = bar.addMenu(self.tr("视图(&V)"))
        view_menu.addMenu(font_size_menu(self, self.settings))

        help_menu = bar.addMenu(self.tr("帮助(&H)"))
        self.help_action = fill_help_menu(help_menu, self)  # F1: the page of the tab in front
        self.about_action = self._action(self.tr("关于"))
        help_menu.addAction(self.about_action)
        self._menus_to_lock = [file_menu, account, help_menu]
        install_tab_shortcuts(self)  # 操作: 新建 Ctrl+N, 查找 Ctrl+F, 刷新 F5

    @Slot()
    def edit_connection(self) -> ConnectionDialog:
        """Which database this PC opens; takes effect at the next start."""
        dialog = ConnectionDialog(self.ctx.db.data_dir, self)
        dialog.accepted.connect(lambda: show_info(
            self, self.tr("数据库连接"), self.tr("已保存。请退出并重新启动程序，以连接新的数据库。")))
        dialog.open()
        return dialog

    def _build_status_bar(self) -> None:
        actor = self.ctx.actor
        roles = "、".join(r.label for r in sorted(actor.roles)) or self.tr("无角色")
        self.user_label = QLabel(self.tr("当前用户：{name}（{roles}）").format(name=actor.display_name, roles=roles))
        self.db_label = QLabel(self.tr("数据库：{url}").format(url=self.ctx.db.display_url()))
        self.db_label.setToolTip(self.ctx.db.display_url())
        self.schema_label = QLabel(self.tr("结构版本：{rev}").format(rev=self.ctx.db.schema_revision or "—"))
        self.statusBar()  # created here: the window's children keep their order

    def _lay_out_status_bar(self) -> None:
        bar = self.statusBar()
        for i, label in enumerate((self.user_label, self.db_label, self.schema_label)):
            if i:
                line = QFrame(self)
                line.setFrameShape(QFrame.Shape.VLine)
                line.setFrameShadow(QFrame.Shadow.Sunken)
                bar.addPermanentWidget(line)
            label.setContentsMargins(6, 0, 6, 0)
            bar.addPermanentWidget(label)

    def _update_title(self) -> None:
        try:
            with self.ctx.reader() as session:
                org = str(get_setting(session, "org.name"))
        except Exception as exc:
            log.warning("Could not read the organisation name: %s", exc)
            org = ""
        # "锦屏县人民政府办公室 — 政务公开工作台": Qt adds the application name to a title that does not
        # already end with it, which made "政务公开工作台 — … — 政务公开工作台".
        self.setWindowTitle(self.tr("{org} — 政务公开工作台").format(org=org) if org else self.tr("政务公开工作台"))

    @Slot(object)
    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(RecordKind.SETTINGS):
            self._update_title()
            if self._idle_override is None:
                self.idle.set_timeout_ms(idle_timeout_ms(self.ctx))

    # --- account ----------------------------------------------------------------------------

    @Slot()
    def change_password(self) -> ChangePasswordDialog:
        dialog = ChangePasswordDialog(self.ctx.db, self.ctx.actor, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._password_changed)
        dialog.open()
        return dialog

    @Slot()
    def _password_changed(self) -> None:
        self.statusBar().showMessage(self.tr("密码已修改。"), 5000)

    @property
    def is_locked(self) -> bool:
        return self.stack.currentWidget() is self.lock_screen

    @Slot()
    def lock(self) -> None:
        """Hide the work behind the lock screen until the same user's password is entered."""
        if self.is_locked:
            return
        self.idle.pause()
        self.stack.setCurrentWidget(self.lock_screen)
        for menu in self._menus_to_lock:
            menu.setEnabled(False)
        self.lock_screen.reset()

    @Slot()
    def unlock(self) -> None:
        self.stack.setCurrentWidget(self.tabs)
        for menu in self._menus_to_lock:
            menu.setEnabled(True)
        self.idle.resume()

    @Slot()
    def log_out(self) -> None:
        """Close the window and go back to the login dialog (the database stays open)."""
        self.exit_reason = ExitReason.LOGOUT
        if not self.close():
            self.exit_reason = ExitReason.QUIT

    def _record_logout(self) -> None:
        from app.audit.service import record

        try:
            with self.ctx.unit_of_work() as session:
                record(session, self.ctx.actor, "logout", "user", self.ctx.actor.user_id, summary="注销")
        except Exception as exc:  # logging out must work even if the database went away
            log.warning("Could not record the logout: %s", exc)

    @Slot()
    def show_about(self) -> AboutDialog:
        dialog = AboutDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    @Slot(str)
    def _on_restored(self, message: str) -> None:
        self.restart_message = message
        self.exit_reason = ExitReason.RESTART
        self.close()

    # --- window state -----------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = self.settings.value("main_window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            # First start: 1280×800, but never larger than a small office laptop's screen.
            screen = self.screen().availableGeometry()
            self.resize(min(1280, int(screen.width() * 0.92)), min(800, int(screen.height() * 0.9)))
            self.move(screen.center() - self.rect().center())
        state = self.settings.value("main_window/state")
        if state is not None:
            self.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Whoever sits at a locked screen is not the user who could answer "save changes?".
        if self.exit_reason is not ExitReason.RESTART and not self.is_locked:
            if first_unsaved_dialog() is not None:  # it comes forward and asks; quitting waits
                event.ignore()
                return
            for widget in self._built.values():
                can_close = getattr(widget, "can_close", None)
                if callable(can_close) and not can_close():
                    event.ignore()
                    return
        if self.exit_reason is ExitReason.LOGOUT:
            self._record_logout()
        self.settings.setValue("main_window/geometry", self.saveGeometry())
        self.settings.setValue("main_window/state", self.saveState())
        self.settings.sync()
        self.idle.stop()
        super().closeEvent(event)
        self.window_closed.emit()
