"""The records behind one figure of the website report: posts, 主动公开 items, inspections or columns."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QWidget

from app.website.figures import RecordLine
from ui.records_list_dialog import RecordsListDialog
from ui.rows_model import RowColumn, RowsModel

KIND_TEXT = {"post": "稿件", "disclosure_item": "公开事项", "inspection": "读网巡检", "column": "栏目"}


class FigureRecordsDialog(RecordsListDialog):
    def __init__(self, title: str, lines: Sequence[RecordLine], parent: QWidget | None = None) -> None:
        super().__init__(title, (820, 460), parent)
        self.model: RowsModel[RecordLine] = RowsModel([
            RowColumn(self.tr("类别"), lambda r: KIND_TEXT.get(r.record_type, r.record_type)),
            RowColumn(self.tr("编号/日期"), lambda r: r.reference),
            RowColumn(self.tr("标题/问题"), lambda r: r.title),
            RowColumn(self.tr("发布/巡检时间"), lambda r: r.when),
            RowColumn(self.tr("栏目/说明"), lambda r: r.note),
        ], self)
        self.model.set_rows(lines)
        self.lay_out(self.model, self.tr("共 {n} 条记录。").format(n=len(lines)), (70, 110, 300, 130))

    def references(self) -> list[str]:
        return [r.reference for r in self.model.rows]
