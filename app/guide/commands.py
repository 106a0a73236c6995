"""govinfo-desk export guide -o F.docx | export request-form -o F.docx"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from app.commands.export import export_subparsers

if TYPE_CHECKING:
    from app.commands.export import SubParsers


def register(sub: SubParsers) -> None:
    exports = export_subparsers(sub)
    p = exports.add_parser("guide", help="政府信息公开指南（.docx，附申请表），由系统参数生成")
    p.add_argument("-o", "--output", required=True, help="输出文件（.docx）")
    p.set_defaults(handler=cmd_export_guide)
    p = exports.add_parser("request-form", help="政府信息公开申请表（.docx）")
    p.add_argument("-o", "--output", required=True, help="输出文件（.docx）")
    p.set_defaults(handler=cmd_export_request_form)


def cmd_export_guide(args: argparse.Namespace) -> int:
    from app import paths
    from app.context import Actor
    from app.export_unit import run_export
    from app.guide.service import export_guide

    db = args.cli.database()
    result = run_export(db, lambda s: export_guide(s, Actor.system(), args.output, paths.templates_dir(db.data_dir)))
    print(f"已导出政府信息公开指南到 {result.path}")
    print("发布到门户网站后，请在“统计报表 → 公开指南”中标记为已发布。")
    return 0


def cmd_export_request_form(args: argparse.Namespace) -> int:
    from app import paths
    from app.context import Actor
    from app.export_unit import run_export
    from app.guide.service import export_request_form

    db = args.cli.database()
    written = run_export(db, lambda s: export_request_form(s, Actor.system(), args.output,
                                                            paths.templates_dir(db.data_dir)))
    print(f"已导出政府信息公开申请表到 {written}")
    return 0
