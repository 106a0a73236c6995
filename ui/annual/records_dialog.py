"""The records behind a figure: a plain list of the cases counted in one number."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QModelIndex, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.annual.statistics import RecordRow, record_rows
from ui.annual.open_case import show_case, show_reports
from ui.context import AppContext
from ui.rows_model import RowColumn, RowsModel

MISSING_FG = "#b3261e"


def _date(d: date | None) -> str:
    return d.isoformat() if d else ""


class RecordsDialog(QDialog):
    """Non-modal, so several lists can be compared side by side."""

    def __init__(self, ctx: AppContext, title: str, case_ids: Sequence[int], parent: QWidget | None = None, *,
                 note: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(780, 460)
        with ctx.reader() as session:  # one indexed query per 500 ids; fast enough for the GUI thread
            rows = record_rows(session, list(case_ids))
        self.model: RowsModel[RecordRow] = RowsModel([
            RowColumn(self.tr("受理编号"), lambda r: r.case_no),
            RowColumn(self.tr("申请人"), lambda r: r.applicant_name),
            RowColumn(self.tr("收到日期"), lambda r: _date(r.received_on)),
            RowColumn(self.tr("答复日期"), lambda r: _date(r.replied_on)),
            RowColumn(self.tr("办理结果"), lambda r: r.outcome_text,
                      lambda r: MISSING_FG if r.outcome_text.startswith("（") else None),
        ], self)
        self.model.set_rows(rows)
        summary = QLabel(self.tr("共 {n} 件申请。").format(n=len(rows)) + (f"　{note}" if note else ""), self)
        summary.setObjectName("recordsSummary")
        summary.setWordWrap(True)
        self.table = QTableView(self)
        self.table.setObjectName("recordsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((190, 200, 96, 96)):
            self.table.setColumnWidth(column, width)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        # Double-click a row to see the case; this list stays open to come back to.
        self.back_button = buttons.addButton(self.tr("回到统计报表"), QDialogButtonBox.ButtonRole.ActionRole)
        self.back_button.clicked.connect(lambda: show_reports(self))
        self.table.doubleClicked.connect(self.open_case)
        self.table.setToolTip(self.tr("双击一行，在“依申请公开”中打开这件申请"))
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def case_numbers(self) -> list[str]:
        return [r.case_no for r in self.model.rows]

    @Slot(QModelIndex)
    def open_case(self, index: QModelIndex) -> bool:
        """Show the case of the double-clicked row in the 依申请公开 tab."""
        if not index.isValid():
            return False
        return show_case(self, self.model.rows[index.row()].id)
