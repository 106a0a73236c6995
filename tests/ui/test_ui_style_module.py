"""Colours and style sheets live in ui/style.py (issue 14): no widget sets an inline style sheet and no
style sheet or rich text outside it hard-codes a font size, so the 界面字号 setting reaches every text."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from ui import style
from ui.style import Sheet, apply_style

UI = Path(__file__).resolve().parents[2] / "ui"
FONT_SIZE = re.compile(r"font-size:\s*\d+(?:\.\d+)?\s*(?:pt|px)")


def _sources() -> list[Path]:
    return [p for p in sorted(UI.rglob("*.py")) if p.name != "style.py"]


def test_no_widget_sets_an_inline_style_sheet() -> None:
    offenders = [f"{p.relative_to(UI)}:{n}" for p in _sources()
                 for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if "setStyleSheet(" in line]
    assert offenders == []


def test_no_font_size_is_hard_coded_outside_the_style_module() -> None:
    offenders = [f"{p.relative_to(UI)}:{n}" for p in _sources()
                 for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if FONT_SIZE.search(line)]
    assert offenders == []
    assert FONT_SIZE.search(Sheet.HEADING)  # the pattern does find a size where one is written


def test_a_style_is_scaled_when_applied_and_again_when_the_scale_changes(qtbot: QtBot) -> None:
    label = QLabel("标题")
    qtbot.addWidget(label)
    try:
        apply_style(label, Sheet.HEADING)
        assert label.styleSheet() == "font-size: 12pt; font-weight: bold;"
        style.set_scale(1.4)
        assert label.styleSheet() == "font-size: 16.8pt; font-weight: bold;"
        other = QLabel("正文")
        qtbot.addWidget(other)
        apply_style(other, Sheet.PLACEHOLDER)
        assert other.styleSheet().startswith("font-size: 21pt;")
        assert style.pt(10) == 14.0
    finally:
        style.set_scale(1.0)
    assert label.styleSheet() == "font-size: 12pt; font-weight: bold;"
