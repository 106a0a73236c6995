"""`govinfo-desk redact IN -o OUT [--auto] [--marks MARKS.json] [--ocr]`: a released copy from a script."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from app.atomic_file import atomic_write
from app.command_line import add_command
from app.errors import UserError
from app.redaction.model import mask_text
from app.redaction.specs import load_mark_specs


def run_redact_command(src: str, out: str, auto: bool, marks: str | None, ocr: bool, stdout: TextIO) -> int:
    """One line per mark: PAGE<TAB>GROUND<TAB>MASKED TEXT; exit 0 written, 1 nothing to redact, 2 error."""
    try:
        source = Path(src)
        data = source.read_bytes()
        specs = load_mark_specs(Path(marks).read_text(encoding="utf-8-sig")) if marks else []
        from app.redaction.run import OutputFormat, redact_file  # heavy: loaded when the command runs

        output: OutputFormat = "docx" if Path(out).suffix.lower() == ".docx" else "pdf"
        if output == "docx" and source.suffix.lower() != ".docx":
            raise UserError("只有 Word（.docx）原件才能输出 .docx 公开件；请把输出文件名改为 .pdf。")
        result = redact_file(data, source.name, specs, auto=auto, ocr=ocr, output=output)
        if not result.applied:
            print("未发现需要遮盖的内容，未生成公开件。", file=sys.stderr)
            return 1
        data_out = result.data

        def write(tmp: Path) -> None:
            tmp.write_bytes(data_out)

        atomic_write(Path(out), write)
    except OSError as err:
        print(f"错误：无法读写文件：{err.strerror or err}（{err.filename or ''}）", file=sys.stderr)
        return 2
    except UserError as err:
        print(f"错误：{err}", file=sys.stderr)
        return 2
    for a in result.applied:
        page = str(a.page) if a.page is not None else "-"
        shown = mask_text(a.text).replace("\t", " ").replace("\n", " ")
        print(page, f"{a.ground.label}（{a.ground.article}）", shown, sep="\t", file=stdout)
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = add_command(
        sub, "redact",
        lambda args: run_redact_command(args.input, args.output, args.auto, args.marks, args.ocr, sys.stdout),
        "对拟公开材料作遮盖处理，生成公开件（PDF 或 Word）",
        "对 PDF、图片或 Word 文件作遮盖处理。每处遮盖输出一行：页码、理由、遮盖内容（已打码）。"
        "退出码：0 已生成，1 未发现需要遮盖的内容，2 出错。",
    )
    parser.add_argument("input", metavar="IN", help="原件（.pdf、.png/.jpg/.tif 或 .docx）")
    parser.add_argument("-o", "--output", required=True, metavar="OUT", help="公开件（.pdf；Word 原件也可为 .docx）")
    parser.add_argument(
        "--auto", action="store_true", help="采纳全部自动建议（身份证号、电话、银行卡号、姓名、住址、词库）",
    )
    parser.add_argument("--marks", metavar="MARKS.json",
                        help="遮盖标记文件：[{\"page\":1,\"rect\":[x0,y0,x1,y1],\"ground\":\"个人隐私\"}, "
                        "{\"text\":\"张三\",\"ground\":\"个人隐私\"}]")
    parser.add_argument("--ocr", action="store_true", help="先用离线文字识别读取扫描页（需安装 OCR 组件）")
