"""Every window fits the screen it opens on: county office PCs run 1366×768, many at 125 %.

At 125 % Qt works in logical pixels: the screen is 1093×614 and, without the taskbar, about
1092×576 is left. A dialog that asked for resize(1240, 840) opened past the bottom edge with its
buttons out of reach. `ScreenFit` (installed on the application) shrinks each window to the
screen's available area the first time it is shown and moves it inside; the dialogs themselves
keep their minimum sizes below that area (long parts scroll — `scroll_area`), which
tests/ui/test_ui_screen_fit.py checks for every dialog at both scalings.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QFrame, QMainWindow, QScrollArea, QVBoxLayout, QWidget

from ui.app_filter import install_once

# The window frame (title bar and borders) the system adds outside the client area.
FRAME = QSize(16, 40)
# 1366×768 minus a 40 px taskbar, at 100 % and at 125 % (logical pixels).
SCREEN_100 = QRect(0, 0, 1366, 728)
SCREEN_125 = QRect(0, 0, 1092, 582)


def client_budget(available: QRect) -> QSize:
    """The largest client area a window can have on a screen with this available area."""
    return QSize(available.width() - FRAME.width(), available.height() - FRAME.height())


def fit_into(window: QWidget, available: QRect) -> None:
    """Shrink `window` to the available area (never below its minimum) and move it inside."""
    budget = client_budget(available)
    size = window.size().boundedTo(budget).expandedTo(window.minimumSize())
    if size != window.size():
        window.resize(size)
    geometry = window.frameGeometry() if window.isVisible() else window.geometry()
    x = min(max(geometry.x(), available.left()), max(available.left(), available.right() - size.width()))
    y = min(max(geometry.y(), available.top()), max(available.top(), available.bottom() - size.height() - 30))
    if (x, y) != (geometry.x(), geometry.y()):
        window.move(x, y)


def scroll_area(content: QWidget, parent: QWidget | None = None) -> QScrollArea:
    """`content` in a frameless, resizable scroll area: it scrolls instead of growing its window."""
    area = QScrollArea(parent)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(content)
    return area


class _MinimumOnlyLayout(QVBoxLayout):
    """Says it has no height-for-width: a scroll area then gives its page the viewport's height
    (at least the page's minimum), not the page's preferred height for that width."""

    def hasHeightForWidth(self) -> bool:
        return False


def page_scroll_area(page: QWidget, parent: QWidget | None = None) -> QScrollArea:
    """A whole page that scrolls only when the window is smaller than the page's minimum (e.g. one
    page of a stack at 大). Unlike `scroll_area`, a page holding a word-wrapped label is not
    stretched to its preferred height, which would push its own buttons below the fold."""
    holder = QWidget()
    layout = _MinimumOnlyLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(page)
    return scroll_area(holder, parent)


class ScreenFit(QObject):
    """Application event filter: a dialog or main window is fitted to its screen when first shown."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.Show and isinstance(watched, QDialog | QMainWindow)
                and watched.isWindow() and not watched.property("govinfo_fitted")):
            watched.setProperty("govinfo_fitted", True)
            screen = watched.screen() or QGuiApplication.primaryScreen()
            if screen is not None:
                fit_into(watched, screen.availableGeometry())
        return False


def install_screen_fit(app: QApplication) -> ScreenFit:
    return install_once(app, "_govinfo_screen_fit", ScreenFit, ScreenFit)
