"""F1 帮助: a short page for each tab and the main dialogs (issue 17).

The pages are Markdown in resources/help/ (package data, and data in the PyInstaller bundle), written
from the user guide in docs/user-guide/ and naming its chapter for the full text; they work offline.
F1 opens the page of the tab in front or of the dialog it is pressed in; the 帮助 menu lists them all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from resources import resource_dir

if TYPE_CHECKING:
    from ui.main_window import MainWindow

# Page key → title, in the order the 帮助 menu lists them.
PAGES: dict[str, str] = {
    "dashboard": "工作台",
    "review": "发布审核",
    "post_editor": "稿件编辑",
    "review_dialog": "初审、二审、三审",
    "disclosure": "主动公开",
    "item_form": "登记公开事项",
    "cases": "依申请公开",
    "intake": "登记新申请",
    "annual": "统计报表",
    "admin": "系统设置",
    "shortcuts": "快捷键",
}
# The main window's tab classes (TabSpec.class_name) → their page.
TAB_PAGES = {
    "DashboardTab": "dashboard",
    "ReviewTab": "review",
    "DisclosureTab": "disclosure",
    "CasesTab": "cases",
    "AnnualTab": "annual",
    "AdminTab": "admin",
}
HELP_KEY = QKeySequence(Qt.Key.Key_F1)


def page_text(key: str) -> str:
    """The Markdown of one help page."""
    return (resource_dir("help") / f"{key}.md").read_text(encoding="utf-8")


class HelpDialog(QDialog):
    """The help pages: the list on the left, the page on the right. Stays open beside the work."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("helpDialog")
        self.setWindowTitle(self.tr("帮助"))
        self.setModal(False)
        self.pages = QListWidget(self)
        self.pages.setObjectName("helpPages")
        for key, title in PAGES.items():
            item = QListWidgetItem(title, self.pages)
            item.setData(Qt.ItemDataRole.UserRole, key)
        self.pages.setMaximumWidth(self.fontMetrics().horizontalAdvance("初审、二审、三审") + 40)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("helpText")
        self.browser.setOpenLinks(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        body = QHBoxLayout()
        body.addWidget(self.pages)
        body.addWidget(self.browser, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(buttons)
        self.pages.currentItemChanged.connect(self._on_page)
        self.resize(760, 560)
        self.key = ""

    def show_page(self, key: str) -> None:
        for row in range(self.pages.count()):
            if self.pages.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.pages.setCurrentRow(row)
                break

    @Slot(QListWidgetItem, QListWidgetItem)
    def _on_page(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if item is None:
            return
        self.key = item.data(Qt.ItemDataRole.UserRole)
        self.browser.setMarkdown(page_text(self.key))


def show_help(widget: QWidget, key: str) -> HelpDialog:
    """Open (or bring forward) the help beside `widget`'s window at page `key`.

    The dialog is a child of that window, so it can be used while a modal dialog is open.
    """
    window = widget.window()
    dialog = window.findChild(HelpDialog, "helpDialog", Qt.FindChildOption.FindDirectChildrenOnly)
    if dialog is None:
        dialog = HelpDialog(window)
    dialog.show_page(key)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog


def add_help_shortcut(dialog: QWidget, key: str) -> QShortcut:
    """F1 in `dialog` opens its help page."""
    shortcut = QShortcut(HELP_KEY, dialog)
    shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
    shortcut.activated.connect(lambda: show_help(dialog, key))
    return shortcut


def current_tab_page(window: MainWindow) -> str:
    """The help page of the tab in front."""
    index = window.tabs.currentIndex()
    spec = window.specs[index] if 0 <= index < len(window.specs) else None
    return TAB_PAGES.get(spec.class_name, "shortcuts") if spec is not None else "shortcuts"


def fill_help_menu(menu: QMenu, window: MainWindow) -> QAction:
    """当前页帮助 (F1), then 帮助主题 ▸ one entry per page."""
    here = QAction(window.tr("当前页帮助"), menu)
    here.setObjectName("helpHere")
    here.setShortcut(HELP_KEY)
    here.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    here.triggered.connect(lambda: show_help(window, current_tab_page(window)))
    menu.addAction(here)
    pages = menu.addMenu(window.tr("帮助主题"))
    pages.setObjectName("helpTopics")
    for key, title in PAGES.items():
        action = QAction(title, pages)
        action.setData(key)
        action.triggered.connect(lambda _checked=False, k=key: show_help(window, k))
        pages.addAction(action)
    menu.addSeparator()
    return here
