"""One attachments panel for every record that keeps files (a post, a disclosure item).

A table of the record's files (name, size, who added them when), 添加附件… and 另存为…; files are
read before the unit of work (no file is read while the write lock is held) and saved atomically.
Each area says how to list, add and read its attachments; the rules (safe names, size limit, who
may add) live in the services (app/attachments.py and the area's add function).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from app.atomic_file import atomic_write
from app.changes import RecordKind
from app.context import Actor
from app.localtime import local_text
from ui.context import AppContext
from ui.list_table import list_table
from ui.messages import show_error
from ui.operations import Op, read_reported
from ui.rows_model import RowColumn, RowsModel
from ui.style import Sheet, apply_style

ListRows = Callable[[Session, int], Sequence[Any]]
AddFile = Callable[[Session, Actor, int, str, bytes, str], object]  # owner id, file name, bytes, purpose
ReadFile = Callable[[Session, int], tuple[str, bytes]]


def size_text(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(1, round(n / 1024))} KB"


def file_columns(panel: QWidget) -> list[RowColumn[Any]]:
    """The columns every attachment row has (filename, size, added_by, added_at)."""
    return [
        RowColumn(panel.tr("文件名"), lambda r: r.filename),
        RowColumn(panel.tr("大小"), lambda r: size_text(r.size)),
        RowColumn(panel.tr("添加人"), lambda r: r.added_by),
        RowColumn(panel.tr("添加时间"), lambda r: local_text(r.added_at)),
    ]


class AttachmentsPanel(QWidget):
    added = Signal()
    """Files were added to the record (its lists and counts may reload)."""

    def __init__(self, ctx: AppContext, *, rows: ListRows, add: AddFile, read: ReadFile,
                 kind: RecordKind | tuple[()] = (),
                 purposes: dict[str, str] | None = None, extra_columns: Sequence[RowColumn[Any]] = (),
                 note: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.owner_id: int | None = None
        self._rows, self._add, self._read, self._kind = rows, add, read, kind
        self._build(purposes or {}, extra_columns, note)
        self._lay_out()
        self.add_button.clicked.connect(self.choose_files)
        self.save_button.clicked.connect(self.save_selected)
        self.set_owner(None, editable=True)

    def _build(self, purposes: dict[str, str], extra_columns: Sequence[RowColumn[Any]], note: str) -> None:
        self.model: RowsModel[Any] = RowsModel([*extra_columns, *file_columns(self)], self)
        self.table = list_table(self.model, [130] * len(extra_columns) + [300, 80, 90], self,
                                object_name="attachmentTable")
        self.purpose = QComboBox(self)
        for key, label in purposes.items():
            self.purpose.addItem(label, key)
        self.purpose_label = QLabel(self.tr("用途："), self)
        for w in (self.purpose, self.purpose_label):
            w.setVisible(bool(purposes))
        self.add_button = QPushButton(self.tr("添加附件…"), self)
        self.save_button = QPushButton(self.tr("另存为…"), self)
        self.note = QLabel(note, self)
        apply_style(self.note, Sheet.HINT)

    def _lay_out(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(self.purpose_label)
        bar.addWidget(self.purpose)
        bar.addWidget(self.add_button)
        bar.addWidget(self.save_button)
        bar.addStretch(1)
        bar.addWidget(self.note)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

    # -- showing -----------------------------------------------------------------------------
    def set_owner(self, owner_id: int | None, *, editable: bool, rows: Sequence[Any] | None = None) -> None:
        """Show the files of the record `owner_id` (read now, unless the caller has `rows` already)."""
        self.owner_id = owner_id
        self.add_button.setEnabled(owner_id is not None and editable)
        self.note.setVisible(owner_id is None and bool(self.note.text()))
        if rows is None:
            self.reload()
        else:
            self.model.set_rows(rows)
        self.save_button.setEnabled(bool(self.model.rows))

    def reload(self) -> None:
        owner_id = self.owner_id
        rows: Sequence[Any] = []
        if owner_id is not None:
            with self.ctx.reader() as s:
                rows = self._rows(s, owner_id)
        self.model.set_rows(rows)
        self.save_button.setEnabled(bool(rows))

    def choose_purpose(self, purpose: str) -> None:
        self.purpose.setCurrentIndex(max(self.purpose.findData(purpose), 0))

    # -- adding ------------------------------------------------------------------------------
    @Slot()
    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("选择附件"))
        if paths:
            self.add_files([Path(p) for p in paths])

    def add_files(self, paths: Sequence[Path], purpose: str | None = None) -> bool:
        owner_id = self.owner_id
        if owner_id is None:
            return False
        chosen = purpose if purpose is not None else str(self.purpose.currentData() or "")
        try:  # read before the unit of work: no file is read while the write lock is held
            files = [(path.name, path.read_bytes()) for path in paths]
        except OSError as exc:  # the user's own file, before any service is asked
            show_error(self, self.tr("无法读取文件：{error}").format(error=exc.strerror or exc),
                       title=self.tr("添加附件"))
            return False
        actor = self.ctx.actor

        def add(s: Session) -> None:
            for name, content in files:
                self._add(s, actor, owner_id, name, content, chosen)

        if not self.ctx.run(Op(add, self._kind, parent=self, title=self.tr("添加附件"))).ok:
            return False
        self.reload()
        self.added.emit()
        return True

    # -- saving ------------------------------------------------------------------------------
    @Slot()
    def save_selected(self) -> None:
        """Save the selected attachment to a file the user picks (to open it in its own program)."""
        rows = self.table.selectionModel().selectedRows()
        row = self.model.row_at(rows[0].row() if rows else 0)
        if row is None:
            return
        target, _ = QFileDialog.getSaveFileName(self, self.tr("附件另存为"), str(Path.home() / row.filename))
        if target:
            self.save_to(row.id, Path(target))

    def save_to(self, attachment_id: int, target: Path) -> bool:
        # A damaged attachment (hash mismatch) is refused, shown and recorded by the read.
        ok, found = read_reported(self.ctx, lambda s: self._read(s, attachment_id), parent=self,
                                  title=self.tr("附件另存为"))
        if not ok or found is None:
            return False
        content = found[1]

        def write(tmp: Path) -> None:
            tmp.write_bytes(content)

        try:
            atomic_write(target, write)
        except OSError as exc:  # the folder the user chose cannot be written
            show_error(self, exc, title=self.tr("附件另存为"))
            return False
        return True
