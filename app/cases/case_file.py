"""Exporting a case file (案卷): every document in a .zip with a 卷内目录 (index) in Word.

Names inside the zip are "序号_类别_文件名" in checklist order, so unpacking gives the same order
as the printed index and two documents of the same name never overwrite each other.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from app.atomic_file import atomic_write
from app.attachments import format_size, sanitise_filename
from app.cases.archive import category_label, document_content, list_documents
from app.cases.models import CaseDocument, RequestCase
from app.errors import NotFound
from app.localtime import local_date
from reports.docx_layout import add_table, add_text, add_title, format_date, new_document

INDEX_NAME = "卷内目录.docx"
INDEX_HEADERS = ("序号", "文件名称", "类别", "日期", "页数/大小", "备注")
INDEX_WIDTHS_MM = (12.0, 53.0, 35.0, 19.0, 19.0, 18.0)  # the 156 mm type area
# Dates as the archives write them (DA/T 22: eight digits, 20240506): they fit a narrow column.
# Counting page objects is enough for the scans and letters offices keep; "/Pages" is the tree.
_PDF_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


@dataclass(frozen=True)
class IndexRow:
    number: int
    filename: str
    category: str
    day: date
    extent: str
    note: str
    archive_name: str


def _extent(session: Session, doc: CaseDocument) -> str:
    size = format_size(doc.size)
    if doc.mime_type == "application/pdf":
        pages = len(_PDF_PAGE.findall(document_content(session, doc.id)))
        if pages:
            return f"{pages}页\n{size}"
    return size


def _note(doc: CaseDocument) -> str:
    parts = ["系统生成"] if doc.letter_kind else []
    if doc.note:
        parts.append(doc.note)
    return "；".join(parts)


def _archive_name(number: int, doc: CaseDocument, width: int) -> str:
    return sanitise_filename(f"{number:0{width}d}_{category_label(doc.category)}_{doc.filename}")


def build_index(case: RequestCase, rows: list[IndexRow]) -> bytes:
    """The 卷内目录 as .docx bytes: title, the case's particulars, the table, the filing lines."""
    doc = new_document()
    add_title(doc, "卷内目录")
    add_text(doc, "")
    closed_on = case.delivered_on or case.replied_on
    particulars = [
        ("受理编号", case.case_no),
        ("申请人", case.applicant_name),
        ("收到申请日期", format_date(case.received_on)),
        ("办结日期", format_date(closed_on) if closed_on else "未办结"),
    ]
    for label, value in particulars:
        # Off the character grid: LibreOffice spreads grid-snapped Latin digits over two cells.
        add_text(doc, f"{label}：{value}", align="left", grid=False)
    add_text(doc, "")
    table_rows: list[list[object]] = [list(INDEX_HEADERS)]
    for r in rows:
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


def export_case_file(session: Session, case_id: int, out_zip: Path) -> Path:
    """Write the case's documents and 卷内目录.docx to `out_zip` (complete or not at all)."""
    case = session.get(RequestCase, case_id)
    if case is None:
        raise NotFound("该依申请公开案件不存在，可能已被删除。请刷新列表。")
    docs = list_documents(session, case_id)
    width = max(2, len(str(len(docs))))
    rows = []
    for number, doc in enumerate(docs, start=1):
        rows.append(
            IndexRow(number, doc.filename, category_label(doc.category), local_date(doc.added_at),
                     _extent(session, doc), _note(doc), _archive_name(number, doc, width))
        )
    index = build_index(case, rows)

    def write(tmp: Path) -> None:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            zf.writestr(INDEX_NAME, index)
            for row, doc in zip(rows, docs, strict=True):
                # One document's bytes at a time: a case file with recordings can be large.
                zf.writestr(row.archive_name, document_content(session, doc.id))

    return atomic_write(out_zip, write)

