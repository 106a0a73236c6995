"""Exporting a case file (案卷): every document in a .zip with a 卷内目录 (index) in Word.

The export pipeline: the role is checked here, the index rows are gathered as plain data, the
writer in reports/case_file.py fills the .zip (temp name, then rename), and the export is audited
on the case. Run it with `app.export_unit.run_export` (the case's 案卷材料 panel does).

Names inside the zip are "序号_类别_文件名" in checklist order, so unpacking gives the same order
as the printed index and two documents of the same name never overwrite each other.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy.orm import Session

from app.attachments import format_size, sanitise_filename
from app.cases.archive import category_label, document_content, list_documents
from app.cases.models import CaseDocument, RequestCase
from app.cases.register_export import EXPORT_ROLES
from app.context import Actor
from app.db.lookup import get_or_not_found
from app.errors import ValidationError
from app.export_unit import record_export
from app.localtime import local_date
from reports.case_file import INDEX_NAME, CaseParticulars, IndexRow, build_index, write_case_file

__all__ = ["EXPORT_ROLES", "INDEX_NAME", "IndexRow", "build_index", "export_case_file"]

# Counting page objects is enough for the scans and letters offices keep; "/Pages" is the tree.
_PDF_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


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


def export_case_file(session: Session, actor: Actor, case_id: int, out_zip: Path) -> Path:
    """Write the case's documents and 卷内目录.docx to `out_zip` (complete or not at all) and audit it.

    The case file holds the applicant's personal data: it leaves the program only for those who may
    take the register out (EXPORT_ROLES)."""
    actor.require(*EXPORT_ROLES)
    if out_zip.suffix.lower() != ".zip":
        raise ValidationError(f"文件名“{out_zip.name}”应以 .zip 结尾。", field="path")
    case = get_or_not_found(session, RequestCase, case_id, "该依申请公开案件不存在，可能已被删除。请刷新列表。")
    docs = list_documents(session, case_id)
    width = max(2, len(str(len(docs))))
    rows = [IndexRow(number, doc.filename, category_label(doc.category), local_date(doc.added_at),
                     _extent(session, doc), _note(doc), _archive_name(number, doc, width))
            for number, doc in enumerate(docs, start=1)]
    particulars = CaseParticulars(case.case_no, case.applicant_name, case.received_on,
                                  case.delivered_on or case.replied_on)

    def contents() -> Iterator[bytes]:
        for doc in docs:  # one document's bytes at a time: a case file with recordings can be large
            yield document_content(session, doc.id)

    written = write_case_file(out_zip, particulars, rows, contents())
    record_export(session, actor, "request_case", case.id, after={"文件": str(written), "材料件数": len(rows)},
                  summary=f"导出案件{case.case_no}的案卷（{len(rows)} 件材料，{written.name}）")
    return written
