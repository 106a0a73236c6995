"""The list of disclosure items: ItemRow dataclasses from app.disclosure.queries, filtered, sorted
and paged in SQL (ui/paged_model.py), so many years of items scroll as smoothly as the case list."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor
from sqlalchemy.orm import Session

from app.disclosure.enums import DocKind, ItemStatus
from app.disclosure.queries import (
    DUE_SOON_WORKDAYS,
    ItemFilter,
    ItemRow,
    category_label,
    count_items,
    list_items,
    workdays_left,
)
from app.workdays.calendar import WorkCalendar
from app.workdays.service import load_calendar
from ui.context import AppContext
from ui.deadline_rows import DeadlineRows
from ui.paged_model import Column, PagedTableModel
from ui.translate import translator

_GREY_TEXT = QColor("#757575")
_tr = translator("ItemListModel")


COLUMNS: tuple[Column, ...] = (
    Column("item_no", _tr("事项编号"), 140),
    Column("status", _tr("状态"), 80),
    Column("title", _tr("标题"), 330),
    Column("category", _tr("类别"), 180),
    Column("section", _tr("责任科室"), 76),
    Column("doc_no", _tr("文号"), 140),
    Column("formed_on", _tr("形成/变更日期"), 100),
    Column("due_on", _tr("发布期限"), 100),
    Column("left", _tr("剩余工作日"), 102),
    Column("published_on", _tr("发布日期"), 92),
)
KEYS = tuple(c.key for c in COLUMNS)
COL_DUE = KEYS.index("due_on")
COL_LEFT = KEYS.index("left")


class ItemListModel(DeadlineRows, PagedTableModel[ItemRow, ItemFilter]):
    """Rows are ItemRow dataclasses, filtered, sorted and paged in SQL like the case list."""

    columns = COLUMNS
    soon_days, due_column, left_column = DUE_SOON_WORKDAYS, COL_DUE, COL_LEFT

    def __init__(self, ctx: AppContext, parent: QObject | None = None,
                 today: Callable[[], date] | None = None) -> None:
        today_fn = today or ctx.today
        super().__init__(ctx, ItemFilter(today=today_fn()), "item_no", True, parent)
        self._today = today_fn
        self.calendar = WorkCalendar()
        self.overdue = 0  # items of the filter waiting past their deadline, for the count line
        self.refresh()

    def prepare(self, session: Session) -> None:
        self.filter = replace(self.filter, today=self._today())
        self.calendar = load_calendar(session)
        overdue = replace(self.filter, overdue=True, due_soon=False)
        self.overdue = count_items(session, overdue, self.calendar)

    def count(self, session: Session) -> int:
        return count_items(session, self.filter, self.calendar)

    def page(self, session: Session, offset: int, limit: int) -> list[ItemRow]:
        return list_items(session, self.filter, self.calendar, offset, limit, self.sort_key, self.descending)

    def row_of_item(self, item_id: int) -> int:
        return self.row_of(item_id)

    def days_left(self, r: ItemRow) -> int | None:
        if r.due_on is None or not r.status.is_pending:
            return None
        return workdays_left(self.calendar, r.due_on, self.filter.today)

    def role_data(self, r: ItemRow, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and KEYS[col] in ("title", "category"):
            return self.display(r, col)
        value = self.deadline_data(r, col, role)
        if value is None and role == Qt.ItemDataRole.ForegroundRole and (
                r.status in (ItemStatus.WITHHELD, ItemStatus.SUPERSEDED) or r.repealed_on is not None):
            return QBrush(_GREY_TEXT)
        return value

    def display(self, r: ItemRow, col: int) -> str:
        return self._display(r, KEYS[col])

    def sort_key_of(self, column: int) -> str:
        return "due_on" if KEYS[column] == "left" else KEYS[column]  # 剩余工作日 sorts like the due date

    def _display(self, r: ItemRow, key: str) -> str:
        if key == "item_no":
            return r.item_no if r.version_no == 1 else _tr("{no}（第{v}版）").format(no=r.item_no, v=r.version_no)
        if key == "status":
            return r.status.label
        if key == "title":
            extra = ""
            if r.doc_kind is not DocKind.NONE:
                extra = _tr("〔{kind}〕").format(kind=r.doc_kind.label)
            if r.repealed_on is not None:
                extra += _tr("〔已废止〕")
            return r.title + extra
        if key == "category":
            return category_label(r.category)
        if key == "section":
            return r.section
        if key == "doc_no":
            return r.doc_no
        if key == "formed_on":
            return r.formed_on.isoformat()
        if key == "due_on":
            if r.status is ItemStatus.DELAYED and r.due_on is None:
                return _tr("暂缓（待事由消除）")
            return (r.due_on.isoformat() + (_tr("（未确认）") if r.due_unconfirmed else "")) if r.due_on else ""
        if key == "left":
            return self.left_text(r)
        if key == "published_on":
            return r.published_on.isoformat() if r.published_on else ""
        return ""
