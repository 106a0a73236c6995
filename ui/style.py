"""Colours, font sizes and the recurring style sheets in one place (issues 14 and 17).

Widgets never call `setStyleSheet` with a literal: they call `apply_style(widget, Sheet.X)`.
Style sheets are written at the standard font size (10 pt); every `<n>pt` in them is scaled by the
界面字号 (interface font size, ui/font_size.py) when applied, and `apply_style` remembers the sheet on
the widget so `restyle_all` can re-apply it when the size changes while the program runs. Pixel
sizes appear only for borders, radii and padding, never for text.
"""

from __future__ import annotations

import re

from PySide6.QtWidgets import QApplication, QWidget

_PROPERTY = "govinfo_style"
_POINTS = re.compile(r"(\d+(?:\.\d+)?)pt\b")
_scale = 1.0


class Colour:
    """The palette. Text colours are dark enough to read on white at the office's screens."""

    ERROR = "#b3261e"  # refusals, missing items, overdue
    OK = "#26734d"  # done, saved, passed
    WARN = "#8a5a00"  # needs attention soon
    INFO = "#0d47a1"  # computed values (deadlines, dates the system worked out)
    LINK = "#1565c0"
    MUTED = "#555"  # hints and secondary lines
    FAINT = "#777"  # stamps, empty states
    TITLE = "#1f3b63"
    BRAND = "#9c1c1c"  # the red of the program's name
    GRID = "#9aa5b1"
    DELAYED = "#8e24aa"
    DONE = "#2e7d32"  # a step done (checklists, documents, signatures)
    DRILL = "#1a4f8b"  # figures that open their records on double-click
    DUE_SOON_BG = "#fff3cd"  # row background: due within 3 working days
    OVERDUE_BG = "#fde2e1"  # row background: overdue
    TEXT = "#333"


class Sheet:
    """Named style sheets. Font sizes in pt at the standard interface size."""

    # text roles
    HINT = f"color: {Colour.MUTED};"
    FAINT = f"color: {Colour.FAINT};"
    ERROR = f"color: {Colour.ERROR};"
    OK = f"color: {Colour.OK};"
    WARN = f"color: {Colour.WARN};"
    INFO = f"color: {Colour.INFO};"
    INFO_BOLD = f"color: {Colour.INFO}; font-weight: bold;"
    BOLD = "font-weight: bold;"
    LINK = f"color: {Colour.LINK}; text-decoration: underline;"
    NONE = ""
    # headings and large text
    HEADING = "font-size: 12pt; font-weight: bold;"
    HEADING_LARGE = "font-size: 13pt; font-weight: bold;"
    PAGE_TITLE = "font-size: 14pt; font-weight: bold;"
    RECORD_NO = "font-size: 15pt; font-weight: bold;"
    APP_TITLE = f"font-size: 18pt; font-weight: bold; color: {Colour.BRAND}; padding: 6px;"
    LOCK_TITLE = "font-size: 18pt; font-weight: bold; color: #333;"
    LARGE = "font-size: 11pt;"
    DONE_TEXT = "font-size: 13pt;"
    LARGE_INFO = f"font-weight: bold; font-size: 11pt; color: {Colour.INFO};"
    EMPTY_STATE = f"font-size: 13pt; color: {Colour.MUTED};"
    EMPTY_DETAIL = f"font-size: 12pt; color: {Colour.FAINT};"
    PLACEHOLDER = f"font-size: 15pt; color: {Colour.MUTED};"
    ORG_LINE = f"color: {Colour.MUTED}; padding-bottom: 8px;"
    DONE_STEP = "color: #2e7d32;"
    TODO_STEP = "color: #757575;"
    # buttons
    PRIMARY_BUTTON = "font-weight: bold; padding: 4px 18px;"
    NEW_BUTTON = "font-weight: bold; padding: 4px 14px;"
    # boxes and banners
    NOTE_BOX = "background: #f1f6fd; border: 1px solid #c7dbf5; border-radius: 4px; padding: 8px; color: #333;"
    WARN_BOX = "background: #fff8e1; border: 1px solid #f0c36d; border-radius: 4px; padding: 8px; color: #5c4200;"
    DUTY_BOX = "background: #f3f6fa; border: 1px solid #d5dde8; padding: 6px;"
    LOST_CONNECTION = f"color: #ffffff; background: {Colour.ERROR}; padding: 0 6px; font-weight: bold;"
    ALERT_BANNER = f"background: #fde2e1; color: {Colour.ERROR}; padding: 6px; font-weight: bold;"
    DIFFERENCES_BANNER = ("background: #fdecea; color: #8c1d18; border: 1px solid #e6a09a;"
                          " border-radius: 4px; padding: 8px; font-weight: bold;")
    CASE_HEADER = "QFrame#caseHeader { background: #f5f8fc; border: 1px solid #dde5f0; border-radius: 6px; }"
    INTAKE_WARNINGS = ("QGroupBox#intakeWarnings { background: #fff8e1; border: 1px solid #f0c36d;"
                       " border-radius: 4px; margin-top: 14px; padding: 8px; }"
                       " QGroupBox#intakeWarnings::title { color: #8a5a00; }")
    STALE_BANNER = "QFrame#staleBanner { background: #fff3cd; border: 1px solid #e0c060; }"
    LOCK_SCREEN = "#lockScreen { background: #eef1f5; }"
    LOCK_CARD = "#lockCard { background: white; border: 1px solid #c9d0da; border-radius: 8px; }"
    READ_ONLY_EDIT = "QLineEdit { background: #f0f0f0; color: #555555; }"
    INVALID_FIELD = f"border: 1px solid {Colour.ERROR};"
    GRID_LINES = f"QTableView {{ gridline-color: {Colour.GRID}; }}"
    TABLE_HEADER_CELL = "font-weight: bold; color: #333; background: #eef2f7; padding: 4px 8px;"
    AUTO_CELL = f"color: {Colour.INFO}; padding: 0 8px;"
    TOTAL_CELL = "font-weight: bold; padding: 0 8px;"
    FEES = "color: #1a4f8b; font-weight: bold;"
    # 修改对比 (rich text): the old sentence struck in red, the new one in green, changed words darker
    DIFF_DELETE = "background-color:#fde7e5; color:#8c1d18; text-decoration:line-through;"
    DIFF_DELETE_WORD = "background-color:#f4a8a1; color:#6d0f09; text-decoration:line-through; font-weight:bold;"
    DIFF_INSERT = "background-color:#e3f5e3; color:#0b5d1e;"
    DIFF_INSERT_WORD = "background-color:#9fdc9f; color:#063d12; font-weight:bold;"
    CALENDAR_ENTERED = "QLabel { color: #0f6b2f; background: #e3f4e8; border-radius: 4px; padding: 3px 8px; }"
    CALENDAR_BUILTIN = "QLabel { color: #1f3b63; background: #e6edf7; border-radius: 4px; padding: 3px 8px; }"
    CALENDAR_UNKNOWN = "QLabel { color: #9a4a00; background: #fdebd3; border-radius: 4px; padding: 3px 8px; }"
    ADMIN_TAB = """
QLabel#pageTitle { font-size: 14pt; font-weight: bold; color: #1f3b63; padding: 2px 0 4px 0; }
QLabel#pageHint { color: #666666; }
QLabel#fieldCaption { color: #7a7a7a; font-size: 9pt; }
QLabel#refusal { font-size: 13pt; color: #555555; }
QListWidget#adminNav {
    background: #f3f5f8; border: none; border-right: 1px solid #d9dee6; font-size: 11pt; outline: 0;
}
QListWidget#adminNav::item { padding: 10px 16px; color: #333333; }
QListWidget#adminNav::item:selected { background: #dfe8f5; color: #1f3b63; border-left: 3px solid #2b5fad; }
QGroupBox { font-weight: bold; margin-top: 10px; }
QGroupBox::title { subcontrol-origin: margin; left: 8px; padding: 0 4px; color: #1f3b63; }
"""

    @staticmethod
    def colour(colour: str) -> str:
        return f"color: {colour};"

    @staticmethod
    def bold_colour(colour: str) -> str:
        return f"font-weight: bold; color: {colour};"

    @staticmethod
    def pill(colour: str) -> str:
        """A rounded status badge (the case status) in `colour`, white bold text."""
        return f"background: {colour}; color: white; border-radius: 9px; padding: 2px 10px; font-weight: bold;"

    @staticmethod
    def tag(colour: str) -> str:
        """A small square status tag (the disclosure item status) in `colour`."""
        return f"color: white; background: {colour}; border-radius: 3px; padding: 1px 8px;"

    @staticmethod
    def either(condition: bool, when_true: str, when_false: str) -> str:
        return when_true if condition else when_false


def scaled(sheet: str, scale: float | None = None) -> str:
    """`sheet` with every point size multiplied by the interface font scale."""
    factor = _scale if scale is None else scale
    if factor == 1.0:
        return sheet
    return _POINTS.sub(lambda m: f"{round(float(m.group(1)) * factor, 1):g}pt", sheet)


def pt(points: float) -> float:
    """A point size (for rich text or painters) at the interface font scale."""
    return round(points * _scale, 1)


def apply_style(widget: QWidget, sheet: str) -> None:
    """Give `widget` the named style sheet, scaled to the interface font size, and remember it."""
    widget.setProperty(_PROPERTY, sheet)
    widget.setStyleSheet(scaled(sheet))


def current_scale() -> float:
    return _scale


def set_scale(scale: float) -> None:
    """Change the font scale and re-apply every remembered style sheet at the new size."""
    global _scale
    _scale = scale
    restyle_all()


def restyle_all() -> None:
    for widget in QApplication.allWidgets():
        try:
            sheet = widget.property(_PROPERTY)
        except RuntimeError:  # a wrapper whose widget Qt has already deleted
            continue
        if isinstance(sheet, str):
            widget.setStyleSheet(scaled(sheet))
