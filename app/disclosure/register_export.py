"""The Excel register of disclosure items (主动公开事项登记台账), one year, print-ready A4 landscape.

Every version of every item formed or changed in the year is one row, in number order, so the
register shows the whole history of a changed document. The 发布期限 column shows the deadline
also for items already published (the service clears the stored one on publication), so a
reader sees at a glance which were late. The file appears only when complete (atomic_write).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any, Unpack

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.auth.roles import Role
from app.context import Actor
from app.disclosure.enums import Decision, DocKind, ItemStatus
from app.disclosure.models import DisclosureItem
from app.disclosure.queries import category_label, deadline_of, item_no_key, reason_label
from app.settings import get_setting
from app.workdays.calendar import WorkCalendar
from app.workdays.service import load_calendar
from app.year_register import ExportOptions, RegisterSheet, export_year_register

# The register holds no personal data: everyone who works with disclosures may take it out.
EXPORT_ROLES = (Role.DISCLOSURE_STAFF, Role.EDITOR, Role.ADMIN, Role.SECTION_HEAD, Role.LEADER_IN_CHARGE,
                Role.PRINCIPAL_LEADER)
SHEET_NAME = "主动公开事项登记台账"
STEP = 50  # rows between progress reports / cancel checks (a year has a few hundred rows)

HEADERS: tuple[str, ...] = (
    "事项编号", "版本", "标题", "类别", "责任科室", "文号", "形成/变更日期", "保密审查（审查人、日期、意见）",
    "公开方式", "不予公开理由", "法律依据", "发布渠道", "发布日期", "网址", "发布期限", "状态", "备注",
)
# Narrow enough that A4 landscape, fitted to the page width, still prints at a readable size.
WIDTHS: tuple[float, ...] = (12, 6, 32, 24, 9, 17, 11, 34, 9, 24, 20, 14, 11, 28, 11, 14, 28)
_WRAP = frozenset(HEADERS.index(h) for h in ("标题", "类别", "文号", "保密审查（审查人、日期、意见）",
                                               "不予公开理由", "法律依据", "发布渠道", "网址", "备注"))
# What the paper file shows by default (the export dialog lets an office choose and remembers).
PRINT_COLUMNS: tuple[str, ...] = (
    "事项编号", "标题", "类别", "责任科室", "文号", "形成/变更日期", "保密审查（审查人、日期、意见）", "公开方式",
    "发布日期", "状态",
)
REGISTER = RegisterSheet(SHEET_NAME, HEADERS, WIDTHS, _WRAP, PRINT_COLUMNS, EXPORT_ROLES, "disclosure_register", "条",
                         STEP)


def remarks(item: DisclosureItem, due: date | None, calendar: WorkCalendar) -> str:
    """What the other columns cannot say: late publication, delays, repeal, other bodies."""
    notes: list[str] = []
    if item.doc_kind:
        notes.append(DocKind(item.doc_kind).label)
    if item.repealed_on is not None:
        notes.append(f"{item.repealed_on.isoformat()} 废止")
    if item.published_on is not None and due is not None and item.published_on > due:
        late = calendar.workdays_between(due, item.published_on)
        notes.append(f"逾期发布（超过期限 {late} 个工作日）")
    if item.delay_cause:
        ended = f"，{item.delay_ended_on.isoformat()} 事由消除" if item.delay_ended_on else "，事由尚未消除"
        notes.append(f"暂缓发布：{item.delay_cause.rstrip('。')}{ended}")
    if item.other_bodies:
        confirmed = (f"{item.others_confirmed_on.isoformat()} 已确认" if item.others_confirmed_on
                     else "尚未确认")
        notes.append(f"涉及{item.other_bodies}（{confirmed}）")
    if item.due_unconfirmed:
        notes.append("期限跨越节假日未确认的年份")
    return "；".join(notes)


def secrecy_text(item: DisclosureItem) -> str:
    """审查人、日期、意见 in one cell, e.g. “赵敏，2024-09-23：经审查，不涉及国家秘密。”"""
    if item.secrecy_reviewed_on is None:
        return ""
    return f"{item.secrecy_reviewer}，{item.secrecy_reviewed_on.isoformat()}：{item.secrecy_opinion}"


def row_values(item: DisclosureItem, calendar: WorkCalendar) -> list[Any]:
    status = ItemStatus(item.status)
    decision = Decision(item.decision)
    # Pending items show their stored deadline (none while a legal delay lasts); published ones the
    # deadline they had, recomputed; withheld, on-request and unpublished old versions have none.
    due: date | None = None
    if status.is_pending:
        due = item.due_on
    elif item.published_on is not None:
        due = deadline_of(item, calendar).due
    return [
        item.item_no, item.version_no, item.title, category_label(item.category), item.section, item.doc_no,
        item.formed_on, secrecy_text(item),
        decision.label if decision is not Decision.PENDING else "", reason_label(item.withhold_reason),
        item.legal_basis, item.channels, item.published_on, item.url, due, status.label,
        remarks(item, due, calendar),
    ]


def register_title(session: Session, year: int) -> str:
    return f"{get_setting(session, 'org.name')}政府信息主动公开事项登记台账（{year}年）"


def export_register(session: Session, actor: Actor, path: str | Path, year: int,
                    **options: Unpack[ExportOptions]) -> int:
    """Write the register of items formed or changed in `year` to `path` (.xlsx); returns the row count.
    The workbook opens on a print sheet of `layout`'s columns (default PRINT_COLUMNS on A4).

    `progress(done, total)` is called while writing; `cancel()` returning True stops with
    ExportCancelled and no file. One audit entry (action "export") records the export.
    """
    def rows() -> tuple[int, Iterable[list[Any]]]:
        calendar = load_calendar(session)
        items = list(session.scalars(select(DisclosureItem).where(
            DisclosureItem.formed_on.between(date(year, 1, 1), date(year, 12, 31)))))
        items.sort(key=lambda i: item_no_key(i.item_no, i.version_no))
        return len(items), (row_values(i, calendar) for i in items)

    return export_year_register(session, actor, REGISTER, path, year, register_title, rows,
                                **options)
