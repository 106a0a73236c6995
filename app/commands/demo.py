"""govinfo-desk demo: fill an empty database with realistic sample data."""

from __future__ import annotations

import argparse
from datetime import date


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("demo", help="向全新的数据库写入示例数据（示例账户、案件、稿件等）")
    p.add_argument("--today", help="以该日期为“今天”生成数据（YYYY-MM-DD，默认今天）")
    p.set_defaults(handler=cmd_demo)


def cmd_demo(args: argparse.Namespace) -> int:
    from app.demo import fill_demo
    from app.workdays.service import load_calendar

    today = date.fromisoformat(args.today) if args.today else date.today()
    from app.auth.cli_login import require_cli_admin

    db = args.cli.database()
    require_cli_admin(db, "写入示例数据")  # the demo then refuses a database with accounts anyway
    with db.session_factory.begin() as session:
        lines = fill_demo(session, load_calendar(session), today)
    for line in lines:
        print(line)
    return 0
