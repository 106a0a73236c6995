"""The template's checks with ✔/✘; a failed check names its cases, and a click opens them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Signal, Slot
from PySide6.QtWidgets import QWidget

from app.annual.compute import CheckResult
from ui.checks_view import FAIL_FG, OK_FG, ChecksView
from ui.rows_model import RowColumn, RowsModel
from ui.style import Colour

SHOWN_CASE_NOS = 6  # beyond that the cell says "等 N 件"; the list shows them all
CASES_COLUMN = 3
LINK_FG = Colour.DRILL


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


class ChecksPanel(ChecksView):
    cases_requested = Signal(str, tuple)
    """The user clicked a failed check's case numbers: a title and the case ids."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("checksSummary", "checksTable", parent)
        self.model: RowsModel[CheckRow] = RowsModel([
            RowColumn(self.tr("结果"), lambda r: r.mark, lambda r: OK_FG if r.check.ok else FAIL_FG),
            RowColumn(self.tr("校验项"), lambda r: r.check.name),
            RowColumn(self.tr("说明"), lambda r: r.check.message),
            RowColumn(self.tr("涉及的申请（单击查看）"), lambda r: r.cases_text, lambda r: LINK_FG),
        ], self)
        self.lay_out(self.model, (80, 300, 520))
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setHighlightSections(False)

    def set_checks(self, rows: Sequence[CheckRow]) -> None:
        self.model.set_rows(rows)
        failed = sum(1 for r in rows if not r.check.ok)
        if failed:
            self.show_summary(self.tr("数据校验：{n} 项未通过，请先改正相关申请记录再发布。").format(n=failed), FAIL_FG)
        else:
            self.show_summary(self.tr("数据校验：全部 {n} 项通过。").format(n=len(rows)), OK_FG)

    @Slot(QModelIndex)
    def _on_clicked(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row())
        if row is not None and index.column() == CASES_COLUMN and row.check.case_ids:
            self.open_cases(row)

    def open_cases(self, row: CheckRow) -> None:
        self.cases_requested.emit(self.tr("校验未通过：{name}").format(name=row.check.name), row.check.case_ids)
