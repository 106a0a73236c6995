"""The annual report's tables in Excel: one sheet a part, laid out as the national template draws
them (国办公开办函〔2021〕30号): Part 2 as four sub-tables with their own header rows and no column
of our own, Part 3 under the corner note and the 申请人情况 / 法人或其他组织 column groups; each
label in a text cell and the numbers in order in the row's last cells (so other tools can read it)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.worksheet.worksheet import Worksheet

from app.annual.layout import PART3_COLUMN_LABELS, PART3_CORNER_NOTE, PART4_LABELS, part3_rows
from app.annual.report_data import ReportData
from app.atomic_file import atomic_write
from reports.annual_report_docx import part6_text
from reports.xlsx_print import use_song_font
from reports.xlsx_sheet import CellValue, write_table

_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)

Row = Sequence[CellValue]


def _part2(ws: Worksheet, data: ReportData) -> None:
    """Part 2 as the template draws it: four sub-tables, each with its own 信息内容 header row;
    the (五)(六)(八) tables have one number column, spanning the three."""
    p = data.part2
    rows: list[tuple[str, list[CellValue], str]] = [  # (label, numbers, kind)
        ("第二十条第（一）项", [], "section"),
        ("信息内容", ["本年制发件数", "本年废止件数", "现行有效件数"], "header"),
        ("规章", list(p.rules), "data"),
        ("行政规范性文件", list(p.normative), "data"),
        ("第二十条第（五）项", [], "section"),
        ("信息内容", ["本年处理决定数量"], "header"),
        ("行政许可", [p.licensing], "data"),
        ("第二十条第（六）项", [], "section"),
        ("信息内容", ["本年处理决定数量"], "header"),
        ("行政处罚", [p.punishment], "data"),
        ("行政强制", [p.enforcement], "data"),
        ("第二十条第（八）项", [], "section"),
        ("信息内容", ["本年收费金额（单位：万元）"], "header"),
        ("行政事业性收费", [float(p.fees_amount)], "data"),
    ]
    _title(ws, f"{data.title}　二、主动公开政府信息情况", 4)
    for r, (label, values, kind) in enumerate(rows, start=2):
        _cell(ws, r, 1, label, bold=kind != "data", center=kind != "data")
        if kind == "section":
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=4)
        for c, value in enumerate(values, start=2):
            _cell(ws, r, c, value, bold=kind == "header", center=True)
        if len(values) == 1:
            ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=4)
        for c in range(1, 5):
            ws.cell(r, c).border = _BOX
    for letter, width in zip("ABCD", (30, 16, 16, 16), strict=True):
        ws.column_dimensions[letter].width = width
    _print_setup(ws, portrait=True)


def _part3(ws: Worksheet, data: ReportData) -> None:
    """Part 3 with the template's header: the corner note, 申请人情况 over 自然人 | 法人或其他组织
    (five kinds) | 总计; the label in column A and the seven numbers in B–H of each row."""
    _title(ws, f"{data.title}　三、收到和处理政府信息公开申请情况", 8)
    _cell(ws, 2, 1, PART3_CORNER_NOTE, wrap=True)
    ws.merge_cells("A2:A4")
    _cell(ws, 2, 2, "申请人情况", bold=True, center=True)
    ws.merge_cells("B2:H2")
    _cell(ws, 3, 2, PART3_COLUMN_LABELS[0], bold=True, center=True)
    ws.merge_cells("B3:B4")
    _cell(ws, 3, 3, "法人或其他组织", bold=True, center=True)
    ws.merge_cells("C3:G3")
    _cell(ws, 3, 8, "总计", bold=True, center=True)
    ws.merge_cells("H3:H4")
    for c, label in enumerate(PART3_COLUMN_LABELS[1:6], start=3):
        _cell(ws, 4, c, label, bold=True, center=True, wrap=True)
    for r, row in enumerate(part3_rows(), start=5):
        _cell(ws, r, 1, row.label, wrap=True)
        for c, value in enumerate(data.part3[row.key] if row.has_numbers else [None] * 7, start=2):
            _cell(ws, r, c, value, center=True)
    for r in range(2, 5 + len(part3_rows())):
        for c in range(1, 9):
            ws.cell(r, c).border = _BOX
    ws.row_dimensions[2].height = 20
    ws.row_dimensions[4].height = 30
    for letter, width in zip("ABCDEFGH", (56, 9, 10, 10, 11, 11, 8, 8), strict=True):
        ws.column_dimensions[letter].width = width
    ws.print_title_rows = "2:4"
    _print_setup(ws, portrait=True)


def _title(ws: Worksheet, text: str, columns: int) -> None:
    _cell(ws, 1, 1, text, bold=True, center=True, size=14)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=columns)
    ws.row_dimensions[1].height = 30


def _cell(ws: Worksheet, row: int, column: int, value: CellValue, *, bold: bool = False, center: bool = False,
          wrap: bool = False, size: float = 10.5) -> None:
    cell = ws.cell(row, column)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
    cell.font = Font(name="宋体", size=size, bold=bold)
    cell.alignment = Alignment(horizontal="center" if center else None, vertical="center", wrap_text=wrap)


def _print_setup(ws: Worksheet, portrait: bool) -> None:
    setup = ws.page_setup
    setup.orientation = Worksheet.ORIENTATION_PORTRAIT if portrait else Worksheet.ORIENTATION_LANDSCAPE
    setup.paperSize = Worksheet.PAPERSIZE_A4
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True


def build(data: ReportData, draft: str = "") -> Workbook:
    """The workbook; a non-empty `draft` note marks every sheet's title and page header 草稿."""
    wb = Workbook()
    use_song_font(wb)
    ws2 = wb.active
    assert ws2 is not None
    ws2.title = "二、主动公开"
    _part2(ws2, data)
    _part3(wb.create_sheet("三、依申请公开"), data)
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
    if draft:
        for ws in wb.worksheets:
            ws["A1"].value = f"{ws['A1'].value}（草稿）"
            ws.oddHeader.right.text = draft
            ws.oddHeader.right.color = "FF0000"
    return wb


def write_annual_xlsx(data: ReportData, out: Path, *, draft: str = "", footer_note: str = "") -> Path:
    """`footer_note` (the audit trail's 审计校验码) is printed at the left of every sheet's footer."""
    wb = build(data, draft)
    if footer_note:
        for ws in wb.worksheets:
            ws.oddFooter.left.text = footer_note.replace("&", "&&")  # & starts an Excel footer code
            ws.oddFooter.left.size = 8
    return atomic_write(out, lambda tmp: wb.save(str(tmp)))
