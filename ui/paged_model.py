"""One lazy table model for the lists of the three areas (cases, posts, disclosure items).

A subclass names its row type and filter, its columns, and how to count and read one page in SQL;
this class does the rest the same way for all three: the first page on refresh, the next page when
the view scrolls to the end (Qt's canFetchMore/fetchMore), finding a record's row, sorting by a
column's SQL key. Only the rows scrolled into view are ever read, so 100,000 records scroll smoothly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from sqlalchemy.orm import Session

from ui.context import AppContext
from ui.rows_model import ReadOnlyRows

FETCH_SIZE = 200
AnyIndex = QModelIndex | QPersistentModelIndex


class HasId(Protocol):
    @property
    def id(self) -> int: ...


R = TypeVar("R", bound=HasId)
F = TypeVar("F")


@dataclass(frozen=True)
class Column:
    key: str  # the sort key handed to the query; "" = not sortable
    title: str
    width: int  # the widest a column grows when sized to its content on first show


class PagedTableModel(ReadOnlyRows[R], Generic[R, F]):
    """Rows are plain dataclasses with an `id`; pages of `fetch_size` are read as the view scrolls."""

    columns: Sequence[Column] = ()

    def __init__(self, ctx: AppContext, filter_: F, sort_key: str, descending: bool,
                 parent: QObject | None = None, *, fetch_size: int | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.filter: F = filter_
        self.sort_key = sort_key
        self.descending = descending
        self.fetch_size = fetch_size or FETCH_SIZE
        self.rows: list[R] = []
        self.total = 0

    # -- what a subclass says ----------------------------------------------------------------
    def prepare(self, session: Session) -> None:
        """Read what every row needs (e.g. the working-day calendar) once per refresh."""

    def count(self, session: Session) -> int:
        raise NotImplementedError

    def page(self, session: Session, offset: int, limit: int) -> list[R]:
        raise NotImplementedError

    def display(self, row: R, column: int) -> str:
        raise NotImplementedError

    def role_data(self, row: R, column: int, role: int) -> Any:
        """Any other role (colours, fonts, tooltips); None by default."""
        return None

    def sort_key_of(self, column: int) -> str:
        """The query's sort key for a clicked column; "" leaves the order as it is."""
        return self.columns[column].key

    # -- loading -----------------------------------------------------------------------------
    def set_filter(self, f: F) -> None:
        self.filter = f
        self.refresh()

    def refresh(self) -> None:
        """Drop the fetched rows and read the first page again; the view asks for more as it scrolls."""
        self.beginResetModel()
        with self.ctx.reader() as s:
            self.prepare(s)
            # The first page first: a page that is not full is the whole result, so a search that
            # finds few records scans the table once instead of twice (count, then page) — issue 8.
            self.rows = self.page(s, 0, self.fetch_size)
            self.total = len(self.rows) if len(self.rows) < self.fetch_size else self.count(s)
        self.total = max(self.total, len(self.rows))
        self.endResetModel()

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self.rows) < self.total

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or len(self.rows) >= self.total:
            return
        with self.ctx.reader() as s:
            more = self.page(s, len(self.rows), self.fetch_size)
        if not more:
            self.total = len(self.rows)  # records vanished meanwhile: stop asking for more
            return
        first = len(self.rows)
        self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
        self.rows.extend(more)
        self.endInsertRows()

    def fetch_all(self) -> None:
        while self.canFetchMore():
            self.fetchMore()

    def row_of(self, record_id: int) -> int:
        """The row showing `record_id` among the rows fetched so far, or -1."""
        return next((i for i, r in enumerate(self.rows) if r.id == record_id), -1)

    def find(self, record_id: int, max_pages: int) -> int:
        """Like row_of, fetching up to `max_pages` more pages while the record is not yet listed."""
        row, pages = self.row_of(record_id), 0
        while row < 0 and self.canFetchMore() and pages < max_pages:
            first = len(self.rows)
            self.fetchMore()
            row = next((first + i for i, r in enumerate(self.rows[first:]) if r.id == record_id), -1)
            pages += 1
        return row

    # -- the table ---------------------------------------------------------------------------
    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        r = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(r, index.column())
        if role == Qt.ItemDataRole.UserRole:
            return r.id
        return self.role_data(r, index.column(), role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not (0 <= column < len(self.columns)):
            return
        key = self.sort_key_of(column)
        if not key:
            return
        self.sort_key = key
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.refresh()
