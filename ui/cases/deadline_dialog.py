"""查看期限计算: the arithmetic behind a case's due date."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from ui.cases.case_view import CaseView
from ui.style import Sheet, apply_style


class DeadlineDialog(QDialog):
    """查看期限计算: the arithmetic behind the due date, to check by hand or explain to a leader."""

    def __init__(self, v: CaseView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("答复期限计算 — {no}").format(no=v.case_no))
        self.setMinimumSize(640, 380)
        heading = QLabel(self.tr("答复期限计算（条例第三十三条；征求意见期间不计入）"), self)
        apply_style(heading, Sheet.HEADING)
        self.text = QTextBrowser(self)
        self.text.setObjectName("deadlineText")
        self.text.setPlainText(v.deadline_text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("关闭"))
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
