"""One audit entry in full: who, when, what, and the values before and after side by side."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontDatabase, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.audit.query import AuditRow, changed_keys, pretty_json


class AuditDetailDialog(QDialog):
    def __init__(self, row: AuditRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row = row
        self.setWindowTitle(self.tr("审计记录详情 — 第 {n} 条").format(n=row.seq))
        self.resize(900, 560)
        self.changed = changed_keys(row.before_json, row.after_json)
        self.has_values = bool(pretty_json(row.before_json) or pretty_json(row.after_json))
        self._build()
        self._lay_out()
        self._connect()
        if not self.has_values:
            self.resize(620, 300)

    def _build(self) -> None:
        row = self.row
        self.fields: list[tuple[str, QLabel]] = []
        for label, value in (
            (self.tr("时间："), row.at_local.strftime("%Y-%m-%d %H:%M:%S")),
            (self.tr("用户："), row.user_label),
            (self.tr("操作系统用户："), row.os_user),
            (self.tr("操作："), row.action_label),
            (self.tr("记录："), f"{row.record_type_label} {row.record_id}".strip()),
            (self.tr("摘要："), row.summary),
        ):
            text = QLabel(value, self)
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fields.append((label, text))
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.before_text = QPlainTextEdit(self)
        self.after_text = QPlainTextEdit(self)
        none = self.tr("（无）")
        for edit, raw in ((self.before_text, row.before_json), (self.after_text, row.after_json)):
            edit.setReadOnly(True)
            edit.setFont(mono)
            edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
            edit.setPlainText(pretty_json(raw) or none)
            _highlight_keys(edit, self.changed)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))

    def _lay_out(self) -> None:
        form = QFormLayout()
        for label, text in self.fields:
            form.addRow(label, text)
        if self.changed:
            form.addRow(self.tr("变更的字段："), QLabel("、".join(self.changed), self))
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("修改前"), self), 0, 0)
        grid.addWidget(QLabel(self.tr("修改后"), self), 0, 1)
        grid.addWidget(self.before_text, 1, 0)
        grid.addWidget(self.after_text, 1, 1)
        grid.setRowStretch(1, 1)
        if not self.has_values:
            # A login or a password reset records no values; two empty boxes would look broken.
            for i in range(grid.count()):
                item = grid.itemAt(i)
                widget = item.widget() if item is not None else None
                if widget is not None:
                    widget.hide()
            form.addRow("", QLabel(self.tr("此操作没有记录修改前后的内容。"), self))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(grid, 1 if self.has_values else 0)
        if not self.has_values:
            layout.addStretch(1)
        layout.addWidget(self.buttons)

    def _connect(self) -> None:
        self.buttons.rejected.connect(self.reject)


def _highlight_keys(edit: QPlainTextEdit, keys: list[str]) -> None:
    """Shade the lines of the changed top-level keys, so the difference is seen at a glance."""
    if not keys:
        return
    # pretty_json indents top-level keys by exactly two spaces; a value spanning several lines
    # runs until the next line with that indentation (or the closing brace).
    prefixes = tuple(f'  "{k}":' for k in keys)
    selections: list[QTextEdit.ExtraSelection] = []
    block = edit.document().firstBlock()
    inside = False
    while block.isValid():
        text = block.text()
        top_level = text.startswith('  "') or text in ("{", "}")
        if top_level:
            inside = text.startswith(prefixes)
        if inside:
            selection = QTextEdit.ExtraSelection()
            selection.format.setBackground(QColor("#fff1b8"))
            selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
            cursor = QTextCursor(block)
            selection.cursor = cursor
            selections.append(selection)
        block = block.next()
    edit.setExtraSelections(selections)
