"""系统设置: the administrator's tab, assembling the accounts, settings, calendar and audit pages.

Every service behind these pages refuses a non-administrator by itself; the tab also checks, so
that someone who is not an administrator sees a plain explanation instead of pages whose every
button would fail.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.auth.roles import Role
from ui.admin.accounts_page import AccountsPage
from ui.admin.audit_page import AuditPage
from ui.admin.calendar_page import CalendarPage
from ui.admin.settings_page import SettingsPage
from ui.context import AppContext
from ui.review.wordlists_page import WordListsPage
from ui.screen_fit import page_scroll_area
from ui.style import Sheet, apply_style


class AdminTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("adminTab")
        apply_style(self, Sheet.ADMIN_TAB)
        self.nav: QListWidget | None = None
        self.stack: QStackedWidget | None = None
        self.refusal: QLabel | None = None
        self.accounts_page: AccountsPage | None = None
        self.settings_page: SettingsPage | None = None
        self.calendar_page: CalendarPage | None = None
        self.audit_page: AuditPage | None = None
        self.wordlists_page: WordListsPage | None = None
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        ctx.events.actor_changed.connect(self.rebuild)
        self.rebuild()

    @property
    def is_refused(self) -> bool:
        return self.refusal is not None

    @Slot()
    def rebuild(self) -> None:
        """Build the pages for the signed-in user (again, after a different user signed in)."""
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.nav = self.stack = self.refusal = None
        self.accounts_page = self.settings_page = self.calendar_page = self.audit_page = None
        if self.ctx.actor.has(Role.ADMIN):
            self._build_pages()
        else:
            self._build_refusal()

    def _build_refusal(self) -> None:
        box = QWidget(self)
        self.refusal = QLabel(
            self.tr("“系统设置”仅供系统管理员使用。\n当前用户“{name}”不是系统管理员；"
                    "如需修改账户、参数或节假日安排，请联系本单位的系统管理员。").format(
                name=self.ctx.actor.display_name),
            box,
        )
        self.refusal.setObjectName("refusal")
        self.refusal.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.refusal.setWordWrap(True)
        layout = QVBoxLayout(box)
        layout.addStretch(2)
        layout.addWidget(self.refusal)
        layout.addStretch(3)
        self._layout.addWidget(box)

    def _build_pages(self) -> None:
        self.nav = QListWidget(self)
        self.nav.setObjectName("adminNav")
        self.nav.setFixedWidth(150)
        self.nav.setIconSize(QSize(0, 0))
        self.stack = QStackedWidget(self)
        self.accounts_page = AccountsPage(self.ctx, self.stack)
        self.settings_page = SettingsPage(self.ctx, self.stack)
        self.calendar_page = CalendarPage(self.ctx, self.stack)
        self.audit_page = AuditPage(self.ctx, self.stack)
        # The publishing-review word lists are kept by the administrator here (issue 4).
        self.wordlists_page = WordListsPage(self.ctx, self.stack)
        for text, page in (
            (self.tr("账户管理"), self.accounts_page),
            (self.tr("系统参数"), self.settings_page),
            (self.tr("节假日"), self.calendar_page),
            (self.tr("审计记录"), self.audit_page),
            (self.tr("词库"), self.wordlists_page),
        ):
            QListWidgetItem(text, self.nav)
            page_layout = page.layout()
            if page_layout is not None:
                page_layout.setContentsMargins(18, 12, 18, 12)
            # Each page scrolls on its own: the widest (节假日 at 大) no longer makes 系统参数 scroll sideways.
            self.stack.addWidget(page_scroll_area(page, self.stack))
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.nav.setCurrentRow(0)
        self._layout.addWidget(self.nav)
        self._layout.addWidget(self.stack, 1)

    def show_page(self, index: int) -> None:
        """Switch to page `index` (0 账户管理, 1 系统参数, 2 节假日, 3 审计记录, 4 词库)."""
        if self.nav is not None:
            self.nav.setCurrentRow(index)
