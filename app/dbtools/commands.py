"""govinfo-desk migrate-db --to URL"""

from __future__ import annotations

import argparse
import sys

from app.errors import UserError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "migrate-db",
        help="把当前数据库完整复制到另一个空数据库（如单位的 PostgreSQL 服务器），并逐表校验",
    )
    p.add_argument("--to", required=True, dest="target", help="目标数据库地址，如 postgresql+psycopg://用户@服务器/govinfo")
    p.add_argument("--batch-size", type=int, default=500, help="每批复制的行数，默认 500")
    p.add_argument("--quiet", action="store_true", help="不显示进度")
    p.set_defaults(handler=cmd_migrate_db)


def cmd_migrate_db(args: argparse.Namespace) -> int:
    from app.audit.service import record
    from app.dbtools.migrate_db import migrate_database, safe_url

    if not 1 <= args.batch_size <= 100_000:
        raise UserError("每批行数必须在 1 到 100000 之间。")
    from app.auth.cli_login import require_cli_admin

    db = args.cli.database()
    target = safe_url(args.target)
    admin = require_cli_admin(db, "迁移数据库")
    # The audit entry goes into the source first, so the copy carries the record of its own move.
    with db.session_factory.begin() as session:
        record(session, admin, "migrate_db", "database", "*", after={"目标": target},
               summary=f"开始迁移数据库到 {target}")

    def progress(table: str, rows: int) -> None:
        if not args.quiet:
            print(f"\r复制 {table}：{rows} 行".ljust(48), end="", file=sys.stderr, flush=True)

    report = migrate_database(db.engine, args.target, batch=args.batch_size, progress=progress)
    if not args.quiet:
        print(file=sys.stderr)
    for line in report.lines():
        print(line)
    print(f"迁移完成：共 {len(report.tables)} 张表、{report.total_rows} 行，已逐行校验一致。")
    print(f"请在每台电脑上把数据库地址设为 {target}（--db、环境变量 GOVINFO_DB_URL 或“系统设置”）。")
    return 0
