"""The public 政府信息公开目录: what has been published, by the twelve categories of 第四条.

For each item the latest version published by the cut-off date is listed (a changed document
replaces its earlier version in the catalogue, as it does on the portal). Categories keep the
rule's order and all twelve appear; an empty one says so, so a reader sees it was not forgotten.
Excel for the office's own use and for filtering; Word in the official layout (RULES.md E) for
printing and for the portal's 目录 page.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.atomic_file import atomic_write
from app.context import Actor
from app.disclosure.enums import CATEGORIES
from app.disclosure.models import DisclosureItem
from app.disclosure.queries import CHINESE_NUMERALS, item_no_key
from app.disclosure.register_export import EXPORT_ROLES
from app.errors import ValidationError
from app.export_progress import CancelFlag, Progress, tick
from app.export_unit import record_export
from app.settings import get_setting
from app.years import check_year
from reports.docx_layout import (
    FONT_KAI,
    add_body,
    add_heading,
    add_table,
    add_text,
    add_title,
    format_date,
    new_document,
    set_cell_text,
)
from reports.xlsx_print import PrintLayout, save_register

EMPTY_TEXT = "本类暂无公开信息"
XLSX_HEADERS = ("序号", "类别", "文号", "标题", "发布日期", "网址", "备注")
XLSX_WIDTHS = (7, 40, 22, 48, 12, 42, 22)
DOCX_HEADERS = ("序号", "文号", "标题", "发布日期", "网址")
# 156 mm of type area. 文号 holds a whole 锦府办发〔2024〕123号 on one line at 10.5 pt (110 pt +
# 10.8 pt of cell margins = 42.7 mm); dates are written 2024-10-23, which fits one line where
# 2024年10月23日 would wrap; URLs print at 9 pt, wrapping where they must.
DOCX_WIDTHS_MM = (10.0, 44.0, 46.0, 24.0, 32.0)
URL_PT = 9.0


@dataclass(frozen=True)
class CatalogueEntry:
    doc_no: str
    title: str
    published_on: date
    url: str
    repealed_on: date | None


@dataclass(frozen=True)
class CatalogueSection:
    index: int  # into CATEGORIES
    entries: tuple[CatalogueEntry, ...]

    @property
    def heading(self) -> str:
        return f"{CHINESE_NUMERALS[self.index]}、{CATEGORIES[self.index]}"


def catalogue_sections(session: Session, until: date | None = None) -> list[CatalogueSection]:
    """All twelve categories with the items published up to `until` (None: everything so far)."""
    query = select(DisclosureItem).where(DisclosureItem.published_on.is_not(None))
    if until is not None:
        query = query.where(DisclosureItem.published_on <= until)
    latest: dict[str, DisclosureItem] = {}
    for item in session.scalars(query):
        kept = latest.get(item.item_no)
        if kept is None or item.version_no > kept.version_no:
            latest[item.item_no] = item
    by_category: dict[int, list[DisclosureItem]] = {i: [] for i in range(len(CATEGORIES))}
    for item in latest.values():
        by_category.setdefault(item.category, []).append(item)
    sections = []
    for index in range(len(CATEGORIES)):
        items = sorted(by_category[index], key=lambda i: (i.published_on or date.min, item_no_key(i.item_no)))
        sections.append(CatalogueSection(index, tuple(
            CatalogueEntry(i.doc_no, i.title, i.published_on or date.min, i.url,
                           i.repealed_on if until is None or (i.repealed_on and i.repealed_on <= until) else None)
            for i in items
        )))
    return sections


def cut_off(year: int | None) -> date | None:
    if year is None:
        return None
    check_year(year)
    return date(year, 12, 31)


def catalogue_title(session: Session) -> str:
    return f"{get_setting(session, 'org.name')}政府信息公开目录"


def _scope(until: date | None, today: date) -> str:
    return f"（截至{format_date(until or today)}）"


def _repealed_note(entry: CatalogueEntry) -> str:
    return f"已于{format_date(entry.repealed_on)}废止" if entry.repealed_on else ""


def _write_xlsx(tmp: Path, title: str, sections: list[CatalogueSection], progress: Progress | None,
                cancel: CancelFlag | None, total: int) -> None:
    def rows() -> Iterator[list[Any]]:
        done = 0
        for section in sections:
            tick(done, total, progress, cancel)
            if not section.entries:
                yield ["", section.heading, "", EMPTY_TEXT, None, "", ""]
            for number, e in enumerate(section.entries, start=1):
                done += 1
                yield [number, section.heading, e.doc_no, e.title, e.published_on, e.url, _repealed_note(e)]

    # 文号 does not wrap: its column holds a whole 文号 (锦府办发〔2024〕123号 is about 20 units).
    wrap = {XLSX_HEADERS.index(h) for h in ("类别", "标题", "网址", "备注")}
    save_register(tmp, "政府信息公开目录", title, XLSX_HEADERS, XLSX_WIDTHS, rows(), wrap_columns=wrap,
                  layout=PrintLayout(XLSX_HEADERS))


def _write_docx(tmp: Path, title: str, scope: str, sections: list[CatalogueSection], progress: Progress | None,
                cancel: CancelFlag | None, total: int) -> None:
    doc = new_document()
    add_title(doc, title)
    add_text(doc, scope, font=FONT_KAI, align="center")
    done = 0
    for section in sections:
        tick(done, total, progress, cancel)
        # A heading never ends a page with its table on the next one.
        add_heading(doc, 1, section.heading).paragraph_format.keep_with_next = True
        if not section.entries:
            add_body(doc, EMPTY_TEXT)
            continue
        rows: list[list[object]] = [list(DOCX_HEADERS)]
        for number, e in enumerate(section.entries, start=1):
            note = _repealed_note(e)
            rows.append([number, e.doc_no, e.title + (f"（{note}）" if note else ""),
                         e.published_on.isoformat(), ""])
        table = add_table(doc, rows, widths_mm=DOCX_WIDTHS_MM)
        for r, e in enumerate(section.entries, start=1):
            set_cell_text(table.cell(r, 3), e.published_on.isoformat(), align="center")
            set_cell_text(table.cell(r, 4), e.url, size_pt=URL_PT, align="left")
        done += len(section.entries)
    doc.save(str(tmp))


def export_catalogue(
    session: Session,
    actor: Actor,
    path: str | Path,
    *,
    year: int | None = None,
    today: date | None = None,
    progress: Progress | None = None,
    cancel: CancelFlag | None = None,
) -> int:
    """Write the catalogue to `path` (.xlsx or .docx); returns the number of items listed.

    With `year`, everything published up to 31 December of that year; without, everything so
    far. One audit entry (action "export") records the export after the file is written.
    """
    actor.require(*EXPORT_ROLES)
    target = Path(path)
    kind = target.suffix.lower()
    if kind not in (".xlsx", ".docx"):
        raise ValidationError(f"文件名“{target.name}”应以 .xlsx（Excel）或 .docx（Word）结尾。", field="path")
    until = cut_off(year)
    sections = catalogue_sections(session, until)
    total = sum(len(s.entries) for s in sections)
    title = catalogue_title(session)
    scope = _scope(until, today or date.today())
    tick(0, total, progress, cancel)
    if kind == ".xlsx":
        atomic_write(target, lambda tmp: _write_xlsx(tmp, title + scope, sections, progress, cancel, total))
    else:
        atomic_write(target, lambda tmp: _write_docx(tmp, title, scope, sections, progress, cancel, total))
    if progress is not None:
        progress(total, total)
    record_export(session, actor, "disclosure_catalogue", str(year or "all"),
           after={"文件": target.name, "条数": total, "范围": scope.strip("（）")},
           summary=f"导出政府信息公开目录{scope} {total} 条（{target.name}）")
    return total
