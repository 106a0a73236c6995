"""政府信息公开目录 as Excel (print sheet first) or Word, from plain sections (app.disclosure.catalogue
gathers them). `step(done)` is called before each section, so the caller can report progress and
stop a cancelled export; the file itself is written by the caller's atomic writer."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

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
Step = Callable[[int], None]


@dataclass(frozen=True)
class CatalogueEntry:
    doc_no: str
    title: str
    published_on: date
    url: str
    repealed_on: date | None


@dataclass(frozen=True)
class CatalogueSection:
    heading: str  # 一、机构职能 …
    entries: tuple[CatalogueEntry, ...]


def repealed_note(entry: CatalogueEntry) -> str:
    return f"已于{format_date(entry.repealed_on)}废止" if entry.repealed_on else ""


def write_catalogue_xlsx(tmp: Path, title: str, sections: Sequence[CatalogueSection], step: Step) -> None:
    def rows() -> Iterator[list[Any]]:
        done = 0
        for section in sections:
            step(done)
            if not section.entries:
                yield ["", section.heading, "", EMPTY_TEXT, None, "", ""]
            for number, e in enumerate(section.entries, start=1):
                done += 1
                yield [number, section.heading, e.doc_no, e.title, e.published_on, e.url, repealed_note(e)]

    # 文号 does not wrap: its column holds a whole 文号 (锦府办发〔2024〕123号 is about 20 units).
    wrap = {XLSX_HEADERS.index(h) for h in ("类别", "标题", "网址", "备注")}
    save_register(tmp, "政府信息公开目录", title, XLSX_HEADERS, XLSX_WIDTHS, rows(), wrap_columns=wrap,
                  layout=PrintLayout(XLSX_HEADERS))


def write_catalogue_docx(tmp: Path, title: str, scope: str, sections: Sequence[CatalogueSection], step: Step) -> None:
    doc = new_document()
    add_title(doc, title)
    add_text(doc, scope, font=FONT_KAI, align="center")
    done = 0
    for section in sections:
        step(done)
        # A heading never ends a page with its table on the next one.
        add_heading(doc, 1, section.heading).paragraph_format.keep_with_next = True
        if not section.entries:
            add_body(doc, EMPTY_TEXT)
            continue
        rows: list[list[object]] = [list(DOCX_HEADERS)]
        for number, e in enumerate(section.entries, start=1):
            note = repealed_note(e)
            rows.append([number, e.doc_no, e.title + (f"（{note}）" if note else ""),
                         e.published_on.isoformat(), ""])
        table = add_table(doc, rows, widths_mm=DOCX_WIDTHS_MM)
        for r, e in enumerate(section.entries, start=1):
            set_cell_text(table.cell(r, 3), e.published_on.isoformat(), align="center")
            set_cell_text(table.cell(r, 4), e.url, size_pt=URL_PT, align="left")
        done += len(section.entries)
    doc.save(str(tmp))
