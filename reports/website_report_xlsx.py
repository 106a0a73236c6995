"""The 政府网站工作年度报表 in Excel: one row per item (section, sub-heading, item, figure, where it came
from), numbers as numbers so other tools can add them up, and the checks on a second sheet."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook

from app.atomic_file import atomic_write
from reports.website_report_input import WebsiteReportInput
from reports.xlsx_sheet import CellValue, new_workbook, write_table


def _value(text: str, numeric: bool) -> CellValue:
    if numeric and text:
        number = Decimal(text)
        return int(number) if number == number.to_integral_value() else float(number)
    return text


def build(data: WebsiteReportInput) -> Workbook:
    wb, ws = new_workbook("网站年报")
    rows: list[list[CellValue]] = [[line.section, line.group, line.label, _value(line.value, line.numeric),
                                    line.source] for line in data.lines]
    write_table(ws, f"{data.title}（{data.year}年度）　填报单位：{data.host}",
                ["栏目", "分项", "指标", "数值", "来源"], rows, widths=[14, 22, 40, 28, 12], wrap_columns=(2, 3))
    checks = wb.create_sheet("校验")
    write_table(checks, "数据校验", ["校验项", "结果", "说明"],
                [[c.name, c.result, c.message] for c in data.checks], widths=[44, 10, 80], wrap_columns=(0, 2))
    return wb


def write_website_xlsx(data: WebsiteReportInput, out: Path) -> Path:
    wb = build(data)
    return atomic_write(out, lambda tmp: wb.save(str(tmp)))
