"""A column of widgets, the commonest layout of a panel: `column(owner, *items)` gives `owner` a
QVBoxLayout, edge to edge unless `margins` say otherwise, holding `items` top to bottom. An item is a
widget or a layout, (widget, stretch) for one that takes a share of the spare height, or STRETCH
for empty space. `column_widget(parent, *items)` is the same on a new plain widget (e.g. a page of
a QStackedWidget or one side of a splitter)."""

from __future__ import annotations

from typing import Final

from PySide6.QtWidgets import QLayout, QVBoxLayout, QWidget


class _Stretch:
    """Empty space that takes the spare height (QBoxLayout.addStretch)."""


STRETCH: Final = _Stretch()

Item = QWidget | QLayout | tuple[QWidget, int] | _Stretch
Margins = tuple[int, int, int, int]


def column(owner: QWidget, *items: Item, margins: Margins = (0, 0, 0, 0)) -> QVBoxLayout:
    layout = QVBoxLayout(owner)
    layout.setContentsMargins(*margins)
    for item in items:
        if isinstance(item, _Stretch):
            layout.addStretch(1)
        elif isinstance(item, QLayout):
            layout.addLayout(item)
        elif isinstance(item, tuple):
            layout.addWidget(*item)
        else:
            layout.addWidget(item)
    return layout


def column_widget(parent: QWidget, *items: Item, margins: Margins = (0, 0, 0, 0)) -> QWidget:
    widget = QWidget(parent)
    column(widget, *items, margins=margins)
    return widget
