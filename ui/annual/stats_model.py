"""The period statistics as a table: the total, then one section per breakdown."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from app.annual.statistics import MEASURES, Figures, PeriodStatistics
from ui.style import Colour

AnyIndex = QModelIndex | QPersistentModelIndex
SECTION_BG = QColor("#e8edf3")
NUMBER_FG = QColor(Colour.DRILL)
OVERDUE_FG = QColor(Colour.ERROR)


@dataclass(frozen=True)
class StatRow:
    label: str
    figures: Figures | None = None  # None: a section heading spanning the table
    channel: str | None = None
    applicant_type: str | None = None
    total: bool = False


@dataclass(frozen=True)
class StatCell:
    """What a number cell counts, so the page can list its cases."""

    measure: str
    channel: str | None
    applicant_type: str | None
    label: str


def stat_rows(stats: PeriodStatistics, total: str, by_channel: str, by_applicant: str) -> list[StatRow]:
    rows = [StatRow(total, stats.total, total=True), StatRow(by_channel)]
    rows += [StatRow(g.label, g.figures, channel=g.key) for g in stats.by_channel]
    rows.append(StatRow(by_applicant))
    rows += [StatRow(g.label, g.figures, applicant_type=g.key) for g in stats.by_applicant]
    return rows


class StatsModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[StatRow] = []
        self.headers = [self.tr("项目"), self.tr("收到申请（件）"), self.tr("办结（件）"), self.tr("逾期（件）"),
                        self.tr("平均答复用时（工作日）")]
        self._bold = QFont()
        self._bold.setBold(True)

    def set_statistics(self, stats: PeriodStatistics | None) -> None:
        self.beginResetModel()
        self.rows = [] if stats is None else stat_rows(
            stats, self.tr("全部申请"), self.tr("按申请方式"), self.tr("按申请人类型"))
        self.endResetModel()

    def section_rows(self) -> list[int]:
        return [i for i, r in enumerate(self.rows) if r.figures is None]

    def stat_cell(self, index: AnyIndex) -> StatCell | None:
        if not index.isValid() or not 0 <= index.row() < len(self.rows) or not 1 <= index.column() <= len(MEASURES):
            return None
        row = self.rows[index.row()]
        if row.figures is None:
            return None
        return StatCell(MEASURES[index.column() - 1], row.channel, row.applicant_type,
                        f"{row.label} — {self.headers[index.column()]}")

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.headers):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.headers[section]
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def _text(self, row: StatRow, column: int) -> str:
        f = row.figures
        if column == 0 or f is None:
            return row.label if column == 0 else ""
        if column == 4:
            avg = f.average_rounded
            return "—" if avg is None else str(avg)
        return str((f.received, f.closed, f.overdue)[column - 1])

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column == 0 or row.figures is None:
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and (row.total or row.figures is None):
            return self._bold
        if role == Qt.ItemDataRole.BackgroundRole and row.figures is None:
            return QBrush(SECTION_BG)
        if role == Qt.ItemDataRole.ForegroundRole and row.figures is not None and 1 <= column <= 3:
            if column == 3 and row.figures.overdue:
                return QBrush(OVERDUE_FG)
            return QBrush(NUMBER_FG)
        if role == Qt.ItemDataRole.ToolTipRole and row.figures is not None and 1 <= column <= 3:
            return self.tr("双击查看这些申请")
        return None
