"""Export request cases to the Excel register (REGISTER.md), ready to print on A4 landscape.

Speed: cases are read as plain result rows (no ORM objects, no identity map), consultations as
one grouped query, and both sheets are streamed through openpyxl's write-only workbook one XML
string a row (`reports.xlsx_rows`, under a bare openpyxl loop's time). The file appears only when
complete (`app.atomic_file.atomic_write`), so a cancelled or failed export leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from app.atomic_file import atomic_write
from app.audit.anchor import footer_code
from app.auth.roles import Role
from app.cases.models import Consultation, RequestCase
from app.cases.register_rows import HEADERS, WIDTHS, case_cells
from app.context import Actor
from app.errors import ValidationError
from app.export_progress import CancelFlag, Progress, tick
from app.export_unit import record_export
from app.settings import get_setting
from reports.xlsx_print import PrintLayout, save_register

# Who may take the register (personal data of applicants) out of the program.
EXPORT_ROLES = (Role.DISCLOSURE_STAFF, Role.ADMIN, Role.LEADER_IN_CHARGE, Role.PRINCIPAL_LEADER)
SHEET_NAME = "依申请公开登记台账"
# Progress and cancel are checked once per this many rows: often enough for a responsive
# progress bar, rarely enough to cost nothing measurable.
STEP = 250
# No wrapped-text columns in the full sheet: a wrap style on every 申请内容 cell costs a third more
# time than the whole bare write (budget: 1.5×). Paper gets the print sheet, which wraps.
# What the paper file shows by default (the export dialog lets an office choose and remembers).
PRINT_COLUMNS: tuple[str, ...] = (
    "受理编号", "申请人", "申请方式", "收到申请日期", "申请内容", "答复期限", "答复日期", "办理结果", "具体情形",
    "答复书文号", "送达方式",
)
PRINT_WRAP = frozenset(HEADERS.index(h) for h in (
    "受理编号", "申请人类型", "申请人", "证件号码", "电子邮箱", "通信地址", "申请内容", "具体情形", "答复书文号",
    "邮寄单号", "行政诉讼类型", "备注",
))

# Exactly the case columns a register row needs (see case_cells).
_CASE_COLUMNS = (
    RequestCase.id, RequestCase.case_no, RequestCase.applicant_type, RequestCase.applicant_name,
    RequestCase.channel, RequestCase.received_on, RequestCase.content, RequestCase.id_number,
    RequestCase.phone, RequestCase.email, RequestCase.address, RequestCase.submitted_on,
    RequestCase.correction_notice_on, RequestCase.correction_received_on, RequestCase.extension_notified_on,
    RequestCase.due_on, RequestCase.replied_on, RequestCase.outcome, RequestCase.outcome_detail,
    RequestCase.reply_doc_no, RequestCase.delivery_method, RequestCase.reply_delivery_method,
    RequestCase.tracking_no, RequestCase.reconsideration_result, RequestCase.reconsideration_on,
    RequestCase.litigation_kind, RequestCase.litigation_result, RequestCase.litigation_on, RequestCase.remarks,
    RequestCase.excessive_due_on,  # 条例第三十五条: 备注 names a fixed 答复期限 (register_rows.remarks_of)
)


def year_conditions(year: int) -> list[ColumnElement[bool]]:
    """Cases received in `year` (a register is kept per year of 收到申请日期)."""
    return [RequestCase.received_on >= date(year, 1, 1), RequestCase.received_on <= date(year, 12, 31)]


def register_title(session: Session, year: int | None, note: str = "") -> str:
    org = str(get_setting(session, "org.name"))
    scope = f"{year}年" if year is not None else (note or "全部")
    if year is not None and note:
        scope = f"{scope}，{note}"
    return f"{org}政府信息依申请公开登记台账（{scope}）"


def export_register(
    session: Session,
    actor: Actor,
    path: str | Path,
    *,
    year: int | None = None,
    conditions: Sequence[ColumnElement[bool]] = (),
    note: str = "",
    progress: Progress | None = None,
    cancel: CancelFlag | None = None,
    layout: PrintLayout | None = None,
) -> int:
    """Write the register of the selected cases to `path` (.xlsx); returns the number of cases.

    The workbook opens on a print sheet of `layout`'s columns (default PRINT_COLUMNS on A4),
    readable on paper as it is; the full sheet beside it holds every column for import.

    The selection is the cases received in `year` and/or those matching `conditions` (WHERE
    clauses on RequestCase, e.g. the case list's current filter); `note` describes a filter in
    the title. `progress(done, total)` is called while writing; `cancel()` returning True stops
    the export with ExportCancelled and no file. One audit entry records the export.
    """
    actor.require(*EXPORT_ROLES)
    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        raise ValidationError(f"文件名“{target.name}”应以 .xlsx 结尾。", field="path")
    where = [*(year_conditions(year) if year is not None else ()), *conditions]
    total = session.scalar(select(func.count()).select_from(RequestCase).where(*where)) or 0
    consult = _consultation_spans(session, where)
    title = register_title(session, year, note)
    code = footer_code(session)

    def rows() -> Iterator[list[Any]]:
        query = select(*_CASE_COLUMNS).where(*where).order_by(RequestCase.received_on, RequestCase.id)
        cases = session.execute(query.execution_options(yield_per=2000))
        for done, case in enumerate(cases, start=1):
            sent, answered, kind, delivered = consult.get(case.id, (None, None, None, None))
            yield case_cells(case, sent, answered, kind, delivered)
            if done % STEP == 0:
                tick(done, total, progress, cancel)

    def writer(tmp: Path) -> None:
        save_register(tmp, SHEET_NAME, title, HEADERS, WIDTHS, rows(), layout=layout or PrintLayout(PRINT_COLUMNS),
                      print_wrap=PRINT_WRAP, footer_note=code)

    tick(0, total, progress, cancel)
    atomic_write(target, writer)
    if progress is not None:
        progress(total, total)
    record_export(
        session, actor, "request_register", str(year or "selection"),
        after={"文件": target.name, "件数": total, "范围": title},
        summary=f"导出依申请公开登记台账 {total} 件（{target.name}）",
    )
    return total


def _consultation_spans(
    session: Session, where: Sequence[ColumnElement[bool]]
) -> dict[int, tuple[date | None, date | None, str | None, date | None]]:
    """Per case: the earliest 发出 and, when every consultation came back, the latest 收回; and
    the 对象 and 送达日期 of the first consultation sent.

    The register has a single pair of columns; a case consulted twice shows the whole span."""
    selected = select(RequestCase.id).where(*where)
    query = (
        select(
            Consultation.case_id,
            func.min(Consultation.sent_on),
            func.max(Consultation.answered_on),
            func.count(Consultation.id),
            func.count(Consultation.answered_on),
        )
        .where(Consultation.case_id.in_(selected))
        .group_by(Consultation.case_id)
    )
    first: dict[int, tuple[str, date | None]] = {}
    firsts = (select(Consultation.case_id, Consultation.kind, Consultation.delivered_on)
              .where(Consultation.case_id.in_(selected))
              .order_by(Consultation.case_id, Consultation.sent_on, Consultation.id))
    for case_id, kind, delivered in session.execute(firsts):
        first.setdefault(case_id, (kind, delivered))
    return {
        case_id: (sent, answered if n_answered == n else None, *first.get(case_id, (None, None)))
        for case_id, sent, answered, n, n_answered in session.execute(query)
    }
