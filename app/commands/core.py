"""Core commands: deadline, backup, restore, audit verify."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from app.errors import UserError

if TYPE_CHECKING:
    from app.bootstrap import Database


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("deadline", help="计算某日起第 N 个工作日")
    p.add_argument("start", help="起算日 YYYY-MM-DD（当日不计入）")
    p.add_argument("--days", type=int, default=20, help="工作日数，默认 20")
    p.add_argument("--no-db", action="store_true", help="不读取数据库中管理员录入的节假日")
    p.set_defaults(handler=cmd_deadline)

    p = sub.add_parser("backup", help="备份数据库到文件")
    p.add_argument("-o", "--output", required=True, help="备份文件路径")
    p.set_defaults(handler=cmd_backup)

    p = sub.add_parser("restore", help="从备份文件恢复数据库（当前数据库会保留一份副本）")
    p.add_argument("file", help="备份文件路径")
    p.set_defaults(handler=cmd_restore)

    p = sub.add_parser("audit", help="审计记录")
    audit_sub = p.add_subparsers(dest="audit_command", metavar="操作", required=True)
    v = audit_sub.add_parser("verify", help="校验审计记录链是否完整、未被篡改")
    v.set_defaults(handler=cmd_audit_verify)


def _parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UserError(f"日期“{text}”格式不对，请写成 YYYY-MM-DD，例如 2024-09-20。") from None


def cmd_deadline(args: argparse.Namespace) -> int:
    from app.workdays.calendar import WorkCalendar

    start = _parse_date(args.start)
    if args.days < 1 or args.days > 400:
        raise UserError("工作日数必须在 1 到 400 之间。")
    if args.no_db:
        calendar = WorkCalendar()
    else:
        from app.workdays.service import load_calendar

        db = args.cli.database()
        with db.reader() as session:
            calendar = load_calendar(session)
    result = calendar.deadline(start, args.days)
    print(result.due.isoformat())
    print(result.explain())
    return 0


def _sqlite_path(args: argparse.Namespace) -> Path:
    db = args.cli.database()
    if db.sqlite_path is None:
        raise UserError("当前数据库不是本机 SQLite 文件；PostgreSQL 请使用 pg_dump 备份。")
    return Path(db.sqlite_path)


def cmd_backup(args: argparse.Namespace) -> int:
    from app.audit.service import record
    from app.backup import backup_to
    from app.context import Actor

    db = args.cli.database()
    if not db.is_sqlite:
        return _backup_server(db, Path(args.output))
    source = _sqlite_path(args)
    with db.session_factory.begin() as session:
        record(session, Actor.system(), "backup", "database", "*", after={"文件": str(args.output)},
               summary="手动备份数据库")
    dest = backup_to(source, Path(args.output))
    print(f"已备份到 {dest}")
    return 0


def _backup_server(db: Database, output: Path) -> int:
    from app.audit.service import record
    from app.context import Actor
    from app.dbtools.pg_backup import backup_server_database

    with db.session_factory.begin() as session:
        record(session, Actor.system(), "backup", "database", "*", after={"文件": str(output)},
               summary="手动备份数据库")
    result = backup_server_database(db, output)
    print(f"已备份到 {result.path}（{'pg_dump' if result.method == 'pg_dump' else '程序导出格式'}）")
    return 0


def _restore_server(folder: Path, url: str, file: Path) -> int:
    from app.audit.service import record
    from app.bootstrap import open_database
    from app.context import Actor
    from app.dbtools.pg_backup import restore_server_database

    db = open_database(folder, url)
    try:
        result = restore_server_database(db, file)
        with db.session_factory.begin() as session:
            record(session, Actor.system(), "restore", "database", "*",
                   after={"来源": str(file), "恢复前的备份": str(result.safety_backup)}, summary="从备份恢复数据库")
    finally:
        db.dispose()
    print(f"已从 {file} 恢复。恢复前的数据库已备份为 {result.safety_backup}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from app import paths
    from app.audit.service import record
    from app.backup import restore_from, validate_backup_file
    from app.bootstrap import open_database
    from app.context import Actor

    folder = paths.data_dir(args.data_dir)
    url = paths.db_url(folder, args.db_url)
    if not url.startswith("sqlite:///"):
        return _restore_server(folder, url, Path(args.file))
    target = Path(url.removeprefix("sqlite:///"))
    validate_backup_file(Path(args.file))
    kept = restore_from(Path(args.file), target)
    db = open_database(folder, url)
    with db.session_factory.begin() as session:
        record(session, Actor.system(), "restore", "database", "*",
               after={"来源": str(args.file), "原数据库保存为": str(kept or "")}, summary="从备份恢复数据库")
    db.dispose()
    print(f"已从 {args.file} 恢复。" + (f"原数据库已保存为 {kept}" if kept else ""))
    return 0


def cmd_audit_verify(args: argparse.Namespace) -> int:
    from app.audit.service import verify

    db = args.cli.database()
    with db.reader() as session:
        result = verify(session)
    print(result.message, file=sys.stdout if result.ok else sys.stderr)
    return 0 if result.ok else 1
