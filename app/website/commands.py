"""govinfo-desk export website-report --year Y -o FILE.docx|FILE.xlsx"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from app.commands.export import export_subparsers

if TYPE_CHECKING:
    from app.commands.export import SubParsers


def register(sub: SubParsers) -> None:
    p = export_subparsers(sub).add_parser("website-report", help="政府网站工作年度报表（.docx 或 .xlsx）")
    p.add_argument("--year", type=int, required=True, help="报表年度")
    p.add_argument("-o", "--output", required=True, help="输出文件，扩展名 .docx 或 .xlsx")
    p.set_defaults(handler=cmd_export_website_report)


def cmd_export_website_report(args: argparse.Namespace) -> int:
    from app.context import Actor
    from app.export_unit import run_export
    from app.website.export import export_website_report

    db = args.cli.database()
    written, data = run_export(db, lambda session: export_website_report(session, Actor.system(), args.year,
                                                                         args.output))
    print(f"已导出 {written}")
    for check in data.checks:
        if not check.ok:
            print(f"{'警告：校验未通过' if check.blocking else '提示'}——{check.name}：{check.message}")
    return 0
