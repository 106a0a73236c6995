"""Import an Excel request register (REGISTER.md): check everything first, then write.

All-or-nothing by default: every row is parsed and checked before anything touches the session,
so a refused import leaves the caller's transaction exactly as it was. Speed: the existing case
numbers are loaded once, the calendar once, and the new cases go in as one executemany INSERT.

Audit: one entry per import, not one per case. It names the file, its SHA-256, the counts and
every imported 受理编号, which is what proves later where a case's data came from (the file can be
matched to the hash), while 10,000 per-case entries would each re-chain the audit log and add
nothing a court could not read from the file itself.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.audit.service import record
from app.auth.roles import Role
from app.cases.deadlines import DeadlineInput, Pause, compute
from app.cases.enums import CaseStatus, ConsultationKind
from app.cases.models import Consultation, RequestCase
from app.cases.outcomes import REPLY_TYPES, Outcome, ReplyType
from app.cases.recompute import consultation_pause, party_due
from app.cases.register_checks import read_row
from app.cases.register_rows import (
    DATE_HEADERS,
    ERROR,
    FIXED_DUE_REMARK,
    HEADERS,
    REQUIRED_HEADERS,
    WARNING,
    Problem,
    RegisterRow,
    cell_text,
    date_serial,
)
from app.cases.search import build_search_text
from app.context import Actor
from app.errors import UserError
from app.import_text import strip_invisible
from app.numbering import ensure_at_least
from app.settings import get_setting
from app.workdays.calendar import WorkCalendar
from app.workdays.service import load_calendar
from reports.xlsx_sheet import read_table

IMPORT_ROLES = (Role.DISCLOSURE_STAFF, Role.ADMIN)
RECEIPT_RULE = "按登记台账导入（收到申请日期以台账记载为准）"
# The register does not say whom a case consulted; an imported consultation is a third party
# (条例第三十二条, the register's usual meaning) unless 备注 says otherwise.
UNKNOWN_PARTY = "（登记台账未载明）"
_DEPARTMENT_WORDS = re.compile(r"部门|协商|会商|单位意见")


@dataclass
class ImportReport:
    file_name: str
    rows_total: int = 0  # data rows in the sheet (blank rows not counted)
    rows_ok: int = 0  # rows without errors
    imported: int = 0  # cases written (0 for a check or a refused import)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]

    @property
    def bad_rows(self) -> int:
        return len({p.row for p in self.errors})

    def lines(self) -> list[str]:
        """One line a problem: 第N行 列名：原因 (warnings marked 提示), in row order."""
        return [p.line() for p in sorted(self.problems, key=lambda p: (p.row, HEADERS_ORDER.get(p.column, 99)))]

    def summary(self) -> str:
        text = f"“{self.file_name}”共 {self.rows_total} 行，无错误 {self.rows_ok} 行"
        if self.bad_rows:
            text += f"，有错误 {self.bad_rows} 行"
        if self.warnings:
            text += f"，提示 {len(self.warnings)} 条"
        return text + f"；已导入 {self.imported} 件。"


HEADERS_ORDER = {h: i for i, h in enumerate(HEADERS)}


@dataclass
class _NewCase:
    values: dict[str, Any]  # RequestCase column values
    consultation: dict[str, Any] | None  # Consultation column values without case_id


@dataclass
class CheckedRegister:
    """A register read and checked on a read session, ready for `import_checked`."""

    report: ImportReport
    cases: list[_NewCase]  # one per row without errors
    sha256: str = ""  # of the file as read



def check_register(session: Session, path: str | Path, today: date) -> ImportReport:
    """Read and check the register at `path`; writes nothing."""
    return _check(session, Path(path), today).report


def import_register(
    session: Session, actor: Actor, path: str | Path, today: date, skip_invalid: bool = False
) -> ImportReport:
    """Import the register at `path` into the caller's transaction.

    Any error refuses the whole file (nothing is added) unless `skip_invalid`, which imports the
    rows without errors. Warnings never block. Does not commit."""
    actor.require(*IMPORT_ROLES)
    return import_checked(session, actor, read_register(session, path, today), skip_invalid)


def read_register(session: Session, path: str | Path, today: date) -> CheckedRegister:
    """Parse and check the register at `path`; writes nothing. Call it on a read session (`db.reader()`)
    so no write lock is held while a large workbook is parsed, then `import_checked` in the unit of
    work; numbers another import takes in between are refused there in Chinese."""
    path = Path(path)
    checked = _check(session, path, today)
    checked.sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
    return checked


def import_checked(
    session: Session, actor: Actor, checked: CheckedRegister, skip_invalid: bool = False
) -> ImportReport:
    """Write the rows of a register `read_register` checked, into the caller's transaction."""
    actor.require(*IMPORT_ROLES)
    report = checked.report
    sha256 = checked.sha256
    if (report.errors and not skip_invalid) or not checked.cases:
        return report
    _insert(session, checked.cases, actor.username)
    numbers = [c.values["case_no"] for c in checked.cases]
    _continue_numbering(session, "case", "docno.case", numbers)
    _continue_numbering(session, "reply", "docno.reply", [c.values["reply_doc_no"] for c in checked.cases])
    report.imported = len(checked.cases)
    skipped = report.rows_total - report.imported
    summary = f"从登记台账“{report.file_name}”导入依申请公开案件 {report.imported} 件"
    record(
        session, actor, "import", "request_register", report.file_name[:64],
        after={
            "文件": report.file_name,
            "SHA-256": sha256,
            "表格行数": report.rows_total,
            "导入件数": report.imported,
            "跳过有错误的行数": skipped,
            "提示条数": len(report.warnings),
            "受理编号": numbers,
        },
        summary=summary + (f"，跳过有错误的 {skipped} 行" if skipped else ""),
    )
    return report


def _insert(session: Session, cases: list[_NewCase], username: str) -> None:
    # Core executemany INSERTs on the tables instead of ORM objects: a fraction of the work per
    # case (the ORM bulk path would also split the batch wherever a value is None), and the ids
    # come back in parameter order for the consultations. Column defaults still apply.
    for case in cases:
        case.values["created_by"] = username
    table = cast(Table, RequestCase.__table__)
    statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    try:
        with session.begin_nested():  # a savepoint: after a refusal the transaction can still be read
            ids = session.execute(statement, [c.values for c in cases]).scalars().all()
    except IntegrityError:
        raise _conflict(session, [c.values["case_no"] for c in cases]) from None
    consultations = [
        {**c.consultation, "case_id": case_id} for c, case_id in zip(cases, ids, strict=True) if c.consultation
    ]
    if consultations:
        session.execute(insert(cast(Table, Consultation.__table__)), consultations)


def _conflict(session: Session, numbers: list[str]) -> UserError:
    """Another import or registration committed the same 受理编号 after this one checked them (two PCs
    importing at once on PostgreSQL): said in Chinese, never the statement or its values."""
    taken = sorted(set(session.scalars(select(RequestCase.case_no).where(RequestCase.case_no.in_(numbers)))))
    shown = "、".join(f"“{n}”" for n in taken[:5]) + (f"等 {len(taken)} 个编号" if len(taken) > 5 else "")
    return UserError(
        f"导入时受理编号{shown or '（未能确定是哪些）'}已被另一台电脑同时导入或登记的案件占用，"
        "本次未导入任何案件。请稍后重新导入：检查结果会列出已存在的编号，可删去这些行或勾选“仅导入无误的行”。"
    )


def _existing_numbers(session: Session) -> set[str]:
    return set(session.scalars(select(RequestCase.case_no)))


def _check(session: Session, path: Path, today: date) -> CheckedRegister:
    existing = _existing_numbers(session)
    calendar = load_calendar(session)
    report = ImportReport(path.name)
    cases: list[_NewCase] = []
    rows_of: list[int] = []  # the Excel row of each case, for the checks across rows
    seen: dict[str, int] = {}
    with read_table(path, REQUIRED_HEADERS) as table:
        present = [(h, table.columns[h]) for h in HEADERS if h in table.columns]
        epoch = table.epoch
        for excel_row, values in table.rows():
            report.rows_total += 1
            cells, cleaned = _clean_cells({h: values[i] for h, i in present}, excel_row, epoch)
            row, problems = read_row(cells, excel_row, today)
            problems[:0] = cleaned
            case_no = cell_text(cells.get("受理编号"))
            if case_no in seen:
                message = f"受理编号“{case_no}”与第{seen[case_no]}行重复。"
                problems.append(Problem(excel_row, "受理编号", message, ERROR))
                row = None
            elif case_no in existing:
                problems.append(Problem(excel_row, "受理编号", f"受理编号“{case_no}”在系统中已存在。", ERROR))
                row = None
            if case_no:
                seen.setdefault(case_no, excel_row)
            if row is not None:
                case = new_case(row, calendar, today)
                due = case.values["due_on"]
                if row.due_on is not None and row.due_on != due:
                    computed = due.isoformat() if due else "（待补正，尚未起算）"
                    problems.append(Problem(
                        excel_row, "答复期限",
                        f"台账中的答复期限 {row.due_on.isoformat()} 与按规则计算的 {computed} 不同，将按计算结果保存。",
                        WARNING,
                    ))
                cases.append(case)
                rows_of.append(excel_row)
                report.rows_ok += 1
            report.problems.extend(problems)
    report.problems.extend(_repeat_warnings(session, cases, rows_of))
    return CheckedRegister(report, cases)


def _clean_cells(cells: dict[str, Any], excel_row: int, epoch: datetime) -> tuple[dict[str, Any], list[Problem]]:
    """Direction, zero-width and control characters removed from text cells (a warning per cell
    naming row and column); bare date serials of a 1904-date-system workbook read as its dates."""
    notes: list[Problem] = []
    for header, value in cells.items():
        if isinstance(value, str):
            text, note = strip_invisible(value)
            if note:
                cells[header] = text
                notes.append(Problem(excel_row, header, note, WARNING))
        elif header in DATE_HEADERS:
            cells[header] = date_serial(value, epoch)
    return cells, notes


def _repeat_warnings(session: Session, cases: list[_NewCase], rows_of: list[int]) -> list[Problem]:
    """重复申请 names an earlier answered request of the same applicant (RULES.md C.8): a row without
    one, in the file or in the database, is a warning (old registers stay importable)."""
    repeated = ReplyType.REPEATED
    marked = [(c, r) for c, r in zip(cases, rows_of, strict=True)
              if c.values["outcome"] == repeated.outcome.value and c.values["outcome_detail"] == repeated.fixed_detail]
    if not marked:
        return []
    answered: list[tuple[str, str, date, str]] = [
        (v["applicant_name"], v["id_number"], v["received_on"], v["case_no"])
        for v in (c.values for c in cases) if v["replied_on"] is not None
    ]
    names = {c.values["applicant_name"] for c, _ in marked}
    answered += [(name, number, received, no) for name, number, received, no in session.execute(
        select(RequestCase.applicant_name, RequestCase.id_number, RequestCase.received_on, RequestCase.case_no)
        .where(RequestCase.applicant_name.in_(names), RequestCase.replied_on.is_not(None)))]
    problems = []
    for case, excel_row in marked:
        v = case.values
        earlier = [no for name, number, received, no in answered
                   if no != v["case_no"] and received <= v["received_on"]
                   and (name == v["applicant_name"] or (number and number == v["id_number"]))]
        if not earlier:
            problems.append(Problem(
                excel_row, "具体情形",
                "具体情形为“重复申请”，但台账和系统中都没有同一申请人此前已答复的申请；请在备注中写明前次申请的受理编号。",
                WARNING,
            ))
    return problems


def consultation_kind(remarks: str) -> ConsultationKind:
    """Whom the register's consultation went to, as far as 备注 tells; third party otherwise."""
    if "第三方" in remarks:
        return ConsultationKind.THIRD_PARTY
    if "共同制作" in remarks:
        return ConsultationKind.CO_PRODUCER
    if _DEPARTMENT_WORDS.search(remarks):
        return ConsultationKind.DEPARTMENT
    return ConsultationKind.THIRD_PARTY


def reply_type_for(outcome: Outcome, detail: int | None) -> ReplyType:
    """The reply type a register's 办理结果/具体情形 most plausibly stands for, so imported cases
    look like cases the program handled (letters and the annual report read the reply type)."""
    generic: ReplyType | None = None
    for reply_type, info in REPLY_TYPES.items():
        if info.outcome is not outcome:
            continue
        if info.detail is not None and info.detail == detail:
            return reply_type
        if info.detail is None and generic is None:
            generic = reply_type
    return generic or ReplyType.OTHER


def new_case(row: RegisterRow, calendar: WorkCalendar, today: date) -> _NewCase:
    """The column values of the case (and its consultation) that `row` describes, with status,
    due date and search text computed as app.cases.recompute would (a test keeps them in step)."""
    if row.replied_on is not None:
        status = CaseStatus.CLOSED
    elif row.correction_notice_on is not None and row.correction_received_on is None:
        status = CaseStatus.AWAITING_CORRECTION
    else:
        status = CaseStatus.IN_PROGRESS
    consultation: dict[str, Any] | None = None
    pauses: tuple[Pause, ...] = ()
    if row.consultation_sent_on is not None:
        kind = row.consultation_kind or consultation_kind(row.remarks)
        delivered = row.consultation_delivered_on
        consultation = dict(
            kind=kind.value, party=UNKNOWN_PARTY, matter="", sent_on=row.consultation_sent_on,
            due_on=party_due(calendar, kind.value, row.consultation_sent_on, delivered),
            delivered_on=delivered, answered_on=row.consultation_answered_on, opinion="", opinion_text="",
            decision="", decision_reason="",
        )
        pauses = (consultation_pause(kind.value, UNKNOWN_PARTY, row.consultation_sent_on,
                                     row.consultation_answered_on, delivered),)
    # A 答复期限 the register says was fixed under 条例第三十五条 is kept as that date, not recomputed.
    fixed = row.due_on if row.due_on is not None and FIXED_DUE_REMARK in row.remarks else None
    deadline = compute(calendar, DeadlineInput(
        received_on=row.received_on, correction_received_on=row.correction_received_on,
        awaiting_correction=status is CaseStatus.AWAITING_CORRECTION, pauses=pauses,
        extended=row.extension_notified_on is not None, fixed_due=fixed,
    ), today)
    delivery = row.delivery_method.value if row.delivery_method else ""
    values: dict[str, Any] = dict(
        case_no=row.case_no, status=status.value, applicant_type=row.applicant_type.value,
        applicant_name=row.applicant_name, id_type="", id_number=row.id_number, legal_representative="",
        contact_person="", phone=row.phone, email=row.email, address=row.address, postcode="",
        agent_name="", agent_id_number="", agent_phone="", has_power_of_attorney=False,
        channel=row.channel.value, submitted_on=row.submitted_on, channel_date=None,
        received_on=row.received_on, receipt_rule=RECEIPT_RULE, content=row.content, info_reference="",
        form_wanted="", delivery_method=delivery, due_on=deadline.due, due_unconfirmed=not deadline.confirmed,
        correction_notice_on=row.correction_notice_on, correction_items="", correction_due_on=None,
        correction_received_on=row.correction_received_on,
        extension_notified_on=row.extension_notified_on, extension_reason="",
        fee_notice_on=None, fee_amount=None, fee_paid_on=None,
        reply_type=reply_type_for(row.outcome, row.outcome_detail).value if row.outcome else "",
        outcome=row.outcome.value if row.outcome else "", outcome_detail=row.outcome_detail, reply_body="",
        reply_doc_no=row.reply_doc_no, justice_review_on=None, justice_opinion="", replied_on=row.replied_on,
        reply_delivery_method=delivery if row.replied_on else "", tracking_no=row.tracking_no, delivered_on=None,
        reconsideration_result=row.reconsideration_result.value if row.reconsideration_result else "",
        reconsideration_on=row.reconsideration_on,
        litigation_kind=row.litigation_kind.value if row.litigation_kind else "",
        litigation_result=row.litigation_result.value if row.litigation_result else "",
        litigation_on=row.litigation_on, remarks=row.remarks, handler_id=None, created_by="",
        excessive_due_on=fixed, excessive_decision="later" if fixed else "",
        excessive_decision_reason="登记台账导入（见备注）" if fixed else "",
        closed_at=datetime.combine(row.replied_on, time()) if row.replied_on else None, archived_at=None,
        search_text=build_search_text(row.case_no, row.applicant_name, row.id_number, row.content),
    )
    return _NewCase(values, consultation)


def _continue_numbering(session: Session, kind: str, setting: str, numbers: list[str]) -> None:
    """Numbers drawn later (counter `kind`, pattern `setting`) must not collide with imported ones
    of the same pattern and year."""
    pattern = number_regex(str(get_setting(session, setting)), str(get_setting(session, "org.short_name")))
    highest: dict[int, int] = {}
    for number in numbers:
        m = pattern.fullmatch(number)
        if m:
            year, n = int(m["year"]), int(m["n"])
            highest[year] = max(highest.get(year, 0), n)
    for year, n in highest.items():
        ensure_at_least(session, kind, year, n)


def number_regex(pattern: str, short_name: str) -> re.Pattern[str]:
    """A regex matching the numbers `pattern` ("{short}依申〔{year}〕{n}号") produces."""
    first = {"{short}": re.escape(short_name), "{year}": r"(?P<year>\d{4})", "{n}": r"(?P<n>\d+)"}
    again = {"{short}": re.escape(short_name), "{year}": "(?P=year)", "{n}": "(?P=n)"}
    out: list[str] = []
    for piece in re.split(r"(\{short\}|\{year\}|\{n\})", pattern):
        if piece in first:
            out.append(first[piece] if (first[piece] not in out) else again[piece])
        else:
            out.append(re.escape(piece))
    return re.compile("".join(out))
