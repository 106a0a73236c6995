"""One signal for "the clerk changed something in this form", whatever the kind of field."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)


def watch_edits(root: QWidget, on_edit: Callable[[], None]) -> None:
    """Call `on_edit` whenever the user edits a field under `root` (typing, choosing, ticking).

    Line edits report textEdited (the user's typing, not a program's setText), so loading a form
    does not count as a change; the other kinds report any change, which forms make only by hand
    once loaded.
    """

    def call(*_args: object) -> None:
        on_edit()

    for line in root.findChildren(QLineEdit):
        if isinstance(line.parentWidget(), QComboBox | QAbstractSpinBox):
            continue  # a combo box's or spin box's own editor reports through its owner
        line.textEdited.connect(call)
    from ui.date_field import TypedDateField

    for field in root.findChildren(TypedDateField):
        field.date_edited.connect(call)
    for text in root.findChildren(QPlainTextEdit):
        if not text.isReadOnly():
            text.document().contentsChange.connect(_on_change(on_edit))
    for rich in root.findChildren(QTextEdit):
        if not rich.isReadOnly():
            rich.textChanged.connect(call)
    for combo in root.findChildren(QComboBox):
        combo.activated.connect(call)
        editor = combo.lineEdit() if combo.isEditable() else None
        if editor is not None:
            editor.textEdited.connect(call)
    for spin in root.findChildren(QAbstractSpinBox):
        spin.editingFinished.connect(call)
    for button in root.findChildren(QAbstractButton):
        if button.isCheckable():
            button.clicked.connect(call)
    for box in root.findChildren(QGroupBox):
        if box.isCheckable():
            box.clicked.connect(call)


def _on_change(on_edit: Callable[[], None]) -> Callable[[int, int, int], None]:
    def changed(_position: int, removed: int, added: int) -> None:
        if removed or added:  # formatting-only changes report 0/0
            on_edit()

    return changed
