"""govinfo-desk export website-report --year Y -o FILE.docx|FILE.xlsx"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from app.commands.export import add_year_export, export_subparsers

if TYPE_CHECKING:
    from app.commands.export import SubParsers


def register(sub: SubParsers) -> None:
    add_year_export(export_subparsers(sub), "website-report", cmd_export_website_report,
                    help_text="政府网站工作年度报表（.docx 或 .xlsx）", year_help="报表年度",
                    output_help="输出文件，扩展名 .docx 或 .xlsx")


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
