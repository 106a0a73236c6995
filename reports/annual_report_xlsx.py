"""The annual report's tables in Excel: one sheet a part, one template row a sheet row, the label in a
text cell and the numbers in order in the row's last cells (so other offices' tools can read it)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook

from app.annual.layout import PART3_COLUMN_LABELS, PART4_LABELS, part3_rows
from app.annual.report_data import ReportData
from reports.annual_report_docx import part6_text
from reports.atomic import atomic_write
from reports.xlsx_sheet import CellValue, write_table

Row = Sequence[CellValue]


def _part2_rows(data: ReportData) -> list[Row]:
    p = data.part2
    return [
        ["第二十条第（一）项", None, None, None],
        ["规章", *p.rules],
        ["行政规范性文件", *p.normative],
        ["第二十条第（五）项", None, None, None],
        ["行政许可", None, None, p.licensing],
        ["第二十条第（六）项", None, None, None],
        ["行政处罚", None, None, p.punishment],
        ["行政强制", None, None, p.enforcement],
        ["第二十条第（八）项", None, None, None],
        ["行政事业性收费（单位：万元）", None, None, float(p.fees_amount)],
    ]


def build(data: ReportData) -> Workbook:
    wb = Workbook()
    ws2 = wb.active
    assert ws2 is not None
    ws2.title = "二、主动公开"
    write_table(ws2, f"{data.title}　二、主动公开政府信息情况",
                ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数或处理决定数量、收费金额"],
                _part2_rows(data), widths=[34, 14, 14, 30])
    ws3 = wb.create_sheet("三、依申请公开")
    rows3: list[Row] = [
        [row.label, *(data.part3[row.key] if row.has_numbers else [None] * 7)] for row in part3_rows()
    ]
    write_table(ws3, f"{data.title}　三、收到和处理政府信息公开申请情况", ["项目", *PART3_COLUMN_LABELS],
                rows3, widths=[64, 9, 10, 10, 13, 13, 8, 8], wrap_columns=(0,))
    ws4 = wb.create_sheet("四、复议诉讼")
    write_table(ws4, f"{data.title}　四、政府信息公开行政复议、行政诉讼情况", ["项目", *PART4_LABELS],
                [["政府信息公开行政复议、行政诉讼情况", *data.part4]], widths=[36, *[14] * 15], wrap_columns=())
    ws_text = wb.create_sheet("报告文字")
    write_table(ws_text, data.title, ["部分", "内容"], [
        ["一、总体情况", data.part1], ["五、存在的主要问题及改进情况", data.part5],
        ["六、其他需要报告的事项", part6_text(data)],
    ], widths=[30, 100], wrap_columns=(1,))
    checks = wb.create_sheet("校验")
    write_table(checks, "数据校验", ["校验项", "结果", "说明"],
                [[c.name, "通过" if c.ok else "未通过", c.message] for c in data.checks], widths=[40, 10, 80],
                wrap_columns=(2,))
    return wb


def write_annual_xlsx(data: ReportData, out: Path) -> Path:
    wb = build(data)
    return atomic_write(out, lambda tmp: wb.save(str(tmp)))
