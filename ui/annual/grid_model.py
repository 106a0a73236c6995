"""A table laid out like a printed form: header and label cells inside the grid, merged cells as spans.

The national template's tables have multi-level headers and merged labels that a QHeaderView cannot
draw, so the headers are ordinary rows of the model and the view hides its own headers
(`GridView`). Rows are plain `Cell` values built by the functions in `ui.annual.report_grids`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, QSize, Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from ui.style import Colour, Sheet, apply_style

AnyIndex = QModelIndex | QPersistentModelIndex
DrillKey = tuple[Any, ...]  # what the page needs to list the records behind a number

HEADER_BG = QColor("#e8edf3")
LABEL_BG = QColor("#f7f8fa")
NUMBER_FG = QColor(Colour.DRILL)


class CellKind(Enum):
    HEADER = "header"
    LABEL = "label"
    NUMBER = "number"
    NOTE = "note"  # the corner note of Part 3


@dataclass(frozen=True)
class Cell:
    text: str = ""
    kind: CellKind = CellKind.LABEL
    key: DrillKey | None = None  # set for numbers that can be opened to their records
    center: bool = False


@dataclass(frozen=True)
class Span:
    row: int
    column: int
    rows: int
    columns: int


class GridModel(QAbstractTableModel):
    """Read-only; the whole grid is replaced at once (a template table is at most ~30 rows)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cells: list[list[Cell]] = []
        self.spans: list[Span] = []
        self._columns = 0
        self._bold = QFont()
        self._bold.setBold(True)

    def set_grid(self, cells: Sequence[Sequence[Cell]], spans: Sequence[Span] = ()) -> None:
        self.beginResetModel()
        self.cells = [list(row) for row in cells]
        self._columns = max((len(row) for row in self.cells), default=0)
        self.spans = list(spans)
        self.endResetModel()

    def cell(self, index: AnyIndex) -> Cell | None:
        if not index.isValid() or not 0 <= index.row() < len(self.cells):
            return None
        row = self.cells[index.row()]
        return row[index.column()] if 0 <= index.column() < len(row) else None

    def find(self, text: str) -> QModelIndex:
        """The first cell showing `text` (for tests and for scrolling to a row)."""
        for r, row in enumerate(self.cells):
            for c, cell in enumerate(row):
                if cell.text == text:
                    return self.index(r, c)
        return QModelIndex()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.cells)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._columns

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        cell = self.cell(index)
        if cell is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.text
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if cell.kind in (CellKind.NUMBER, CellKind.HEADER) or cell.center:
                return int(Qt.AlignmentFlag.AlignCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and cell.kind is CellKind.HEADER:
            return self._bold
        if role == Qt.ItemDataRole.BackgroundRole:
            if cell.kind in (CellKind.HEADER, CellKind.NOTE):
                return QBrush(HEADER_BG)
            if cell.kind is CellKind.LABEL:
                return QBrush(LABEL_BG)
            return None
        if role == Qt.ItemDataRole.ForegroundRole and cell.kind is CellKind.NUMBER and cell.key is not None:
            return QBrush(NUMBER_FG)  # the colour says "this number opens"
        if role == Qt.ItemDataRole.ToolTipRole:
            if cell.kind is CellKind.NUMBER and cell.key is not None:
                return self.tr("双击查看这 {n} 件申请").format(n=cell.text) if cell.text != "0" else None
            return cell.text or None
        return None


class GridView(QTableView):
    """Shows a GridModel like the printed form: no Qt headers, merged cells, wrapped labels."""

    number_activated = Signal(tuple)
    """A drillable number was activated (double-click or Enter); carries its DrillKey."""

    def __init__(self, model: GridModel, widths: Sequence[int], parent: QWidget | None = None, *,
                 row_height: int = 28, header_height: int = 34, tall: bool = False) -> None:
        """`tall`: the form is taller than a page usually has room for, so keep room for a scroll bar."""
        super().__init__(parent)
        self.grid = model
        self.tall = tall
        self.widths = list(widths)
        self.row_height = row_height
        self.header_height = header_height
        self.setModel(model)
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setWordWrap(True)
        self.setShowGrid(True)
        apply_style(self, Sheet.GRID_LINES)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        model.modelReset.connect(self._apply_layout)
        # `activated`: double-click and Enter (and a single click where the platform is set up so).
        self.activated.connect(self._on_activated)
        self._apply_layout()

    @Slot()
    def _apply_layout(self) -> None:
        self.clearSpans()
        for span in self.grid.spans:
            self.setSpan(span.row, span.column, span.rows, span.columns)
        for column, width in enumerate(self.widths):
            self.setColumnWidth(column, width)
        for row, cells in enumerate(self.grid.cells):
            header = any(c.kind in (CellKind.HEADER, CellKind.NOTE) for c in cells)
            self.setRowHeight(row, self.header_height if header else self.row_height)
        self.updateGeometry()

    def natural_width(self) -> int:
        return sum(self.widths) + 2 * self.frameWidth()

    def natural_height(self) -> int:
        return sum(self.rowHeight(r) for r in range(self.grid.rowCount())) + 2 * self.frameWidth()

    def sizeHint(self) -> QSize:
        # The form's own size, so a page can place it like a printed table instead of stretching
        # an empty grid over the window.
        scroll = self.verticalScrollBar().sizeHint().width() if self.tall else 0
        return QSize(self.natural_width() + scroll, self.natural_height())

    @Slot(QModelIndex)
    def _on_activated(self, index: QModelIndex) -> None:
        cell = self.grid.cell(index)
        if cell is not None and cell.kind is CellKind.NUMBER and cell.key is not None:
            self.number_activated.emit(cell.key)
