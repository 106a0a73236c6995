"""The post list: a lazy table model over app.review.ui_support (SQL-side filter, sort and paging)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.localtime import local_text
from app.review.enums import ChangeKind, PostStatus
from app.review.ui_support import PostFilter, PostRow, count_posts, list_posts
from ui.context import AppContext
from ui.review.post_summary import status_text

FETCH_SIZE = 200
AnyIndex = QModelIndex | QPersistentModelIndex

# Status colours: waiting in the chain (amber), ready/published (blue), finished (green), withdrawn (grey).
_STATUS_COLOURS = {
    PostStatus.DRAFT: "#555555",
    PostStatus.FIRST_REVIEW: "#8a5a00",
    PostStatus.SECOND_REVIEW: "#8a5a00",
    PostStatus.THIRD_REVIEW: "#8a5a00",
    PostStatus.READY: "#1a5fb4",
    PostStatus.PUBLISHED: "#1a5fb4",
    PostStatus.CONFIRMED: "#26734d",
    PostStatus.WITHDRAWN: "#888888",
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("PostListModel", text)


@dataclass(frozen=True)
class Column:
    key: str  # sort key understood by ui_support.list_posts
    title: str
    width: int


COLUMNS: tuple[Column, ...] = (
    Column("post_no", _tr("编号"), 90),
    Column("title", _tr("标题"), 340),
    Column("target", _tr("栏目/账号"), 150),
    Column("status", _tr("状态"), 110),
    Column("change_kind", _tr("类型"), 70),
    Column("round", _tr("轮次"), 50),
    Column("source_kind", _tr("来源"), 60),
    Column("author_name", _tr("采编"), 80),
    Column("updated_at", _tr("最后修改"), 130),
    Column("published_at", _tr("发布时间"), 130),
)
COL_TITLE = 1
COL_STATUS = 3


class PostListModel(QAbstractTableModel):
    """Rows are PostRow dataclasses; pages of FETCH_SIZE are fetched as the view scrolls."""

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.filter = PostFilter()
        self.sort_key = "updated_at"
        self.descending = True
        self.rows: list[PostRow] = []
        self.total = 0
        self.refresh()

    def set_filter(self, f: PostFilter) -> None:
        self.filter = f
        self.refresh()

    def refresh(self) -> None:
        """Re-count and reload the first page; the view asks for more as it scrolls."""
        self.beginResetModel()
        with self.ctx.reader() as s:
            self.total = count_posts(s, self.filter)
            self.rows = list_posts(s, self.filter, 0, FETCH_SIZE, self.sort_key, self.descending) if self.total else []
        self.total = max(self.total, len(self.rows))
        self.endResetModel()

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self.rows) < self.total

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or len(self.rows) >= self.total:
            return
        with self.ctx.reader() as s:
            more = list_posts(s, self.filter, len(self.rows), FETCH_SIZE, self.sort_key, self.descending)
        if not more:
            self.total = len(self.rows)  # rows vanished meanwhile: stop asking
            return
        first = len(self.rows)
        self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
        self.rows.extend(more)
        self.endInsertRows()

    def row_at(self, row: int) -> PostRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def row_of_post(self, post_id: int) -> int:
        return next((i for i, r in enumerate(self.rows) if r.id == post_id), -1)

    # -- the table ---------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(COLUMNS):
            return COLUMNS[section].title
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        r = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, col)
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_TITLE:
            flags = []
            if r.sensitive:
                flags.append(_tr("重要/敏感信息"))
            if r.major_emergency:
                flags.append(_tr("重特大突发事件"))
            return r.title + (f"（{'、'.join(flags)}）" if flags else "")
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_STATUS:
            returned = r.status is PostStatus.DRAFT and r.round > 1
            return QBrush(QColor("#b3261e" if returned else _STATUS_COLOURS[r.status]))
        if role == Qt.ItemDataRole.UserRole:
            return r.id
        return None

    def _display(self, r: PostRow, col: int) -> str:
        key = COLUMNS[col].key
        if key == "post_no":
            return r.post_no
        if key == "title":
            mark = "⚠ " if r.sensitive or r.major_emergency else ""
            return mark + r.title
        if key == "target":
            return r.target
        if key == "status":
            return status_text(r.status, r.round)
        if key == "change_kind":
            return "" if r.change_kind is ChangeKind.NEW else r.change_kind.label
        if key == "round":
            return str(r.round)
        if key == "source_kind":
            return r.source_kind.label
        if key == "author_name":
            return r.author_name
        if key == "updated_at":
            return local_text(r.updated_at)
        if key == "published_at":
            return local_text(r.published_at)
        return ""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not (0 <= column < len(COLUMNS)):
            return
        self.sort_key = COLUMNS[column].key
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.refresh()
