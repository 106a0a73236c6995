"""Core commands: deadline, backup, restore, audit verify."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from app.context import Actor
from app.errors import UserError

if TYPE_CHECKING:
    from app.audit.seal import AuditReport
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
    p.add_argument("--force", action="store_true",
                   help="（PostgreSQL）即使还有其他电脑连接着数据库也恢复（它们未保存的修改会丢失）")
    p.set_defaults(handler=cmd_restore)

    p = sub.add_parser("audit", help="审计记录")
    audit_sub = p.add_subparsers(dest="audit_command", metavar="操作", required=True)
    v = audit_sub.add_parser("verify", help="校验审计记录链是否完整、未被篡改，并与本机见证、备份和纸面校验码核对")
    v.add_argument("--witness", action="append", default=[], type=Path,
                   help="另一台电脑数据文件夹中的 audit-witness.json（可多次指定）")
    v.add_argument("--code", action="append", default=[],
                   help="导出文件页脚上的审计校验码，如 1234-9f3a2b7c1d0e（可多次指定）")
    v.set_defaults(handler=cmd_audit_verify)
    r = audit_sub.add_parser("reseal", help="（系统管理员）查看核验报告后，重新封存被截断或记录头损坏的审计记录")
    r.add_argument("--yes", action="store_true", help="不再询问确认（脚本用）")
    r.set_defaults(handler=cmd_audit_reseal)
    x = audit_sub.add_parser("export", help="把审计记录导出为 Excel（可按用户、日期筛选）")
    x.add_argument("-o", "--output", required=True, help="输出文件（.xlsx）")
    x.add_argument("--user", help="只导出该用户名的记录")
    x.add_argument("--from", dest="date_from", help="起始日期 YYYY-MM-DD（含）")
    x.add_argument("--to", dest="date_to", help="截止日期 YYYY-MM-DD（含）")
    x.set_defaults(handler=cmd_audit_export)


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
    dest = backup_to(source, Path(args.output))
    # Recorded once the copy exists, so the trail never claims a backup that failed.
    with db.session_factory.begin() as session:
        record(session, Actor.system(), "backup", "database", "*", after={"文件": str(dest)},
               summary="手动备份数据库")
    print(f"已备份到 {dest}")
    return 0


def _backup_server(db: Database, output: Path) -> int:
    from app.audit.service import record
    from app.context import Actor
    from app.dbtools.pg_backup import backup_server_database

    result = backup_server_database(db, output)
    with db.session_factory.begin() as session:
        record(session, Actor.system(), "backup", "database", "*", after={"文件": str(result.path)},
               summary="手动备份数据库")
    print(f"已备份到 {result.path}（{'pg_dump' if result.method == 'pg_dump' else '程序导出格式'}）")
    return 0


def _restore_server(folder: Path, url: str, file: Path, force: bool = False) -> int:
    from app.audit.service import record
    from app.bootstrap import open_database
    from app.dbtools.pg_backup import other_connections, restart_witness, restore_server_database

    db = open_database(folder, url)
    try:
        from app.auth.cli_login import require_cli_admin

        admin = require_cli_admin(db, "恢复数据库")
        others = other_connections(db)
        if others and not force:
            raise UserError(f"还有 {others} 个其他连接正在使用该数据库（其他电脑上的程序），恢复会丢失它们的保存。"
                            "请先关闭所有电脑上的政务公开工作台，或确认后加 --force 恢复。")
        result = restore_server_database(db, file)
        restart_witness(db)
        with db.session_factory.begin() as session:
            record(session, admin, "restore", "database", "*",
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

    folder = paths.data_dir(args.data_dir)
    url = paths.db_url(folder, args.db_url)
    if not url.startswith("sqlite:///"):
        return _restore_server(folder, url, Path(args.file), args.force)
    target = Path(url.removeprefix("sqlite:///"))
    validate_backup_file(Path(args.file))
    admin = _restore_admin(folder, url, target, Path(args.file))
    kept = restore_from(Path(args.file), target, data_dir=folder)
    db = open_database(folder, url)
    with db.session_factory.begin() as session:
        record(session, admin, "restore", "database", "*",
               after={"来源": str(args.file), "原数据库保存为": str(kept or "")}, summary="从备份恢复数据库")
    db.dispose()
    print(f"已从 {args.file} 恢复。" + (f"原数据库已保存为 {kept}" if kept else ""))
    return 0


def _restore_admin(folder: Path, url: str, target: Path, backup: Path) -> Actor:
    """The administrator of the database being replaced; of the backup when that one is lost."""
    from app.auth.cli_login import require_admin_of_file, require_cli_admin
    from app.bootstrap import open_database
    from app.context import Actor

    try:
        db = open_database(folder, url)
    except UserError:
        require_admin_of_file(backup, "恢复数据库")
        return Actor.system()
    try:
        return require_cli_admin(db, "恢复数据库")
    finally:
        db.dispose()


EXIT_TAMPERED, EXIT_AUDIT_DAMAGED = 1, 4
_AUDIT_TABLES = ("audit_entries", "audit_head")


def _audit_report(args: argparse.Namespace) -> tuple[Database, AuditReport]:
    from app.audit.seal import AuditPageDamaged, full_report
    from app.bootstrap import DamagedTable

    try:
        db = args.cli.database()
    except DamagedTable as exc:  # the start check already found the audit pages damaged
        if exc.table in _AUDIT_TABLES:
            raise AuditPageDamaged(
                f"审计记录所在的数据库页已损坏，无法读取（数据表 {exc.table}）。请从最近的备份恢复。"
            ) from exc
        raise
    with db.reader() as session:
        return db, full_report(session, db.engine, db.data_dir, witness_files=getattr(args, "witness", []),
                               codes=getattr(args, "code", []))


def _readable_audit_report(args: argparse.Namespace) -> tuple[Database, AuditReport] | None:
    """The report, or None once the user has been told the audit pages cannot be read."""
    from app.audit.seal import AuditPageDamaged

    try:
        return _audit_report(args)
    except AuditPageDamaged as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return None


def cmd_audit_verify(args: argparse.Namespace) -> int:
    """Exit 0: intact and consistent with every anchor checked; 1: tampering found; 4: the audit
    pages cannot be read (damaged database)."""
    found = _readable_audit_report(args)
    if found is None:
        return EXIT_AUDIT_DAMAGED
    _db, report = found
    for line in report.lines():
        print(line, file=sys.stdout if report.ok else sys.stderr)
    return 0 if report.ok else EXIT_TAMPERED


def cmd_audit_reseal(args: argparse.Namespace) -> int:
    from app.audit.seal import reseal
    from app.auth.cli_login import require_cli_admin

    found = _readable_audit_report(args)
    if found is None:
        return EXIT_AUDIT_DAMAGED
    db, report = found
    for line in report.lines():
        print(line)
    if report.ok:
        print("审计记录完整，无需重新封存。")
        return 0
    admin = require_cli_admin(db, "重新封存审计记录")
    if admin.user_id is None:
        raise UserError("数据库中没有账户，无法确认由哪位系统管理员重新封存。")
    if not args.yes:
        if not sys.stdin.isatty():
            raise UserError("请确认已保存上面的核验报告，再加 --yes 重新封存。")
        if input("已阅读并保存上面的核验报告，确认重新封存？输入 yes 继续：").strip().lower() != "yes":
            print("已取消。")
            return 1
    with db.session_factory.begin() as session:
        head = reseal(session, admin, report)
    print(f"已重新封存。新的审计校验码：{head.code}。核验报告已记入审计记录。")
    return 0


def cmd_audit_export(args: argparse.Namespace) -> int:
    """The same use case as 系统设置 → 审计记录 → 导出 Excel."""
    from app.audit.query import AuditFilter
    from app.audit_export import export_audit_log
    from app.context import Actor
    from app.export_unit import run_export

    filt = AuditFilter(username=args.user or None,
                       date_from=_parse_date(args.date_from) if args.date_from else None,
                       date_to=_parse_date(args.date_to) if args.date_to else None)
    db = args.cli.database()
    count = run_export(db, lambda session: export_audit_log(session, Actor.system(), Path(args.output), filt))
    print(f"已导出 {count} 条审计记录到 {args.output}")
    return 0
