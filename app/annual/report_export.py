"""Exporting the annual report (Word or Excel), the same rules for the tab and the command line.

A report is published as it comes out, so what cannot be published is refused or marked:
- parts 一 and 五 are the office's own words; empty, the file would print an instruction instead,
  so the export is refused, naming the part;
- a year that has not ended has figures that will still change: the document says 草稿 unless
  the office confirms it wants it as final (`final=True`).
`export_annual_report` is the use case the tab and the command line both run through
`app.export_unit.run_export`: role check, `prepare` (read), the reports/ writer (atomic), then the
export's audit entry, appended once the file exists.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from app.annual.layout import PART_TITLES
from app.annual.service import ReportData, compute
from app.audit.anchor import footer_code
from app.auth.roles import Role
from app.context import Actor
from app.errors import ValidationError
from app.export_unit import record_export

__all__ = ["EXPORT_ROLES", "Prepared", "check_export", "draft_note", "empty_text_parts", "export_annual_report",
           "prepare", "write", "year_ended"]

SUFFIXES = (".docx", ".xlsx")
# Who writes, locks or signs off the report takes it out; 信息采编员 work on the website, not on it.
EXPORT_ROLES = (Role.DISCLOSURE_STAFF, Role.SECTION_HEAD, Role.LEADER_IN_CHARGE, Role.PRINCIPAL_LEADER, Role.ADMIN)


@dataclass(frozen=True)
class Prepared:
    data: ReportData
    draft: str  # the 草稿 note printed on the document; "" for a final document
    code: str = ""  # 审计校验码 printed in the footer (the audit trail's paper anchor)


def year_ended(year: int, today: date) -> bool:
    return year < today.year


def draft_note(year: int, today: date) -> str:
    return f"草稿：{year}年尚未结束，数据截至{today.year}年{today.month}月{today.day}日，发布前须更新"


def empty_text_parts(part1: str, part5: str) -> list[str]:
    """The text parts still empty, as their headings (一、总体情况 …)."""
    return [PART_TITLES[i] for i, text in ((0, part1), (4, part5)) if not text.strip()]


def check_texts(year: int, part1: str, part5: str, doing: str) -> None:
    missing = empty_text_parts(part1, part5)
    if missing:
        parts = "、".join(f"“{m}”" for m in missing)
        raise ValidationError(f"{year}年度报告的{parts}尚未填写，不能{doing}。"
                              f"请在“统计报表”的年度报告中填写并保存后再{doing}。")


def check_export(actor: Actor, year: int, part1: str, part5: str) -> None:
    """The export's refusals that need no database (role, parts 一/五), for the tab to ask before a file is chosen."""
    actor.require(*EXPORT_ROLES)
    check_texts(year, part1, part5, "导出")


def prepare(session: Session, year: int, path: Path, *, final: bool = False, today: date | None = None) -> Prepared:
    """Compute the report and check it can be exported to `path`; refused with a Chinese message."""
    if path.suffix.lower() not in SUFFIXES:
        raise ValidationError("输出文件的扩展名须为 .docx（Word）或 .xlsx（Excel）。", field="path")
    today = today or date.today()
    data = compute(session, year)
    check_texts(year, data.part1, data.part5, "导出")
    draft = "" if final or year_ended(year, today) else draft_note(year, today)
    return Prepared(data, draft, footer_code(session))


def write(prepared: Prepared, path: Path) -> Path:
    """Write the Word or Excel file (atomically); no session is needed."""
    if path.suffix.lower() == ".docx":
        from reports.annual_report_docx import write_annual_docx

        return write_annual_docx(prepared.data, path, draft=prepared.draft, footer_note=prepared.code)
    from reports.annual_report_xlsx import write_annual_xlsx

    return write_annual_xlsx(prepared.data, path, draft=prepared.draft, footer_note=prepared.code)


def export_annual_report(session: Session, actor: Actor, year: int, path: Path, *, final: bool = False,
                         today: date | None = None, step: Callable[[str], None] | None = None) -> tuple[Path, Prepared]:
    """Write the year's report to `path` (.docx or .xlsx) and audit it; run it with `run_export`.

    `step(text)` is told what is being done (the tab's progress line). Refused with a Chinese
    message: a role that may not export, a wrong extension, parts 一/五 still empty."""
    actor.require(*EXPORT_ROLES)
    if step is not None:
        step(f"正在计算 {year} 年度报告…")
    prepared = prepare(session, year, path, final=final, today=today)
    if step is not None:
        step(f"正在写入“{path.name}”…")
    written = write(prepared, path)
    kind = "Word" if written.suffix.lower() == ".docx" else "Excel"
    after = {"文件": str(written), **({"草稿": prepared.draft} if prepared.draft else {})}
    record_export(session, actor, "annual_report", year, after=after,
                  summary=f"导出 {year} 年度报告（{kind}{'，草稿' if prepared.draft else ''}）")
    return written, prepared
