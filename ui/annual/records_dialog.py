"""The records behind a figure: a plain list of the cases counted in one number."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QModelIndex, Slot
from PySide6.QtWidgets import QDialogButtonBox, QWidget

from app.annual.statistics import RecordRow, record_rows
from ui.annual.open_case import show_case, show_reports
from ui.context import AppContext
from ui.records_list_dialog import RecordsListDialog
from ui.rows_model import RowColumn, RowsModel
from ui.style import Colour

MISSING_FG = Colour.ERROR


def _date(d: date | None) -> str:
    return d.isoformat() if d else ""


class RecordsDialog(RecordsListDialog):
    def __init__(self, ctx: AppContext, title: str, case_ids: Sequence[int], parent: QWidget | None = None, *,
                 note: str = "") -> None:
        super().__init__(title, (780, 460), parent)
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
        self.lay_out(self.model, self.tr("共 {n} 件申请。").format(n=len(rows)) + (f"　{note}" if note else ""),
                     (190, 200, 96, 96))
        self.summary.setWordWrap(True)
        self.table.verticalHeader().setDefaultSectionSize(26)
        # Double-click a row to see the case; this list stays open to come back to.
        self.back_button = self.buttons.addButton(self.tr("回到统计报表"), QDialogButtonBox.ButtonRole.ActionRole)
        self.back_button.clicked.connect(lambda: show_reports(self))
        self.table.doubleClicked.connect(self.open_case)
        self.table.setToolTip(self.tr("双击一行，在“依申请公开”中打开这件申请"))

    def case_numbers(self) -> list[str]:
        return [r.case_no for r in self.model.rows]

    @Slot(QModelIndex)
    def open_case(self, index: QModelIndex) -> bool:
        """Show the case of the double-clicked row in the 依申请公开 tab."""
        if not index.isValid():
            return False
        return show_case(self, self.model.rows[index.row()].id)
