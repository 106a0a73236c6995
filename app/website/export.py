"""Export of the website report (Word or Excel) as one use case for the CLI and the GUI, run by
`app.export_unit.run_export`: check the role, gather plain data from the read session, write the file by
temp name and rename, then record the export in the audit trail once the file exists."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from app.auth.roles import Role
from app.context import Actor
from app.errors import ValidationError
from app.export_unit import record_export
from app.website.layout import Source
from app.website.service import ReportData, compute
from app.years import check_year
from reports.website_report_input import WebsiteCheckLine, WebsiteLine, WebsiteReportInput

EXPORT_ROLES = (Role.EDITOR, Role.DISCLOSURE_STAFF, Role.SECTION_HEAD, Role.LEADER_IN_CHARGE,
                Role.PRINCIPAL_LEADER, Role.ADMIN)
SOURCE_LABELS = {Source.COMPUTED: "记录统计", Source.SETTING: "系统设置"}


def as_input(data: ReportData) -> WebsiteReportInput:
    lines = tuple(WebsiteLine(r.section, r.group, r.label, data.values.get(r.key, ""), r.source.numeric,
                              SOURCE_LABELS.get(r.source, "填报")) for r in data.rows)
    checks = tuple(WebsiteCheckLine(c.name, "通过" if c.ok else ("未通过" if c.blocking else "提示"), c.message)
                   for c in data.checks)
    return WebsiteReportInput("政府网站工作年度报表", data.year, data.values.get("basic.host", ""), lines, checks,
                              data.locked)


def check_path(path: str | Path) -> tuple[Path, str]:
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in (".docx", ".xlsx"):
        raise ValidationError("输出文件的扩展名须为 .docx（Word）或 .xlsx（Excel）。", field="path")
    return target, suffix


def export_website_report(session: Session, actor: Actor, year: int, path: str | Path) -> tuple[Path, ReportData]:
    """Write the year's report to `path`; returns the file and the data (the caller shows failed checks)."""
    actor.require(*EXPORT_ROLES)
    check_year(year)
    target, suffix = check_path(path)
    data = compute(session, year)
    doc = as_input(data)
    if suffix == ".docx":
        from reports.website_report_docx import write_website_docx

        written = write_website_docx(doc, target)
    else:
        from reports.website_report_xlsx import write_website_xlsx

        written = write_website_xlsx(doc, target)
    record_export(session, actor, "website_report", year, after={"文件": str(written)},
                  summary=f"导出 {year} 年网站年报（{suffix[1:]}）")
    return written, data
