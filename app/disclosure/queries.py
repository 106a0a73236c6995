"""Reading disclosure items for the screens and exports: the filtered list, one item as a plain
snapshot, its versions, attachments and sign-offs, and the deadline arithmetic.

Pure Python (no Qt): the screens get dataclasses, never live ORM objects. The list is filtered,
sorted and paged in SQL, like the case list, so many years of items scroll smoothly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, func, literal_column, select
from sqlalchemy.orm import Session

from app.attachments import attachment_file
from app.auth.models import User
from app.availability import Availability
from app.cases.search import like_pattern
from app.context import Actor
from app.disclosure.enums import CATEGORIES, CHANNELS, WITHHOLD_REASONS, Decision, DocKind, ItemStatus
from app.disclosure.item_actions import ItemAction, item_actions_for
from app.disclosure.models import DisclosureAttachment, DisclosureItem
from app.disclosure.service import PUBLISH_DAYS, ItemForm, get_item
from app.errors import ValidationError
from app.localtime import to_local
from app.signoff.service import signoffs_for
from app.workdays.calendar import Deadline, WorkCalendar

DUE_SOON_WORKDAYS = 3  # as the dashboard (hooks.py)
PENDING_STATES: tuple[str, ...] = tuple(s.value for s in ItemStatus if s.is_pending)
CHINESE_NUMERALS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二")
_ITEM_NO = re.compile(r"^GK-(\d{4})-(\d+)$")


def category_label(index: int, *, numbered: bool = True) -> str:
    """A 第四条 category as the rule writes it, e.g. “（三）以县政府或县政府办公室名义印发的主动公开文件”."""
    if not 0 <= index < len(CATEGORIES):
        return ""
    return f"（{CHINESE_NUMERALS[index]}）{CATEGORIES[index]}" if numbered else CATEGORIES[index]


def reason_label(index: int | None) -> str:
    """A 第七条 reason with its number, e.g. “（五）内部事务信息（…）”."""
    if index is None or not 0 <= index < len(WITHHOLD_REASONS):
        return ""
    return f"（{CHINESE_NUMERALS[index]}）{WITHHOLD_REASONS[index]}"


def item_no_key(item_no: str, version_no: int = 1) -> tuple[int, int, str, int]:
    """GK-2024-10 sorts after GK-2024-9 (numbers, not text)."""
    m = _ITEM_NO.match(item_no)
    if m is None:
        return (0, 0, item_no, version_no)
    return (int(m.group(1)), int(m.group(2)), "", version_no)


def workdays_left(calendar: WorkCalendar, due_on: date, today: date) -> int:
    """0 = due today; negative when overdue (a due date that passed over a weekend is still late)."""
    if due_on >= today:
        return calendar.workdays_between(today, due_on)
    return -max(1, calendar.workdays_between(due_on, today))


def deadline_start(item: DisclosureItem | ItemView) -> date:
    """第九条: counted from the day formed or changed, or again from the end of a legal delay."""
    return item.delay_ended_on or item.formed_on


def deadline_of(item: DisclosureItem | ItemView, calendar: WorkCalendar) -> Deadline:
    """The 20-working-day deadline with its arithmetic (also for items already published)."""
    return calendar.deadline(deadline_start(item), PUBLISH_DAYS)


@dataclass(frozen=True)
class ItemRow:
    id: int
    item_no: str
    version_no: int
    title: str
    category: int
    section: str
    doc_no: str
    doc_kind: DocKind
    formed_on: date
    status: ItemStatus
    decision: Decision
    due_on: date | None
    due_unconfirmed: bool
    published_on: date | None
    channels: str
    repealed_on: date | None


@dataclass
class ItemFilter:
    year: int | None = None  # year the information was formed or changed
    category: int | None = None
    section: str | None = None
    status: ItemStatus | None = None  # None: every status except 已被新版本替代
    due_soon: bool = False  # waiting to be published, due within 3 working days
    overdue: bool = False  # waiting to be published, deadline passed
    text: str = ""
    today: date = field(default_factory=date.today)


def _conditions(f: ItemFilter, calendar: WorkCalendar) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = []
    if f.year is not None:
        conds.append(DisclosureItem.formed_on.between(date(f.year, 1, 1), date(f.year, 12, 31)))
    if f.category is not None:
        conds.append(DisclosureItem.category == f.category)
    if f.section:
        conds.append(DisclosureItem.section == f.section)
    if f.status is not None:
        conds.append(DisclosureItem.status == ItemStatus(f.status).value)
    else:  # old versions are reached through the item's history, not the list
        conds.append(DisclosureItem.status != ItemStatus.SUPERSEDED.value)
    if f.due_soon or f.overdue:
        conds += [DisclosureItem.status.in_(PENDING_STATES), DisclosureItem.due_on.is_not(None)]
        ranges = []
        if f.overdue:
            ranges.append(DisclosureItem.due_on < f.today)
        if f.due_soon:
            limit = calendar.add_workdays(f.today, DUE_SOON_WORKDAYS)
            ranges.append(and_(DisclosureItem.due_on >= f.today, DisclosureItem.due_on <= limit))
        conds.append(ranges[0] if len(ranges) == 1 else ranges[0] | ranges[1])
    if f.text.strip():
        conds.append(DisclosureItem.search_text.like(like_pattern(f.text), escape="\\"))
    return conds


_ROW_COLUMNS = (
    DisclosureItem.id, DisclosureItem.item_no, DisclosureItem.version_no, DisclosureItem.title,
    DisclosureItem.category, DisclosureItem.section, DisclosureItem.doc_no, DisclosureItem.doc_kind,
    DisclosureItem.formed_on, DisclosureItem.status, DisclosureItem.decision, DisclosureItem.due_on,
    DisclosureItem.due_unconfirmed, DisclosureItem.published_on, DisclosureItem.channels,
    DisclosureItem.repealed_on,
)


# Sort keys the item list offers. 事项编号 GK-2024-10 must come after GK-2024-9: year, then
# length, then text (the prefix "GK-" is fixed, so the year is characters 4-7).
# Literal numbers (not bound parameters), so the expressions match ix_disclosure_items_number_order.
_ITEM_NO_ORDER: tuple[Any, ...] = (
    func.substr(DisclosureItem.item_no, literal_column("4"), literal_column("4")), func.length(DisclosureItem.item_no),
    DisclosureItem.item_no, DisclosureItem.version_no,
)
_SORTS: dict[str, tuple[Any, ...]] = {
    "item_no": _ITEM_NO_ORDER,
    "status": (DisclosureItem.status, *_ITEM_NO_ORDER),
    "title": (DisclosureItem.title,),
    "category": (DisclosureItem.category, *_ITEM_NO_ORDER),
    "section": (DisclosureItem.section, *_ITEM_NO_ORDER),
    "doc_no": (DisclosureItem.doc_no, *_ITEM_NO_ORDER),
    "formed_on": (DisclosureItem.formed_on, *_ITEM_NO_ORDER),
    "due_on": (DisclosureItem.due_on, *_ITEM_NO_ORDER),
    "published_on": (DisclosureItem.published_on, *_ITEM_NO_ORDER),
}
ITEM_SORT_KEYS: tuple[str, ...] = tuple(_SORTS)


def count_items(session: Session, f: ItemFilter, calendar: WorkCalendar) -> int:
    return int(session.scalar(select(func.count(DisclosureItem.id)).where(*_conditions(f, calendar))) or 0)


def list_items(session: Session, f: ItemFilter, calendar: WorkCalendar, offset: int = 0, limit: int | None = None,
               sort_key: str = "item_no", descending: bool = True) -> list[ItemRow]:
    """One page of the items the filter selects (all of them without `limit`), newest number first.

    Sorted and paged in SQL so the list stays quick with many years of items (issue 14)."""
    if sort_key not in _SORTS:
        raise ValidationError(f"无法按“{sort_key}”排序。", field="sort_key")
    # Items without a due or publication date go last either way, on SQLite and PostgreSQL alike.
    # The number order has no NULLs: left plain, so both databases read it backwards from its index.
    plain = sort_key == "item_no"
    order = [c.desc() if descending else c.asc() for c in _SORTS[sort_key]] if plain else \
        [(c.desc() if descending else c.asc()).nulls_last() for c in _SORTS[sort_key]]
    tie = DisclosureItem.id.desc() if descending else DisclosureItem.id.asc()
    stmt = select(*_ROW_COLUMNS).where(*_conditions(f, calendar)).order_by(*order, tie).offset(max(0, offset))
    if limit is not None:
        stmt = stmt.limit(max(0, limit))
    return [
        ItemRow(r.id, r.item_no, r.version_no, r.title, r.category, r.section, r.doc_no, DocKind(r.doc_kind),
                r.formed_on, ItemStatus(r.status), Decision(r.decision), r.due_on, r.due_unconfirmed,
                r.published_on, r.channels, r.repealed_on)
        for r in session.execute(stmt)
    ]


def item_years(session: Session) -> list[int]:
    """Years that have items (for the year filter), newest first."""
    first, last = session.execute(select(func.min(DisclosureItem.formed_on), func.max(DisclosureItem.formed_on))).one()
    if first is None or last is None:
        return []
    return list(range(last.year, first.year - 1, -1))


@dataclass(frozen=True)
class AttachmentRow:
    id: int
    filename: str
    size: int
    added_by: str
    added_at: datetime  # naive UTC, shown with local_text like every stored time


@dataclass(frozen=True)
class SignOffRow:
    round: int
    signer_name: str
    decision: str  # 同意 / 退回
    opinion: str
    signed_at: datetime


@dataclass(frozen=True)
class ItemView:
    """One item as the detail panel shows it; a snapshot, safe after the session closed."""

    id: int
    item_no: str
    version_no: int
    version: int  # optimistic-lock version, handed back when saving edits
    title: str
    category: int
    section: str
    doc_no: str
    doc_kind: DocKind
    formed_on: date
    repealed_on: date | None
    summary: str
    other_bodies: str
    others_confirmed_on: date | None
    others_confirmation: str
    status: ItemStatus
    decision: Decision
    withhold_reason: int | None
    legal_basis: str
    secrecy_reviewer: str
    secrecy_reviewed_on: date | None
    secrecy_opinion: str
    channels: tuple[str, ...]
    published_on: date | None
    url: str
    due_on: date | None
    due_unconfirmed: bool
    delay_cause: str
    delay_ended_on: date | None
    created_by: str
    created_by_name: str
    is_latest: bool
    attachments: tuple[AttachmentRow, ...]
    versions: tuple[ItemRow, ...]
    signoffs: tuple[SignOffRow, ...]
    actions: Availability[ItemAction] = field(default_factory=lambda: Availability(()))  # of load_item's actor

    def form(self) -> ItemForm:
        """The editable fields, to prefill the form for 修改 or 登记新版本."""
        return ItemForm(
            title=self.title, category=self.category, section=self.section, formed_on=self.formed_on,
            doc_no=self.doc_no, doc_kind=self.doc_kind, summary=self.summary, other_bodies=self.other_bodies,
            others_confirmed_on=self.others_confirmed_on, others_confirmation=self.others_confirmation,
        )


def load_item(session: Session, item_id: int, actor: Actor | None = None) -> ItemView:
    """The item as `actor` sees it: with what they may do to it now (none without an actor)."""
    item = get_item(session, item_id)
    versions = tuple(
        ItemRow(v.id, v.item_no, v.version_no, v.title, v.category, v.section, v.doc_no, DocKind(v.doc_kind),
                v.formed_on, ItemStatus(v.status), Decision(v.decision), v.due_on, v.due_unconfirmed,
                v.published_on, v.channels, v.repealed_on)
        for v in session.scalars(select(DisclosureItem).where(DisclosureItem.item_no == item.item_no)
                                 .order_by(DisclosureItem.version_no))
    )
    attachments = tuple(
        AttachmentRow(a.id, a.filename, a.size, a.added_by, a.added_at)
        for a in session.execute(
            select(DisclosureAttachment.id, DisclosureAttachment.filename, DisclosureAttachment.size,
                   DisclosureAttachment.added_by, DisclosureAttachment.added_at)
            .where(DisclosureAttachment.item_id == item.id).order_by(DisclosureAttachment.id))
    )
    signoffs = tuple(
        SignOffRow(so.round, so.signer_name, "同意" if so.decision == "approve" else "不同意", so.opinion,
                   to_local(so.signed_at))
        for so in signoffs_for(session, "disclosure", item.id) if so.step == "secrecy"
    )
    author = session.scalar(select(User.display_name).where(User.username == item.created_by))
    return ItemView(
        id=item.id, item_no=item.item_no, version_no=item.version_no, version=item.version, title=item.title,
        category=item.category, section=item.section, doc_no=item.doc_no, doc_kind=DocKind(item.doc_kind),
        formed_on=item.formed_on, repealed_on=item.repealed_on, summary=item.summary,
        other_bodies=item.other_bodies, others_confirmed_on=item.others_confirmed_on,
        others_confirmation=item.others_confirmation, status=ItemStatus(item.status),
        decision=Decision(item.decision), withhold_reason=item.withhold_reason, legal_basis=item.legal_basis,
        secrecy_reviewer=item.secrecy_reviewer, secrecy_reviewed_on=item.secrecy_reviewed_on,
        secrecy_opinion=item.secrecy_opinion,
        channels=tuple(c for c in CHANNELS if c in item.channels.split("、")),
        published_on=item.published_on, url=item.url, due_on=item.due_on, due_unconfirmed=item.due_unconfirmed,
        delay_cause=item.delay_cause, delay_ended_on=item.delay_ended_on, created_by=item.created_by,
        created_by_name=author or item.created_by, is_latest=versions[-1].id == item.id if versions else True,
        attachments=attachments, versions=versions, signoffs=signoffs,
        actions=item_actions_for(item, actor) if actor is not None else Availability(()),
    )


def attachment_content(session: Session, attachment_id: int) -> tuple[str, bytes]:
    """(file name, bytes) of one attachment, for 另存为."""
    return attachment_file(session, DisclosureAttachment, attachment_id, "disclosure_attachment")


_DOC_NO = re.compile(r"^[\u4e00-\u9fff]{2,12}〔[12]\d{3}〕[1-9]\d*号$")


def doc_no_hint(doc_no: str) -> str:
    """A gentle note when a 文号 does not look like 锦府办发〔2024〕5号 (RULES.md E); "" when it does.

    Only a hint: older documents and other bodies' numbers do not always follow the pattern."""
    text = doc_no.strip()
    if not text or _DOC_NO.match(text):
        return ""
    if re.search(r"[\[\(（【]\s*\d{4}\s*[\]\)）】]", text):
        return "年份应使用六角括号〔〕，如 锦府办发〔2024〕5号。"
    if "第" in text:
        return "文号中的序号不加“第”字，如 锦府办发〔2024〕5号。"
    if re.search(r"〕0\d", text):
        return "文号中的序号不编虚位（不写 05），如 锦府办发〔2024〕5号。"
    return "文号格式通常为“机关代字〔年份〕序号”，如 锦府办发〔2024〕5号。"
