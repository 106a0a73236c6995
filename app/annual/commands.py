"""govinfo-desk export annual-report --year Y -o FILE.docx|FILE.xlsx"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from app.commands.export import export_subparsers
from app.years import check_year

if TYPE_CHECKING:
    from app.commands.export import SubParsers


def register(sub: SubParsers) -> None:
    p = export_subparsers(sub).add_parser("annual-report", help="政府信息公开工作年度报告（.docx 或 .xlsx）")
    p.add_argument("--year", type=int, required=True, help="报告年度")
    p.add_argument("-o", "--output", required=True, help="输出文件，扩展名 .docx 或 .xlsx")
    p.add_argument("--final", action="store_true",
                   help="年度尚未结束时仍作为正式稿导出（默认标为“草稿”）")
    p.set_defaults(handler=cmd_export_annual_report)


def cmd_export_annual_report(args: argparse.Namespace) -> int:
    from app.annual.report_export import export_annual_report
    from app.context import Actor
    from app.export_unit import run_export

    check_year(args.year)
    db = args.cli.database()
    out, prepared = run_export(db, lambda session: export_annual_report(
        session, Actor.system(), args.year, Path(args.output), final=args.final))
    print(f"已导出 {out}")
    if prepared.draft:
        print(f"注意：{args.year} 年尚未结束，报告已标为“草稿”。确认按现有数据作为正式稿导出时，请加 --final。")
    for check in prepared.data.checks:
        if not check.ok:
            print(f"警告：校验未通过——{check.name}：{check.message}")
    return 0
