"""The public 政府信息公开目录: what has been published, by the twelve categories of 第四条.

For each item the latest version published by the cut-off date is listed (a changed document
replaces its earlier version in the catalogue, as it does on the portal). Categories keep the
rule's order and all twelve appear; an empty one says so, so a reader sees it was not forgotten.
Excel for the office's own use and for filtering; Word in the official layout (RULES.md E) for
printing and for the portal's 目录 page. The writers are reports/disclosure_catalogue.py (plain sections in).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

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
from reports.disclosure_catalogue import (
    CatalogueEntry,
    CatalogueSection,
    write_catalogue_docx,
    write_catalogue_xlsx,
)
from reports.docx_layout import format_date


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
        sections.append(CatalogueSection(f"{CHINESE_NUMERALS[index]}、{CATEGORIES[index]}", tuple(
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
    def step(done: int) -> None:
        tick(done, total, progress, cancel)

    step(0)
    if kind == ".xlsx":
        atomic_write(target, lambda tmp: write_catalogue_xlsx(tmp, title + scope, sections, step))
    else:
        atomic_write(target, lambda tmp: write_catalogue_docx(tmp, title, scope, sections, step))
    if progress is not None:
        progress(total, total)
    record_export(session, actor, "disclosure_catalogue", str(year or "all"),
           after={"文件": target.name, "条数": total, "范围": scope.strip("（）")},
           summary=f"导出政府信息公开目录{scope} {total} 条（{target.name}）")
    return total
