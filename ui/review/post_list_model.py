"""The post list: a lazy table model over app.review.ui_support (SQL-side filter, sort and paging)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor
from sqlalchemy.orm import Session

from app.localtime import local_text
from app.review.enums import ChangeKind, PostStatus
from app.review.ui_support import PostFilter, PostRow, count_posts, list_posts
from ui.context import AppContext
from ui.paged_model import Column, PagedTableModel
from ui.review.post_summary import status_text
from ui.status_colours import POST_STATUS_COLOURS
from ui.translate import translator

FETCH_SIZE = 200


_tr = translator("PostListModel")


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


class PostListModel(PagedTableModel[PostRow, PostFilter]):
    """Rows are PostRow dataclasses; pages of FETCH_SIZE are fetched as the view scrolls."""

    columns = COLUMNS

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(ctx, PostFilter(), "updated_at", True, parent, fetch_size=FETCH_SIZE)
        self.refresh()

    def count(self, session: Session) -> int:
        return count_posts(session, self.filter)

    def page(self, session: Session, offset: int, limit: int) -> list[PostRow]:
        return list_posts(session, self.filter, offset, limit, self.sort_key, self.descending)

    def row_of_post(self, post_id: int) -> int:
        return self.row_of(post_id)

    def role_data(self, r: PostRow, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_TITLE:
            flags = []
            if r.sensitive:
                flags.append(_tr("重要/敏感信息"))
            if r.major_emergency:
                flags.append(_tr("重特大突发事件"))
            return r.title + (f"（{'、'.join(flags)}）" if flags else "")
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_STATUS:
            returned = r.status is PostStatus.DRAFT and r.round > 1
            return QBrush(QColor("#b3261e" if returned else POST_STATUS_COLOURS[r.status]))
        return None

    def display(self, r: PostRow, col: int) -> str:
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
