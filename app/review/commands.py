"""发布审核 commands: `export review-sheet`, `export register posts` and `export inspections`.

All act as the system account; each export function writes the file first and then records one
audit entry (action "export") in the same transaction, so a failed write leaves no entry.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from app.commands.export import add_year_export, export_register_subparsers, export_subparsers

if TYPE_CHECKING:
    from app.commands.export import SubParsers


def register(sub: SubParsers) -> None:
    p = export_subparsers(sub).add_parser("review-sheet", help="稿件的信息审核发布单（.docx，供打印存档）")
    p.add_argument("post_no", metavar="POST_NO", help="审核发布单编号，例如 2024-12")
    p.add_argument("-o", "--output", required=True, help="保存为（.docx）")
    p.set_defaults(handler=cmd_export_review_sheet)

    add_year_export(export_register_subparsers(sub), "posts", cmd_export_register_posts,
                    help_text="门户网站（政务新媒体）稿件登记台账", year_help="稿件编号的年份",
                    output_help="保存为（.xlsx）")

    p = export_subparsers(sub).add_parser("inspections", help="日常读网巡检记录（一个月或一年，.xlsx）")
    p.add_argument("--year", type=int, required=True, help="年份")
    p.add_argument("--month", type=int, help="月份（1–12；不写则导出全年）")
    p.add_argument("-o", "--output", required=True, help="保存为（.xlsx）")
    p.set_defaults(handler=cmd_export_inspections)


def cmd_export_review_sheet(args: argparse.Namespace) -> int:
    from app.context import Actor
    from app.export_unit import run_export
    from app.review.sheet_data import export_review_sheet, find_post

    db = args.cli.database()
    run_export(db, lambda session: export_review_sheet(session, Actor.system(), find_post(session, args.post_no).id,
                                                       args.output))
    print(f"已导出稿件 {args.post_no} 的信息审核发布单到 {args.output}")
    return 0


def cmd_export_register_posts(args: argparse.Namespace) -> int:
    from app.context import Actor
    from app.export_unit import run_export
    from app.review.register_export import export_post_register
    from app.years import check_year

    check_year(args.year)  # before opening the database: a typo should not wait for it
    db = args.cli.database()
    count = run_export(db, lambda session: export_post_register(session, Actor.system(), args.output, args.year))
    print(f"已导出 {args.year} 年的稿件 {count} 篇到 {args.output}")
    return 0


def cmd_export_inspections(args: argparse.Namespace) -> int:
    from app.context import Actor
    from app.export_unit import run_export
    from app.review.inspection_export import export_inspections, period

    _first, _last, scope = period(args.year, args.month)
    db = args.cli.database()
    count = run_export(db, lambda session: export_inspections(session, Actor.system(), args.output, args.year,
                                                              args.month))
    print(f"已导出 {scope}的日常巡检记录 {count} 条到 {args.output}")
    return 0
