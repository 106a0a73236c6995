"""Small pieces that many dialogs build the same way: the 确定/取消 button box, a password field, and a
switch (check box or radio button) that enables the fields belonging to it."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QDialogButtonBox, QLineEdit, QWidget

from ui.translate import translator

_tr = translator("DialogParts")


def ok_cancel_buttons(parent: QWidget, ok_text: str = "") -> QDialogButtonBox:
    """确定 (or `ok_text`) and 取消, in Chinese whatever Qt's own translation says."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text or _tr("确定"))
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_tr("取消"))
    return buttons


def password_field(parent: QWidget, placeholder: str = "") -> QLineEdit:
    field = QLineEdit(parent)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    if placeholder:
        field.setPlaceholderText(placeholder)
    return field


def enable_with(switch: QAbstractButton, *widgets: QWidget) -> None:
    """Keep `widgets` enabled exactly while `switch` is checked: now, and on every toggle."""
    for widget in widgets:
        widget.setEnabled(switch.isChecked())
        switch.toggled.connect(widget.setEnabled)
