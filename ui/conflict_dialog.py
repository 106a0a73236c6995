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
        self._build(message)
        self._lay_out()
        self._connect()
        self.save_button.setFocus()

    # -- build / lay out / connect -----------------------------------------------------------
    def _build(self, message: str) -> None:
        self._intro = QLabel(message, self)
        self._intro.setWordWrap(True)
        self._grid_host = QWidget(self)
        heads = (self.tr("项目"), self.tr("对方保存的值"), self.tr("您填写的值"), self.tr("保存时采用"))
        self._heads = [QLabel(f"<b>{text}</b>", self._grid_host) for text in heads]
        self._cells: list[tuple[QLabel, QLabel, QLabel, QWidget]] = []
        for row in self.rows:
            label = QLabel(row.label, self._grid_host)
            theirs, yours = (QLabel(value, self._grid_host) for value in (row.theirs, row.yours))
            for cell in (theirs, yours):
                cell.setWordWrap(True)
                cell.setMaximumWidth(260)
            choice = QWidget(self._grid_host)
            take = QRadioButton(self.tr("采用对方的"), choice)
            keep = QRadioButton(self.tr("保留我的"), choice)
            group = QButtonGroup(choice)
            group.addButton(take)
            group.addButton(keep)
            (keep if row.you_changed else take).setChecked(True)
            self._cells.append((label, theirs, yours, choice))
            self.theirs[row.field], self.mine[row.field] = take, keep
        self._scroll = QScrollArea(self)
        self._scroll.setWidgetResizable(True)
        self._hint = QLabel(self.tr("未列出的项目两边相同。点“按所选保存”，将在对方保存的内容上保存您的选择。"), self)
        self._hint.setWordWrap(True)
        apply_style(self._hint, Sheet.HINT)
        self._buttons = QDialogButtonBox(self)
        self.save_button = QPushButton(self.tr("按所选保存"), self)
        self.cancel_button = QPushButton(self.tr("取消"), self)

    def _lay_out(self) -> None:
        grid = QGridLayout(self._grid_host)
        for col, head in enumerate(self._heads):
            grid.addWidget(head, 0, col)
        for i, (row, (label, theirs, yours, choice)) in enumerate(zip(self.rows, self._cells, strict=True), start=1):
            grid.addWidget(label, i, 0)
            grid.addWidget(theirs, i, 1)
            grid.addWidget(yours, i, 2)
            box = QVBoxLayout(choice)
            box.setContentsMargins(0, 0, 0, 0)
            box.addWidget(self.theirs[row.field])
            box.addWidget(self.mine[row.field])
            grid.addWidget(choice, i, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        self._scroll.setWidget(self._grid_host)
        self._buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self._buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self._intro)
        layout.addWidget(self._scroll, 1)
        layout.addWidget(self._hint)
        layout.addWidget(self._buttons)

    def _connect(self) -> None:
        self.save_button.clicked.connect(self.accept)
        self.cancel_button.clicked.connect(self.reject)

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
