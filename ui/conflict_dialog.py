"""已被其他人修改: the fields that differ, theirs against yours, and a choice per field (issue 19).

Shown when a save is refused because another PC saved the record first. Each row offers
采用对方的 / 保留我的; rows the clerk did not change himself start on 采用对方的, rows he changed on
保留我的. The caller merges the choice into its form and saves again on the fresh version. The
dialog opens without a nested event loop (open()), so a GUI test or the lock screen never hangs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.form_conflict import FieldConflict
from ui.style import Sheet, apply_style


@dataclass(frozen=True)
class ConflictRow:
    field: str
    label: str
    theirs: str
    yours: str
    you_changed: bool


class ConflictDialog(QDialog):
    def __init__(self, message: str, rows: Sequence[ConflictRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("已被其他人修改"))
        self.setMinimumWidth(720)
        self.rows = list(rows)
        self.mine: dict[str, QRadioButton] = {}
        self.theirs: dict[str, QRadioButton] = {}

        intro = QLabel(message, self)
        intro.setWordWrap(True)
        grid_host = QWidget(self)
        grid = QGridLayout(grid_host)
        heads = (self.tr("项目"), self.tr("对方保存的值"), self.tr("您填写的值"), self.tr("保存时采用"))
        for col, text in enumerate(heads):
            grid.addWidget(QLabel(f"<b>{text}</b>", grid_host), 0, col)
        for i, row in enumerate(self.rows, start=1):
            grid.addWidget(QLabel(row.label, grid_host), i, 0)
            for col, value in ((1, row.theirs), (2, row.yours)):
                cell = QLabel(value, grid_host)
                cell.setWordWrap(True)
                cell.setMaximumWidth(260)
                grid.addWidget(cell, i, col)
            choice = QWidget(grid_host)
            box = QVBoxLayout(choice)
            box.setContentsMargins(0, 0, 0, 0)
            take = QRadioButton(self.tr("采用对方的"), choice)
            keep = QRadioButton(self.tr("保留我的"), choice)
            group = QButtonGroup(choice)
            group.addButton(take)
            group.addButton(keep)
            (keep if row.you_changed else take).setChecked(True)
            box.addWidget(take)
            box.addWidget(keep)
            grid.addWidget(choice, i, 3)
            self.theirs[row.field], self.mine[row.field] = take, keep
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(grid_host)

        hint = QLabel(self.tr("未列出的项目两边相同。点“按所选保存”，将在对方保存的内容上保存您的选择。"), self)
        hint.setWordWrap(True)
        apply_style(hint, Sheet.HINT)
        buttons = QDialogButtonBox(self)
        self.save_button = QPushButton(self.tr("按所选保存"), self)
        self.cancel_button = QPushButton(self.tr("取消"), self)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.clicked.connect(self.accept)
        self.cancel_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.save_button.setFocus()

    def keep_mine(self) -> set[str]:
        """The fields whose value the clerk keeps; the rest take the saved record's value."""
        return {name for name, button in self.mine.items() if button.isChecked()}


def open_conflict(parent: QWidget, message: str, conflicts: Iterable[FieldConflict],
                  on_chosen: Callable[[set[str]], None]) -> ConflictDialog:
    """Show the fields that differ (theirs / yours); `on_chosen(keep_mine)` fills the form with the
    choice and saves again on the fresh version."""
    rows = [ConflictRow(c.field, c.label, c.theirs, c.yours, c.you_changed) for c in conflicts]
    dialog = ConflictDialog(message, rows, parent)
    dialog.accepted.connect(lambda: on_chosen(dialog.keep_mine()))
    dialog.open()
    return dialog
