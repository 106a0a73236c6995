"""界面字号 (interface font size): larger text for staff who need it (issue 17).

Kept per PC in QSettings, like window sizes and print columns: it applies from the login dialog on,
before anyone is signed in, and it belongs to the screen and the eyes in front of it. Changing it
sets the application font (every widget without its own font follows) and re-applies the named style
sheets of ui/style.py at the new scale; a larger size can make a dialog taller, and the dialogs keep
their minimum sizes within a 1366×768 screen (long parts scroll, ui/screen_fit.py).
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QCoreApplication, QEvent, QSettings
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from ui import style
from ui.app_setup import FONT_POINT_SIZE

SETTINGS_KEY = "ui/font_size"


class FontSize(Enum):
    STANDARD = ("standard", "标准", 1.0)
    LARGER = ("larger", "较大", 1.2)
    LARGE = ("large", "大", 1.4)

    def __init__(self, key: str, label: str, scale: float) -> None:
        self.key = key
        self.label = label
        self.scale = scale

    @property
    def point_size(self) -> float:
        return round(FONT_POINT_SIZE * self.scale, 1)

    @classmethod
    def from_key(cls, key: object) -> FontSize:
        return next((size for size in cls if size.key == key), cls.STANDARD)


def saved_font_size(settings: QSettings | None = None) -> FontSize:
    store = settings if settings is not None else QSettings()
    return FontSize.from_key(store.value(SETTINGS_KEY, FontSize.STANDARD.key))


def current_font_size() -> FontSize:
    return next((size for size in FontSize if size.scale == style.current_scale()), FontSize.STANDARD)


def apply_font_size(size: FontSize) -> None:
    """Set the application font and the style sheets to `size`, for open and future windows."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        font = app.font()
        font.setPointSizeF(size.point_size)
        app.setFont(font)
        # Widgets learn of the new font from posted events; the style sheets re-applied next must
        # see it already, or a styled label keeps the old size.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.ApplicationFontChange)
    style.set_scale(size.scale)


def change_font_size(size: FontSize, settings: QSettings | None = None) -> None:
    """Apply `size` now and remember it for the next start on this PC."""
    store = settings if settings is not None else QSettings()
    store.setValue(SETTINGS_KEY, size.key)
    store.sync()
    apply_font_size(size)


def font_size_menu(parent: QWidget, settings: QSettings | None = None) -> QMenu:
    """界面字号 ▸ 标准 / 较大 / 大, the current one ticked."""
    menu = QMenu(parent.tr("界面字号"), parent)
    menu.setObjectName("fontSizeMenu")
    group = QActionGroup(menu)
    group.setExclusive(True)
    current = current_font_size()
    for size in FontSize:
        action = QAction(f"{size.label}（{size.point_size:g} 磅）", menu)
        action.setCheckable(True)
        action.setChecked(size is current)
        action.setData(size.key)
        action.triggered.connect(lambda _checked=False, s=size: change_font_size(s, settings))
        group.addAction(action)
        menu.addAction(action)
    return menu
