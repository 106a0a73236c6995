"""The website report as an editable table: one row per item of the official table. Computed figures are
blue (double-click opens the records), typed figures are editable, settings are grey."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from app.website.layout import Row, Source
from app.website.service import ReportData
from ui.style import Colour

AnyIndex = QModelIndex | QPersistentModelIndex
VALUE_COLUMN = 3
HEADERS = ("栏目", "分项", "指标", "数值", "来源", "上年")
SOURCE_TEXT = {Source.COMPUTED: "记录统计（双击查看）", Source.SETTING: "系统设置"}
LINK_FG, SETTING_FG, CHANGED_BG, PROBLEM_BG, EMPTY_BG = Colour.DRILL, "#555555", "#fff4cc", Colour.OVERDUE_BG, "#f3f6fb"
NOTICE_BG = "#fdf0d5"


class ReportModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Row] = []
        self.values: dict[str, str] = {}
        self.saved: dict[str, str] = {}  # typed values as last loaded, to know what was edited
        self.last_year: dict[str, str] = {}
        self.problem_keys: set[str] = set()  # rows a failed check concerns
        self.notice_keys: set[str] = set()  # rows a notice (big change against last year) concerns
        self.read_only = True

    def load(self, data: ReportData) -> None:
        self.beginResetModel()
        self.rows = list(data.rows)
        self.values = dict(data.values)
        self.saved = {r.key: data.values.get(r.key, "") for r in data.rows if r.source.typed}
        self.last_year = dict(data.last_year)
        self.problem_keys = {k for c in data.checks if c.blocking and not c.ok for k in c.keys}
        self.notice_keys = {k for c in data.checks if not c.blocking and not c.ok for k in c.keys}
        self.read_only = data.locked
        self.endResetModel()

    # -- what the page needs ------------------------------------------------------------------
    def typed(self) -> dict[str, str]:
        return {r.key: self.values.get(r.key, "") for r in self.rows if r.source.typed}

    def is_dirty(self) -> bool:
        return self.typed() != self.saved

    def row_of(self, key: str) -> int:
        return next((i for i, r in enumerate(self.rows) if r.key == key), -1)

    def value_index(self, key: str) -> QModelIndex:
        return self.index(self.row_of(key), VALUE_COLUMN)

    def take_last_year(self) -> int:
        """Fill each empty typed row with last year's value; returns how many were filled."""
        filled = 0
        for i, r in enumerate(self.rows):
            if r.source.typed and not self.values.get(r.key) and self.last_year.get(r.key):
                self.values[r.key] = self.last_year[r.key]
                filled += 1
                index = self.index(i, VALUE_COLUMN)
                self.dataChanged.emit(index, index)
        return filled

    # -- Qt ---------------------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section] if 0 <= section < len(HEADERS) else None
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        if index.column() == VALUE_COLUMN and self.rows[index.row()].source.typed and not self.read_only:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def _text(self, row: Row, column: int) -> str:
        if column == 0:
            return row.section
        if column == 1:
            return row.group
        if column == 2:
            return row.label
        if column == VALUE_COLUMN:
            return self.values.get(row.key, "")
        if column == 4:
            return SOURCE_TEXT.get(row.source, "填报")
        return self.last_year.get(row.key, "")

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, column = self.rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == 2:
            return f"项目键：{row.key}（更正项目名称时使用）"
        if role == Qt.ItemDataRole.ToolTipRole and column == VALUE_COLUMN:
            if row.source is Source.COMPUTED:
                return "双击查看计入这个数字的记录"
            if row.source.typed:
                last = self.last_year.get(row.key, "")
                return f"上年：{last}" if last else "上年没有填报"
        if role == Qt.ItemDataRole.ForegroundRole and column == VALUE_COLUMN:
            if row.source is Source.COMPUTED:
                return QBrush(QColor(LINK_FG))
            if row.source is Source.SETTING:
                return QBrush(QColor(SETTING_FG))
        if role == Qt.ItemDataRole.FontRole and column == VALUE_COLUMN and row.source is Source.COMPUTED:
            font = QFont()
            font.setUnderline(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and column == VALUE_COLUMN:
            if row.key in self.problem_keys:
                return QBrush(QColor(PROBLEM_BG))
            if row.key in self.notice_keys:
                return QBrush(QColor(NOTICE_BG))
            if row.source.typed and self.values.get(row.key, "") != self.saved.get(row.key, ""):
                return QBrush(QColor(CHANGED_BG))
            if row.source.typed and not self.read_only:
                return QBrush(QColor(EMPTY_BG))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (VALUE_COLUMN, 5):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        row = self.rows[index.row()]
        self.values[row.key] = str(value or "").strip()
        self.dataChanged.emit(index, index)
        return True
