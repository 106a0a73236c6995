"""Combo boxes that offer an enum's members by their Chinese labels (app/enum_labels.py), each item
carrying the member as its data, so `combo.currentData()` is the member itself."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QComboBox

from app.enum_labels import LabelledEnum


def add_labelled(combo: QComboBox, members: Iterable[LabelledEnum]) -> QComboBox:
    """Append `members` (an enum class or some of its members, in the order given) to `combo`."""
    for member in members:
        combo.addItem(member.label, member)
    return combo
