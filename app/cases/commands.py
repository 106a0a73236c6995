"""Request-case commands: import-register, export register requests, export letter.

Exit codes: 0 done (or checked clean), 1 refused with the report printed (one line a problem,
第N行 列名：原因), 2 an error the user must fix first (file missing, unreadable, …; printed by
app.cli.main).
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from app.commands.export import add_year_export, export_register_subparsers, export_subparsers
from app.errors import UserError

if TYPE_CHECKING:
    from app.commands.export import SubParsers

LETTER_KINDS = ("receipt", "correction", "extension", "third-party", "consultation", "reply", "fee",
                "consult-notice", "disclosure-notice")


def register(sub: SubParsers) -> None:
    p = sub.add_parser("import-register", help="从 Excel 登记台账导入依申请公开案件")
    p.add_argument("file", help="登记台账文件（.xlsx）")
    p.add_argument("--check", action="store_true", help="只检查，不导入")
    p.add_argument("--skip-invalid", action="store_true", help="跳过有错误的行，导入其余各行")
    p.add_argument("--today", help=argparse.SUPPRESS)  # fixes "today" for scripted runs and tests
    p.set_defaults(handler=cmd_import_register)

    add_year_export(export_register_subparsers(sub), "requests", cmd_export_register_requests,
                    help_text="依申请公开登记台账", year_help="收到申请的年份", output_help="保存为（.xlsx）")

    p = export_subparsers(sub).add_parser("letter", help="生成并导出某一申请件的文书（.docx）")
    p.add_argument("case_no", help="受理编号")
    p.add_argument("--kind", required=True, choices=LETTER_KINDS, help="文书种类")
    p.add_argument("-o", "--output", required=True, help="保存为（.docx）")
    p.set_defaults(handler=cmd_export_letter)


def _today(args: argparse.Namespace) -> date:
    if not args.today:
        return date.today()
    try:
        return date.fromisoformat(args.today)
    except ValueError:
        raise UserError(f"日期“{args.today}”格式不对，请写成 YYYY-MM-DD。") from None


def cmd_import_register(args: argparse.Namespace) -> int:
    from app.cases.register_import import check_register, import_checked, read_register

    db = args.cli.database()
    today = _today(args)
    if args.check:
        with db.reader() as session:
            report = check_register(session, args.file, today)
    else:
        from app.auth.cli_login import require_cli_admin

        admin = require_cli_admin(db, "导入登记表")
        with db.reader() as session:  # parsed and checked before the write lock is taken
            checked = read_register(session, args.file, today)
        with db.session_factory.begin() as session:
            report = import_checked(session, admin, checked, skip_invalid=args.skip_invalid)
    for line in report.lines():
        print(line)
    print(report.summary())
    if report.rows_total == 0:
        print("表格中没有数据行，未导入任何案件。")
        return 1
    if args.check:
        if report.errors:
            print("检查未通过：请修改以上各行后再导入，或使用 --skip-invalid 只导入无错误的行。")
            return 1
        print("检查通过，可以导入。")
        return 0
    if report.imported == 0:
        print("未导入任何案件：请修改以上各行后重新导入，或使用 --skip-invalid 只导入无错误的行。")
        return 1
    return 0


def cmd_export_register_requests(args: argparse.Namespace) -> int:
    from app.cases.register_export import export_register
    from app.context import Actor
    from app.export_unit import run_export
    from app.years import check_year

    check_year(args.year)  # before opening the database: a typo should not wait for it
    db = args.cli.database()
    count = run_export(db, lambda session: export_register(session, Actor.system(), args.output, year=args.year))
    print(f"已导出 {args.year} 年收到的依申请公开申请 {count} 件到 {args.output}")
    return 0


def cmd_export_letter(args: argparse.Namespace) -> int:
    from app import paths
    from app.cases.letter_file import save_letter
    from app.cases.queries import find_case_by_no
    from app.context import Actor

    output = Path(args.output)
    db = args.cli.database()
    with db.reader() as session:
        case_id = find_case_by_no(session, args.case_no).id
    name = save_letter(db, Actor.system(), case_id, args.kind, paths.templates_dir(db.data_dir), output).filename
    print(f"已生成“{name}”，保存到 {output}")
    return 0
