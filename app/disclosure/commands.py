"""主动公开 commands: `export register disclosures` and `export catalogue`.

Both act as the system account; the export functions write the file first and then record
one audit entry (action "export"), in the same transaction.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from app.commands.export import add_year_export, export_register_subparsers, export_subparsers

if TYPE_CHECKING:
    from app.commands.export import SubParsers


def register(sub: SubParsers) -> None:
    add_year_export(export_register_subparsers(sub), "disclosures", cmd_export_register_disclosures,
                    help_text="主动公开事项登记台账", year_help="信息形成或变更的年份", output_help="保存为（.xlsx）")
    add_year_export(export_subparsers(sub), "catalogue", cmd_export_catalogue,
                    help_text="政府信息公开目录（.xlsx 或 .docx）",
                    year_help="只列到该年 12 月 31 日为止已公开的信息（默认：全部）",
                    output_help="保存为（.xlsx 或 .docx）", year_required=False)


def cmd_export_register_disclosures(args: argparse.Namespace) -> int:
    from app.context import Actor
    from app.disclosure.register_export import export_register
    from app.export_unit import run_export
    from app.years import check_year

    check_year(args.year)
    db = args.cli.database()
    count = run_export(db, lambda session: export_register(session, Actor.system(), args.output, args.year))
    print(f"已导出 {args.year} 年的主动公开事项 {count} 条到 {args.output}")
    return 0


def cmd_export_catalogue(args: argparse.Namespace) -> int:
    from app.context import Actor
    from app.disclosure.catalogue import export_catalogue
    from app.export_unit import run_export

    db = args.cli.database()
    count = run_export(db, lambda session: export_catalogue(session, Actor.system(), args.output, year=args.year))
    scope = f"截至 {args.year} 年底" if args.year else "全部"
    print(f"已导出政府信息公开目录（{scope}）{count} 条到 {args.output}")
    return 0
