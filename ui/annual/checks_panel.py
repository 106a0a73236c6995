"""The template's checks with ✔/✘; a failed check names its cases, and a click opens them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Signal, Slot
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from app.annual.compute import CheckResult
from ui.rows_model import RowColumn, RowsModel

SHOWN_CASE_NOS = 6  # beyond that the cell says "等 N 件"; the list shows them all
CASES_COLUMN = 3
OK_FG, FAIL_FG, LINK_FG = "#2e7d32", "#b3261e", "#1a4f8b"


@dataclass(frozen=True)
class CheckRow:
    check: CheckResult
    case_nos: tuple[str, ...]  # of check.case_ids, in the same order

    @property
    def mark(self) -> str:
        return "✔ 通过" if self.check.ok else "✘ 未通过"

    @property
    def cases_text(self) -> str:
        if not self.case_nos:
            return ""
        shown = "、".join(self.case_nos[:SHOWN_CASE_NOS])
        more = len(self.case_nos) - SHOWN_CASE_NOS
        return f"{shown} 等 {len(self.case_nos)} 件" if more > 0 else shown


def check_rows(checks: Sequence[CheckResult], case_nos: Mapping[int, str]) -> list[CheckRow]:
    return [CheckRow(c, tuple(case_nos.get(i, f"#{i}") for i in c.case_ids)) for c in checks]


class ChecksPanel(QWidget):
    cases_requested = Signal(str, tuple)
    """The user clicked a failed check's case numbers: a title and the case ids."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel(self)
        self.summary.setObjectName("checksSummary")
        self.model: RowsModel[CheckRow] = RowsModel([
            RowColumn(self.tr("结果"), lambda r: r.mark, lambda r: OK_FG if r.check.ok else FAIL_FG),
            RowColumn(self.tr("校验项"), lambda r: r.check.name),
            RowColumn(self.tr("说明"), lambda r: r.check.message),
            RowColumn(self.tr("涉及的申请（单击查看）"), lambda r: r.cases_text, lambda r: LINK_FG),
        ], self)
        self.table = QTableView(self)
        self.table.setObjectName("checksTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        for column, width in enumerate((80, 300, 520)):
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.table.clicked.connect(self._on_clicked)

    def set_checks(self, rows: Sequence[CheckRow]) -> None:
        self.model.set_rows(rows)
        failed = sum(1 for r in rows if not r.check.ok)
        if failed:
            self.summary.setText(self.tr("数据校验：{n} 项未通过，请先改正相关申请记录再发布。").format(n=failed))
            self.summary.setStyleSheet(f"color: {FAIL_FG}; font-weight: bold;")
        else:
            self.summary.setText(self.tr("数据校验：全部 {n} 项通过。").format(n=len(rows)))
            self.summary.setStyleSheet(f"color: {OK_FG}; font-weight: bold;")

    @Slot(QModelIndex)
    def _on_clicked(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row())
        if row is not None and index.column() == CASES_COLUMN and row.check.case_ids:
            self.open_cases(row)

    def open_cases(self, row: CheckRow) -> None:
        self.cases_requested.emit(self.tr("校验未通过：{name}").format(name=row.check.name), row.check.case_ids)
