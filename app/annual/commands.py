"""govinfo-desk export annual-report --year Y -o FILE.docx|FILE.xlsx"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from app.commands.export import export_subparsers
from app.errors import UserError
from app.years import check_year

if TYPE_CHECKING:
    from app.commands.export import SubParsers


def register(sub: SubParsers) -> None:
    p = export_subparsers(sub).add_parser("annual-report", help="政府信息公开工作年度报告（.docx 或 .xlsx）")
    p.add_argument("--year", type=int, required=True, help="报告年度")
    p.add_argument("-o", "--output", required=True, help="输出文件，扩展名 .docx 或 .xlsx")
    p.set_defaults(handler=cmd_export_annual_report)


def cmd_export_annual_report(args: argparse.Namespace) -> int:
    from app.annual.service import compute
    from app.audit.service import record
    from app.context import Actor

    out = Path(args.output)
    suffix = out.suffix.lower()
    if suffix not in (".docx", ".xlsx"):
        raise UserError("输出文件的扩展名须为 .docx（Word）或 .xlsx（Excel）。")
    check_year(args.year)
    db = args.cli.database()
    with db.reader() as session:
        data = compute(session, args.year)
    if suffix == ".docx":
        from reports.annual_report_docx import write_annual_docx

        write_annual_docx(data, out)
    else:
        from reports.annual_report_xlsx import write_annual_xlsx

        write_annual_xlsx(data, out)
    with db.session_factory.begin() as session:
        record(session, Actor.system(), "export", "annual_report", args.year, after={"文件": str(out)},
               summary=f"导出 {args.year} 年度报告（{suffix[1:]}）")
    print(f"已导出 {out}")
    for check in data.checks:
        if not check.ok:
            print(f"警告：校验未通过——{check.name}：{check.message}")
    return 0
