"""A list's columns sized to their content on first show, and the widths a clerk drags remembered.

Fixed design widths cut values short on real data (超期 11 个…, 2027-01-06（未确…, 北京盈科（贵阳）律师事…,
issue 17). So the first time a list is shown with rows, each column takes the width its content
needs, up to twice its design width (a long 申请内容 must not push every other column off screen;
the cut-off text is still readable in its tooltip, ui/elided_tips.py). Once the clerk drags a
column, that list's widths are kept per PC in QSettings under "lists/<name>/widths", like the
window size: each PC has its own screen.

A header is never cut (收到申请日期 read 到申请日期 at 大): its text is each column's floor, above the
design width and the GROWTH cap, whether or not the list has rows yet; a remembered width still wins.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QSettings, Slot
from PySide6.QtWidgets import QTableView
from shiboken6 import isValid

GROWTH = 2  # a column sized to its content grows to at most this many times its design width
SAMPLE_ROWS = 200  # the rows measured: the first page
CELL_PADDING = 6  # each side of a cell's text, with room for a bold (urgent) value
MIN_LAST = 120  # the stretched last column (申请内容, 标题 …) never shrinks below this


def settings_key(name: str) -> str:
    return f"lists/{name}/widths"


class ColumnWidths(QObject):
    def __init__(self, table: QTableView, name: str, design: Sequence[int],
                 settings: QSettings | None = None) -> None:
        super().__init__(table)
        self.table = table
        self.name = name
        self.design = list(design)
        self.settings = settings if settings is not None else QSettings()
        self._applying = False
        self._done = False  # sized (or restored) once; from then on only the clerk changes widths
        self._apply_design()
        self._pressed = False  # the clerk holds the mouse on the header (dragging a column's edge)
        self._moved = False
        table.horizontalHeader().sectionResized.connect(self._on_resized)
        self._header_area = table.horizontalHeader().viewport()
        self._header_area.installEventFilter(self)
        table.installEventFilter(self)
        model = table.model()
        model.modelReset.connect(self._maybe_size)
        model.rowsInserted.connect(self._maybe_size)

    # -- first show --------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isValid(self.table):
            return False  # the list is being destroyed
        if watched is self.table and event.type() == QEvent.Type.Show:
            self._maybe_size()
        elif watched is self.table and event.type() == QEvent.Type.FontChange and self.remembered() is None:
            # Another 界面字号: the program's widths were for the old letters; the clerk's are kept.
            self._done = False
            self._apply_design()
            self._maybe_size()
        elif watched is self._header_area:
            # Only a width the clerk drags (or double-clicks to fit) is remembered; Qt also resizes
            # sections itself when the window is small, and those widths are not the clerk's.
            if event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
                self._pressed, self._moved = True, False
            elif event.type() == QEvent.Type.MouseButtonRelease:
                self._pressed = False
                if self._moved:
                    self.remember()
        return False

    @Slot()
    def _maybe_size(self) -> None:
        if self._done or not isValid(self.table) or not self.table.isVisible():
            return
        stored = self.remembered()
        if stored is not None:
            self._set(stored)
            self._done = True
        elif self.table.model().rowCount() > 0:
            self.size_to_content()
            self._done = True

    def size_to_content(self) -> None:
        """Each column as wide as its header and the rows read so far need, within GROWTH × design."""
        header = self.table.horizontalHeader()
        last = len(self.design) - 1
        stretch = header.stretchLastSection()
        widths: list[int] = []
        floors = [self.header_width(c) for c in range(len(self.design))]
        for column, design in enumerate(self.design[:last] if stretch else self.design):
            wanted = max(self._content_width(column), floors[column])
            widths.append(max(min(max(wanted, 40), design * GROWTH), floors[column]))
        room = self.table.viewport().width() - (MIN_LAST if stretch else 0)
        grown = sum(max(0, w - d) for w, d in zip(widths, self.design, strict=False))
        if sum(widths) > room and grown > 0:
            # Too wide for the window: the columns that grew give back (in proportion) what does not
            # fit, down to their design widths, so the list needs no horizontal scrolling if it can.
            share = min(1.0, (sum(widths) - room) / grown)
            widths = [max(f, w - int((w - d) * share)) if w > d else w
                      for w, d, f in zip(widths, self.design, floors, strict=False)]
        if stretch:
            # The last column takes the rest of the width (its text is read in the tooltip).
            rest = self.table.viewport().width() - sum(widths)
            widths.append(max(MIN_LAST, floors[last], min(self.design[last], rest)))
        self._set(widths)

    def header_width(self, column: int) -> int:
        """What the column's header text needs, with the sort arrow and the header's margins."""
        return self.table.horizontalHeader().sectionSizeHint(column)

    def _content_width(self, column: int) -> int:
        """The widest text among the rows read so far (the view's own hint counts only rows laid out)."""
        model = self.table.model()
        metrics = self.table.fontMetrics()
        texts = (model.index(row, column).data() for row in range(min(model.rowCount(), SAMPLE_ROWS)))
        widest = max((metrics.horizontalAdvance(t) for t in texts if isinstance(t, str)), default=0)
        return widest + 2 * CELL_PADDING

    # -- remembering -------------------------------------------------------------------------
    def remembered(self) -> list[int] | None:
        raw = self.settings.value(settings_key(self.name))
        if raw is None:
            return None
        values = raw if isinstance(raw, list) else str(raw).split(",")
        try:
            widths = [int(v) for v in values]
        except ValueError:
            return None
        # Columns were added or removed since: the old widths no longer fit, size afresh.
        return widths if len(widths) == len(self.design) and all(w > 0 for w in widths) else None

    @Slot(int, int, int)
    def _on_resized(self, column: int, _old: int, _new: int) -> None:
        if self._applying or not self._pressed:
            return
        if column == len(self.design) - 1 and self.table.horizontalHeader().stretchLastSection():
            return  # the stretched column follows the window's width; the clerk did not set it
        self._moved = True
        self._done = True

    def remember(self) -> None:
        """Keep the current widths for this list on this PC (after the clerk dragged one)."""
        widths = [self.table.columnWidth(c) for c in range(len(self.design))]
        self.settings.setValue(settings_key(self.name), ",".join(str(w) for w in widths))

    def _apply_design(self) -> None:
        """The design widths, each widened to its header (the list may stay empty)."""
        self._set([max(d, self.header_width(c)) for c, d in enumerate(self.design)])

    def _set(self, widths: Sequence[int]) -> None:
        self._applying = True
        try:
            for column, width in enumerate(widths):
                self.table.setColumnWidth(column, width)  # a stretched last column only takes it as a floor
        finally:
            self._applying = False
