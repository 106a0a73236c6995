"""The website report's checks: ✔ passed, ✘ failed (blocks locking), ！ a notice (a big change against
last year). Clicking a check with records opens them; the page highlights the rows it concerns."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, Signal, Slot
from PySide6.QtWidgets import QWidget

from app.website.checks import Check
from ui.checks_view import FAIL_FG, OK_FG, ChecksView
from ui.rows_model import RowColumn, RowsModel
from ui.style import Colour

NOTE_FG = Colour.WARN


def mark(check: Check) -> str:
    return "✔ 通过" if check.ok else ("✘ 未通过" if check.blocking else "！ 提示")


class ChecksTable(ChecksView):
    check_activated = Signal(object)
    """The user clicked a check: the Check."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("websiteChecksSummary", "websiteChecksTable", parent)
        self.model: RowsModel[Check] = RowsModel([
            RowColumn(self.tr("结果"), mark, lambda c: OK_FG if c.ok else (FAIL_FG if c.blocking else NOTE_FG)),
            RowColumn(self.tr("校验项"), lambda c: c.name),
            RowColumn(self.tr("说明"), lambda c: c.message),
            RowColumn(self.tr("涉及的记录（单击查看）"), lambda c: f"{len(c.records)} 条" if c.records else ""),
        ], self)
        self.lay_out(self.model, (80, 330, 560))

    def set_checks(self, checks: Sequence[Check]) -> None:
        # Failed first, then notices, then passed: what needs doing is on top.
        ordered = sorted(checks, key=lambda c: (c.ok, not c.blocking))
        self.model.set_rows(ordered)
        failed = sum(1 for c in checks if c.blocking and not c.ok)
        notices = sum(1 for c in checks if not c.blocking and not c.ok)
        if failed:
            self.show_summary(self.tr("数据校验：{n} 项未通过，改正后才能锁定；{m} 项提示。")
                              .format(n=failed, m=notices), FAIL_FG)
        else:
            self.show_summary(self.tr("数据校验：全部通过；{m} 项提示请核实。").format(m=notices),
                              OK_FG if not notices else NOTE_FG)

    @Slot(QModelIndex)
    def _on_clicked(self, index: QModelIndex) -> None:
        check = self.model.row_at(index.row())
        if check is not None:
            self.check_activated.emit(check)
