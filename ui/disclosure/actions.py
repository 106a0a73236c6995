"""What the disclosure widgets share: reads and the inline message line of a dialog.

Changes run through `ctx.run(Op(...))` (ui/operations.py)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from ui.operations import ERROR_STYLE, read
from ui.style import apply_style

__all__ = ["error_label", "read"]


def error_label(parent: QWidget) -> QLabel:
    """The inline message line of a dialog: hidden until a service refuses something."""
    label = QLabel(parent)
    label.setObjectName("dialogMessage")
    label.setWordWrap(True)
    apply_style(label, ERROR_STYLE)
    label.hide()
    return label
