"""A small form dialog for one case event: fields, an explanatory note, 确定/取消.

The 确定 button runs `on_submit(dialog)`; the dialog closes only when it returns True, so a rule
the service refuses leaves the clerk's input in place to correct. Dialogs are shown with open()
(window-modal, not blocking), which GUI tests can drive.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import TypeVar

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ui.cases.intake_form import date_edit, to_date
from ui.date_field import DateField
from ui.discard_guard import DiscardGuard
from ui.shortcuts import connect_form
from ui.style import Sheet, apply_style

W = TypeVar("W", bound=QWidget)
NOTE_STYLE = Sheet.NOTE_BOX
WARN_STYLE = Sheet.WARN_BOX


class FormDialog(QDialog):
    def __init__(self, title: str, parent: QWidget | None = None, *, intro: str = "", ok_text: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.fields: dict[str, QWidget] = {}
        self.on_submit: Callable[[FormDialog], bool] | None = None
        self.child: QDialog | None = None  # a follow-up dialog (the sign-off), kept for tests
        self.guard: DiscardGuard | None = None
        self._build(title, ok_text)
        self._lay_out(intro)
        self._connect()

    def _build(self, title: str, ok_text: str) -> None:
        self._heading = QLabel(title, self)
        apply_style(self._heading, Sheet.HEADING)
        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton(ok_text or self.tr("确定"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        self.ok_button.setObjectName("formDialogOk")

    def _lay_out(self, intro: str) -> None:
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self._heading)
        if intro:
            self.add_note(intro)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self._layout.addLayout(self.form)
        self._tail = QVBoxLayout()
        self._layout.addLayout(self._tail)
        self._layout.addWidget(self.buttons)

    def _connect(self) -> None:
        connect_form(self, self.accept, self.buttons.accepted, self.buttons.rejected)

    # -- building ----------------------------------------------------------------------------
    def add_note(self, text: str, *, warning: bool = False) -> QLabel:
        label = QLabel(text, self)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        apply_style(label, WARN_STYLE if warning else NOTE_STYLE)
        # Notes added after the fields go below them.
        (self._tail if hasattr(self, "form") else self._layout).addWidget(label)
        return label

    def add_date(self, name: str, label: str, value: date) -> DateField:
        edit = date_edit(self, value)
        return self._add(name, label, edit)

    def add_line(self, name: str, label: str, value: str = "", placeholder: str = "") -> QLineEdit:
        edit = QLineEdit(value, self)
        edit.setPlaceholderText(placeholder)
        return self._add(name, label, edit)

    def add_text(self, name: str, label: str, value: str = "", placeholder: str = "", height: int = 90
                 ) -> QPlainTextEdit:
        edit = QPlainTextEdit(value, self)
        edit.setPlaceholderText(placeholder)
        edit.setMinimumHeight(height)
        return self._add(name, label, edit)

    def add_choice(self, name: str, label: str, items: Sequence[tuple[str, object]], current: object = None
                   ) -> QComboBox:
        combo = QComboBox(self)
        for text, value in items:
            combo.addItem(text, value)
        if current is not None:
            combo.setCurrentIndex(max(0, combo.findData(current)))
        return self._add(name, label, combo)

    def add_money(self, name: str, label: str, value: float = 0.0) -> QDoubleSpinBox:
        spin = QDoubleSpinBox(self)
        spin.setDecimals(2)
        spin.setRange(0, 1_000_000)
        spin.setSuffix(self.tr(" 元"))
        spin.setValue(value)
        return self._add(name, label, spin)

    def _add(self, name: str, label: str, widget: W) -> W:
        widget.setObjectName(name)
        self.form.addRow(label, widget)
        self.fields[name] = widget
        return widget

    # -- reading -----------------------------------------------------------------------------
    def date(self, name: str) -> date:
        w = self.fields[name]
        assert isinstance(w, DateField)
        return to_date(w.date())

    def text(self, name: str) -> str:
        w = self.fields[name]
        if isinstance(w, QPlainTextEdit):
            return w.toPlainText().strip()
        assert isinstance(w, QLineEdit)
        return w.text().strip()

    def choice(self, name: str) -> object:
        w = self.fields[name]
        assert isinstance(w, QComboBox)
        return w.currentData()

    def money(self, name: str) -> Decimal:
        w = self.fields[name]
        assert isinstance(w, QDoubleSpinBox)
        return Decimal(f"{w.value():.2f}")

    def set_row_visible(self, name: str, visible: bool) -> None:
        self.form.setRowVisible(self.fields[name], visible)

    @Slot()
    def accept(self) -> None:
        if self.on_submit is not None and not self.on_submit(self):
            return
        super().accept()

    def showEvent(self, event: QShowEvent) -> None:
        # The fields are added after construction; watch them once they are all there.
        if self.guard is None:
            self.guard = DiscardGuard(self)
        super().showEvent(event)

    def reject(self) -> None:
        """Esc, 取消 and the close button ask before typed input is thrown away."""
        if self.guard is None or self.guard.allow_reject():
            super().reject()


def enable(widgets: Iterable[QWidget], on: bool) -> None:
    for w in widgets:
        w.setEnabled(on)


def form_row(first: QWidget, middle: QWidget | None, last: QWidget) -> QHBoxLayout:
    """Two controls on one form row, the second pushed to the right: keeps the panel short."""
    row = QHBoxLayout()
    row.addWidget(first)
    row.addStretch(1)
    if middle is not None:
        row.addWidget(middle)
    row.addWidget(last)
    return row
