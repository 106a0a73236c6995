"""Rows written as sheet XML (reports.xlsx_rows) read back as openpyxl's own cells would: values,
types, styles, heights; a failure mid-way leaves no half-written stream behind."""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, Side

from reports.xlsx_rows import CHUNK, SheetRows, write_sheet_data
from reports.xlsx_sheet import write_table

HEADERS = ["文本", "日期", "时间", "数字", "布尔"]


def _book(tmp_path: Path, rows: list[list[object]]) -> Path:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("台账")
    write_table(ws, "标题", HEADERS, rows, [20, 12, 16, 10, 6], wrap_columns={0})  # type: ignore[arg-type]
    path = tmp_path / "rows.xlsx"
    wb.save(path)
    return path


def test_values_and_types_read_back(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["a & b < c > d", dt.date(2024, 2, 29), dt.datetime(2024, 3, 1, 8, 5), 42, True],
        ["  前后空格  ", dt.date(1900, 1, 1), None, Decimal("3.25"), False],
        ["=SUM(A1:A2)", None, None, 1.5, None],
        ["第一行\r\n第二行\x07", None, None, -7, None],
        ["#N/A", None, None, 0, None],
    ]
    ws = load_workbook(_book(tmp_path, rows))["台账"]
    got = [[c.value for c in row] for row in ws.iter_rows(min_row=3)]
    assert got[0] == ["a & b < c > d", dt.datetime(2024, 2, 29), dt.datetime(2024, 3, 1, 8, 5), 42, True]
    assert got[1] == ["  前后空格  ", dt.datetime(1900, 1, 1), None, 3.25, False]
    assert got[2][0] == "=SUM(A1:A2)" and ws["A5"].data_type == "s" and ws["A5"].quotePrefix  # text, not a formula
    assert got[3][0] == "第一行\r\n第二行"  # \r kept, the control character dropped
    assert got[4][0] == "#N/A" and ws["A7"].data_type == "s" and ws["A7"].quotePrefix
    assert ws["B3"].number_format == "yyyy-mm-dd" and ws["C3"].number_format == "yyyy-mm-dd hh:mm"
    assert ws["A3"].alignment.wrap_text and not ws["D3"].has_style  # plain values stay unstyled
    assert ws["A1"].value == "标题" and ws["A1"].font.b and "A1:E1" in {str(r) for r in ws.merged_cells.ranges}
    assert [c.value for c in ws[2]] == HEADERS and all(c.font.b and c.fill.fgColor.rgb.endswith("D9D9D9")
                                                       for c in ws[2])
    assert ws.row_dimensions[1].height == 30
    assert ws.row_dimensions[6].height == 32  # two lines of 16 pt (the wrapped \n)


def test_many_rows_cross_chunks_in_order(tmp_path: Path) -> None:
    n = CHUNK * 2 + 7
    ws = load_workbook(_book(tmp_path, [[f"第{i}行", None, None, i, None] for i in range(1, n + 1)]), read_only=True)
    values = [row for row in ws["台账"].iter_rows(min_row=3, values_only=True)]
    assert len(values) == n and values[0][0] == "第1行" and values[-1][3] == n
    assert [v[3] for v in values] == list(range(1, n + 1))


def test_styled_empty_cells_are_written(tmp_path: Path) -> None:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("表")
    out = SheetRows(ws)
    boxed = out.column(font=Font(name="宋体", size=10), border=Border(left=Side(style="thin")),
                       alignment=Alignment(wrap_text=True), keep_empty=True)
    write_sheet_data(ws, iter([out.row(1, ["甲", None, ""], [boxed] * 3, 20.5)]))
    wb.save(tmp_path / "e.xlsx")
    back = load_workbook(tmp_path / "e.xlsx")["表"]
    for ref in ("A1", "B1", "C1"):
        assert back[ref].font.name == "宋体" and back[ref].border.left.style == "thin", ref
    assert back["B1"].value is None and back.row_dimensions[1].height == 20.5


def test_failure_mid_way_raises_and_nothing_is_half_saved(tmp_path: Path) -> None:
    def rows() -> Iterator[list[object]]:
        yield ["一", None, None, 1, None]
        raise RuntimeError("取消")

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("台账")
    with pytest.raises(RuntimeError, match="取消"):
        write_table(ws, "标题", HEADERS, rows())
    assert not list(tmp_path.iterdir())


def test_the_sheet_xml_is_openpyxl_shaped(tmp_path: Path) -> None:
    path = _book(tmp_path, [["甲", dt.date(2024, 1, 2), None, 1, None]])
    with zipfile.ZipFile(path) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode()
    # Rows sit in the main namespace (no re-declaration per row) before the merged cells and page setup.
    assert xml.count("xmlns=") == 1 and '<row r="3">' in xml
    assert xml.index("</sheetData>") < xml.index("<mergeCells") < xml.index("<pageSetup")
