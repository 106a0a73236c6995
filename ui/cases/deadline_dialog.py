"""查看期限计算: the arithmetic behind a case's due date."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QWidget

from ui.cases.case_view import CaseView
from ui.deadline_explanation import DeadlineExplanationDialog


class DeadlineDialog(DeadlineExplanationDialog):
    """查看期限计算: the arithmetic behind the due date, to check by hand or explain to a leader."""

    def __init__(self, v: CaseView, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("答复期限计算 — {no}").format(no=v.case_no),
                         self.tr("答复期限计算（条例第三十三条；征求意见期间不计入）"), v.deadline_text,
                         640, 380, parent, close=QDialogButtonBox.StandardButton.Ok)
