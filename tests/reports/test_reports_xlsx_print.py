"""The print sheet of a register, read back: fonts, sizes, paper, widths, row heights, cell types."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from reports.xlsx_print import PrintLayout, fit_widths, lines_for, printable_width_px, save_register
from reports.xlsx_read import read_table

HEADERS = ("编号", "申请人", "收到日期", "申请内容", "发布时间", "备注", "电话")
WIDTHS = (20.0, 14.0, 11.5, 36.0, 17.0, 20.0, 13.0)
WRAP = {0, 1, 3, 5}
LONG = "锦屏县城北片区棚户区改造项目征收补偿方案及补偿标准、安置房分配办法、资金拨付明细" * 2
ROWS = [
    ["锦府办依申〔2024〕1号", "锦屏县清水江生态保护志愿者协会", dt.date(2024, 3, 5), LONG,
     dt.datetime(2024, 3, 6, 9, 30), "=SUM(A1)", "13985512345"],
    ["锦府办依申〔2024〕2号", "张三", dt.date(2024, 3, 6), "短", None, None, None],
]
LAYOUT = PrintLayout(("编号", "申请人", "收到日期", "申请内容", "发布时间", "备注"))


def _px(width: float) -> float:
    return width * 7 + 5


@pytest.fixture
def book(tmp_path: Path) -> Path:
    path = tmp_path / "台账.xlsx"
    save_register(path, "登记台账", "某某台账（2024年）", HEADERS, WIDTHS, iter(ROWS), wrap_columns=WRAP, layout=LAYOUT)
    return path


def test_print_sheet_comes_first_and_is_what_prints(book: Path) -> None:
    wb = load_workbook(book)
    assert wb.sheetnames == ["打印（登记台账）", "登记台账"]
    assert wb.active is not None and wb.active.title == "打印（登记台账）"
    ws = wb["打印（登记台账）"]
    assert [c.value for c in ws[2]] == list(LAYOUT.columns)  # the chosen columns, register order
    assert ws["A1"].value == "某某台账（2024年）" and "A1:F1" in {str(r) for r in ws.merged_cells.ranges}
    assert ws.print_title_rows == "$1:$2" and ws.freeze_panes == "A3"


def test_print_sheet_reads_at_least_9_pt_on_a4_landscape(book: Path) -> None:
    ws = load_workbook(book)["打印（登记台账）"]
    setup = ws.page_setup
    assert setup.orientation == "landscape" and int(setup.paperSize) == 9  # A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage and setup.fitToWidth == 1 and setup.fitToHeight == 0
    widths = [ws.column_dimensions[get_column_letter(i)].width for i in range(1, 7)]
    # The columns fit the paper at full scale, so fit-to-width shrinks by 3 % at most: 10 pt × 0.97 ≥ 9 pt.
    assert sum(_px(w) for w in widths) <= printable_width_px("A4")
    for row in ws.iter_rows(min_row=3):
        for cell in row:
            assert cell.font.name == "宋体" and cell.font.sz >= 9, cell.coordinate
    for cell in ws[2]:
        assert cell.font.name == "宋体" and cell.font.b and cell.font.sz >= 9 and cell.alignment.wrap_text
    assert ws["A1"].font.name == "宋体"


def test_long_text_wraps_and_rows_are_as_tall_as_their_text(book: Path) -> None:
    ws = load_workbook(book)["打印（登记台账）"]
    width = ws.column_dimensions["D"].width
    content = ws["D3"]
    assert content.value == LONG and content.alignment.wrap_text  # whole text, not cut at the column edge
    # LONG is 82 characters = 164 GBK bytes; the column holds width − 1 units a line.
    expected = -(-164 // (width - 1))
    assert lines_for(LONG, width) == expected
    assert ws.row_dimensions[3].height == pytest.approx(expected * 13.5 + 4)
    assert ws.row_dimensions[4].height == pytest.approx(13.5 + 4)  # a one-line row
    header_lines = max(lines_for(h, ws.column_dimensions[get_column_letter(i)].width)
                       for i, h in enumerate(LAYOUT.columns, start=1))
    assert ws.row_dimensions[2].height == pytest.approx(header_lines * 13.5 + 4)


def test_cells_keep_their_types(book: Path) -> None:
    ws = load_workbook(book)["打印（登记台账）"]
    assert ws["C3"].is_date and ws["C3"].number_format == "yyyy-mm-dd"
    assert ws["E3"].value == dt.datetime(2024, 3, 6, 9, 30) and ws["E3"].number_format == "yyyy-mm-dd hh:mm"
    assert ws["F3"].value == "=SUM(A1)" and ws["F3"].data_type == "s" and ws["F3"].quotePrefix


def test_full_sheet_keeps_every_column_in_song_and_is_what_imports(book: Path) -> None:
    ws = load_workbook(book)["登记台账"]
    assert [c.value for c in ws[2]] == list(HEADERS)
    assert ws["G3"].value == "13985512345" and ws["G3"].font.name == "宋体"  # unstyled cells: the default font
    assert ws["E3"].number_format == "yyyy-mm-dd hh:mm"
    with read_table(book, ["编号", "电话"]) as table:
        assert table.sheet_name == "登记台账"


def test_a3_gives_wrapped_columns_more_room(tmp_path: Path) -> None:
    wrap = [i in WRAP for i in range(len(HEADERS))]
    a4, a3 = fit_widths(WIDTHS, wrap, "A4"), fit_widths(WIDTHS, wrap, "A3")
    assert sum(_px(w) for w in a3) <= printable_width_px("A3")
    assert a3[3] > a4[3] and a3[2] == a4[2] == 11.5  # dates keep their width
    path = tmp_path / "a3.xlsx"
    save_register(path, "登记台账", "台账", HEADERS, WIDTHS, iter(ROWS), wrap_columns=WRAP,
                  layout=PrintLayout(LAYOUT.columns, "A3"))
    assert int(load_workbook(path)["打印（登记台账）"].page_setup.paperSize) == 8  # A3
    with pytest.raises(ValueError):
        PrintLayout(("编号",), "B5")


def test_an_ordinary_worksheet_gets_the_same_print_layout(tmp_path: Path) -> None:
    from openpyxl import Workbook

    from reports.xlsx_print import use_song_font, write_print_table

    wb = Workbook()
    use_song_font(wb)
    ws = wb.active
    assert ws is not None
    assert write_print_table(ws, "巡检记录", HEADERS, ROWS, WIDTHS, WRAP, PrintLayout(HEADERS)) == 2
    path = tmp_path / "log.xlsx"
    wb.save(path)
    back = load_workbook(path).active
    assert back is not None and [c.value for c in back[2]] == list(HEADERS)
    assert back["D3"].font.name == "宋体" and back["D3"].font.sz == 10 and back["D3"].alignment.wrap_text
    assert back.row_dimensions[3].height > 2 * 13.5
    assert sum(_px(back.column_dimensions[get_column_letter(i)].width) for i in range(1, 8)) <= printable_width_px("A4")
