"""A post's attachments: pictures and files of the post, the leader's instruction or official letter
(首发 basis), and the answer of the secrecy or cyberspace office (escalation)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.localtime import local_text
from app.review.posts import add_attachment
from app.review.ui_support import PURPOSE_LABELS, AttachmentRow, attachment_content, attachment_rows
from ui.context import AppContext
from ui.list_table import list_table
from ui.messages import show_error
from ui.operations import Op, read
from ui.rows_model import RowColumn, RowsModel
from ui.style import Sheet, apply_style


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(1, round(n / 1024))} KB"


class AttachmentsPanel(QWidget):
    attachments_changed = Signal(int)
    """Attachments were added; carries the number of basis (批示/公函) attachments."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.post_id: int | None = None
        self.model: RowsModel[AttachmentRow] = RowsModel([
            RowColumn(self.tr("用途"), lambda r: r.purpose_label),
            RowColumn(self.tr("文件名"), lambda r: r.filename),
            RowColumn(self.tr("大小"), lambda r: _size(r.size)),
            RowColumn(self.tr("添加人"), lambda r: r.added_by),
            RowColumn(self.tr("添加时间"), lambda r: local_text(r.added_at)),
        ], self)
        self.table = list_table(self.model, (130, 300, 80, 90), self)
        self.purpose = QComboBox(self)
        for key, label in PURPOSE_LABELS.items():
            self.purpose.addItem(label, key)
        self.add_button = QPushButton(self.tr("添加附件…"), self)
        self.save_button = QPushButton(self.tr("另存为…"), self)
        self.note = QLabel(self.tr("保存草稿后才能添加附件。"), self)
        apply_style(self.note, Sheet.HINT)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("用途："), self))
        bar.addWidget(self.purpose)
        bar.addWidget(self.add_button)
        bar.addWidget(self.save_button)
        bar.addStretch(1)
        bar.addWidget(self.note)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.add_button.clicked.connect(self.choose_files)
        self.save_button.clicked.connect(self.save_selected)
        self.set_post(None, editable=True)

    def set_post(self, post_id: int | None, *, editable: bool) -> None:
        self.post_id = post_id
        self.add_button.setEnabled(post_id is not None and editable)
        self.note.setVisible(post_id is None)
        self.reload()

    def reload(self) -> None:
        rows: list[AttachmentRow] = []
        if self.post_id is not None:
            with self.ctx.reader() as s:
                rows = attachment_rows(s, self.post_id)
        self.model.set_rows(rows)
        self.attachments_changed.emit(sum(1 for r in rows if r.purpose == "basis"))

    def choose_purpose(self, purpose: str) -> None:
        self.purpose.setCurrentIndex(max(self.purpose.findData(purpose), 0))

    @Slot()
    def choose_files(self) -> None:
        """Ask for files (a native dialog) and add them with the chosen purpose."""
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("选择附件"))
        if paths:
            self.add_files([Path(p) for p in paths], str(self.purpose.currentData()))

    def add_files(self, paths: Sequence[Path], purpose: str) -> bool:
        if self.post_id is None:
            return False
        try:  # read before the unit of work: no file is read while the write lock is held
            files = [(path.name, path.read_bytes()) for path in paths]
        except OSError as exc:
            show_error(self, self.tr("无法读取文件：{error}").format(error=exc.strerror or exc),
                       title=self.tr("添加附件"))
            return False
        post_id, actor = self.post_id, self.ctx.actor

        def add(s: Session) -> None:
            for name, content in files:
                add_attachment(s, actor, post_id, name, content, purpose)

        if not self.ctx.run(Op(add, parent=self, title=self.tr("添加附件"))).ok:
            return False
        self.reload()
        return True

    @Slot()
    def save_selected(self) -> None:
        """Save the selected attachment to a file the user picks (to open it in its own program)."""
        rows = self.table.selectionModel().selectedRows()
        row = self.model.row_at(rows[0].row()) if rows else None
        if row is None:
            return
        target, _ = QFileDialog.getSaveFileName(self, self.tr("附件另存为"), row.filename)
        if not target:
            return
        try:
            _name, content = read(self.ctx, lambda s: attachment_content(s, row.id))
            Path(target).write_bytes(content)
        except Exception as exc:
            show_error(self, exc, title=self.tr("附件另存为"))
