"""The case file (案卷) as a .zip: 卷内目录.docx (the index) followed by every document.

Plain data in, a file out: the caller (app.cases.case_file) gathers the rows and hands the
documents' bytes one at a time, so a case file with recordings is never held in memory whole.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.atomic_file import atomic_write
from reports.docx_layout import add_table, add_text, add_title, format_date, new_document

INDEX_NAME = "卷内目录.docx"
INDEX_HEADERS = ("序号", "文件名称", "类别", "日期", "页数/大小", "备注")
INDEX_WIDTHS_MM = (12.0, 53.0, 35.0, 19.0, 19.0, 18.0)  # the 156 mm type area


@dataclass(frozen=True)
class CaseParticulars:
    case_no: str
    applicant_name: str
    received_on: date
    closed_on: date | None


@dataclass(frozen=True)
class IndexRow:
    number: int
    filename: str
    category: str
    day: date
    extent: str
    note: str
    archive_name: str


def build_index(case: CaseParticulars, rows: list[IndexRow]) -> bytes:
    """The 卷内目录 as .docx bytes: title, the case's particulars, the table, the filing lines."""
    doc = new_document()
    add_title(doc, "卷内目录")
    add_text(doc, "")
    particulars = [
        ("受理编号", case.case_no),
        ("申请人", case.applicant_name),
        ("收到申请日期", format_date(case.received_on)),
        ("办结日期", format_date(case.closed_on) if case.closed_on else "未办结"),
    ]
    for label, value in particulars:
        # Off the character grid: LibreOffice spreads grid-snapped Latin digits over two cells.
        add_text(doc, f"{label}：{value}", align="left", grid=False)
    add_text(doc, "")
    table_rows: list[list[object]] = [list(INDEX_HEADERS)]
    for r in rows:
        # Dates as the archives write them (DA/T 22: eight digits, 20240506): they fit a narrow column.
        table_rows.append([r.number, r.filename, r.category, r.day.strftime("%Y%m%d"), r.extent, r.note])
    if not rows:
        table_rows.append(["", "（本案卷暂无材料）", "", "", "", ""])
    add_table(doc, table_rows, widths_mm=INDEX_WIDTHS_MM)
    add_text(doc, "")
    add_text(doc, f"本卷共 {len(rows)} 件。", align="left", grid=False)
    add_text(doc, "立卷人：　　　　　　　　检查人：", align="left", grid=False)
    add_text(doc, "立卷日期：　　　　年　　月　　日", align="left", grid=False)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def write_case_file(out_zip: Path, case: CaseParticulars, rows: list[IndexRow], contents: Iterable[bytes]) -> Path:
    """Write the index and `contents` (one document's bytes per row, in order) to `out_zip`, complete or not at all."""
    index = build_index(case, rows)

    def write(tmp: Path) -> None:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            zf.writestr(INDEX_NAME, index)
            for row, content in zip(rows, contents, strict=True):
                zf.writestr(row.archive_name, content)

    return atomic_write(out_zip, write)
