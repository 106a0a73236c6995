"""A post's attachments: pictures and files of the post, the leader's instruction or official letter
(首发 basis), and the answer of the secrecy or cyberspace office (escalation). The shared panel
(ui/attachments_panel.py) with a 用途 column and choice."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from app.review.posts import add_attachment
from app.review.ui_support import PURPOSE_LABELS, attachment_content, attachment_rows
from ui.attachments_panel import AttachmentsPanel as SharedPanel
from ui.context import AppContext
from ui.rows_model import RowColumn
from ui.translate import translator

_tr = translator("AttachmentsPanel")


class AttachmentsPanel(SharedPanel):
    attachments_changed = Signal(int)
    """Attachments were shown or added; carries the number of basis (批示/公函) attachments."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, rows=attachment_rows, add=add_attachment, read=attachment_content,
                         purposes=PURPOSE_LABELS,  # no change announced: as before, the list shows no files
                         extra_columns=[RowColumn(_tr("用途"), lambda r: r.purpose_label)],
                         note=_tr("保存草稿后才能添加附件。"), parent=parent)

    @property
    def post_id(self) -> int | None:
        return self.owner_id

    def set_post(self, post_id: int | None, *, editable: bool) -> None:
        self.set_owner(post_id, editable=editable)

    def reload(self) -> None:
        super().reload()
        self.attachments_changed.emit(sum(1 for r in self.model.rows if r.purpose == "basis"))
