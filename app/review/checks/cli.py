"""`govinfo-desk check FILE`: run the automated checks on a draft from the command line."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from app.command_line import add_command, one_line
from app.errors import UserError

from .docx_text import read_text
from .engine import run_checks
from .wordlists import load_default_wordlists


def run_check_command(path: str, out: TextIO) -> int:
    """Print `KIND<TAB>START<TAB>END<TAB>TEXT<TAB>MESSAGE` per finding; 0 = clean, 1 = findings, 2 = error.

    TEXT is the masked form, so ID, card and phone numbers do not end up in logs in full.
    """
    try:
        text = read_text(path)
        findings = run_checks(text, load_default_wordlists())
    except UserError as err:
        print(f"错误：{err}", file=sys.stderr)
        return 2
    for f in findings:
        print(one_line(f.kind), f.start, f.end, one_line(f.masked), one_line(f.message), sep="\t", file=out)
    return 1 if findings else 0


def add_check_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = add_command(
        subparsers, "check", lambda args: run_check_command(args.file, sys.stdout),
        "检查稿件中的密级标志、个人信息、敏感词、表述错误、领导姓名、地名和外部链接",
        "检查 .txt 或 .docx 稿件；每个问题输出一行：类型、起止位置、内容、说明。"
        "退出码：0 未发现问题，1 发现问题，2 出错。",
    )
    parser.add_argument("file", metavar="FILE", help="要检查的稿件（.txt 或 .docx）")
