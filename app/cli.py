"""govinfo-desk: without a subcommand it starts the desktop program; subcommands script the rest.

Thin by design: parse, call services, print. Every command works on a fresh data folder without
the first-start wizard; it acts as the system account and the audit trail records the OS user.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from app import __version__
from app.errors import UserError

if TYPE_CHECKING:
    from app.bootstrap import Database

# Each module registers its own subcommands; listed here so the set of commands is explicit.
COMMAND_MODULES = (
    "app.commands.core",
    "app.commands.demo",
    "app.review.checks.cli",
    "app.review.commands",
    "app.cases.commands",
    "app.disclosure.commands",
    "app.annual.commands",
    "app.dbtools.commands",
    "app.website.commands",
    "app.guide.commands",
    "app.redaction.cli",
)


class CliContext:
    """Opens the database on first use, so commands that need none (check, deadline) stay fast."""

    def __init__(self, data_dir: str | None, db_url: str | None) -> None:
        self.data_dir = data_dir
        self.db_url = db_url
        self._db: Database | None = None

    def database(self) -> Database:
        from app.bootstrap import open_database

        if self._db is None:
            self._db = open_database(Path(self.data_dir) if self.data_dir else None, self.db_url)
            if self._db.notice:
                print(f"注意：{self._db.notice}", file=sys.stderr)
            _daily_backup(self._db)
        return self._db

    def close(self) -> None:
        """Close the pooled connections, so a command leaves no idle session on a server behind."""
        if self._db is not None:
            self._db.dispose()
            self._db = None


def _daily_backup(db: Database) -> None:
    """The day's first command makes the automatic backup, as the GUI's first start does. Notes go
    to stderr so a command's own output stays clean; a failed backup does not stop the command."""
    from app.attachment_sweep import DamagedAttachmentsFound
    from app.auto_backup import run_daily_backup

    try:
        made = run_daily_backup(db)
    except DamagedAttachmentsFound as exc:  # the backup itself was made
        print(f"警告：{exc}", file=sys.stderr)
        return
    except UserError as exc:
        print(f"警告：今日自动备份未完成：{exc}", file=sys.stderr)
        return
    if made is not None:
        print(f"已做今日自动备份：{made}", file=sys.stderr)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="govinfo-desk", description="政务公开工作台：不带子命令时启动图形界面。"
    )
    parser.add_argument("--version", action="version", version=f"政务公开工作台 {__version__}")
    parser.add_argument("--data-dir", help="数据文件夹（默认为系统的用户数据目录；也可用环境变量 GOVINFO_DATA_DIR）")
    parser.add_argument("--db", dest="db_url", help="数据库地址，如 sqlite:///路径 或 postgresql+psycopg://…")
    sub = parser.add_subparsers(dest="command", metavar="命令")
    for name in COMMAND_MODULES:
        module = importlib.import_module(name)
        register = getattr(module, "register", None) or module.add_check_parser
        register(sub)
    return parser


class _GuiOnlyParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise ValueError(message)  # not a plain GUI start: the full parser reports it properly


def _gui_start(argv: Sequence[str] | None) -> argparse.Namespace | None:
    """The options of a plain desktop start (no subcommand, --help or --version), read without
    importing every command module: that costs each start about 40 ms (bench/run_all.py)."""
    light = _GuiOnlyParser(add_help=False)
    light.add_argument("--data-dir")
    light.add_argument("--db", dest="db_url")
    try:
        args, rest = light.parse_known_args(argv)
    except ValueError:
        return None
    return None if rest else args


def main(argv: Sequence[str] | None = None) -> int:
    gui_args = _gui_start(argv)
    if gui_args is not None:
        return int(importlib.import_module("ui.launch").run(gui_args.data_dir, gui_args.db_url))
    parser = build_parser()
    args = parser.parse_args(argv)
    args.cli = CliContext(args.data_dir, args.db_url)
    if args.command is None:
        # The GUI lives in ui/; imported late so scripted commands never load Qt.
        gui = importlib.import_module("ui.launch")
        return int(gui.run(args.data_dir, args.db_url))
    try:
        return int(args.handler(args))
    except UserError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("已取消。", file=sys.stderr)
        return 130
    finally:
        args.cli.close()
