"""Excel registers: print setup, text that must stay text, real dates, and reading back."""

from __future__ import annotations

import datetime as dt
import gc
import re
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from app.errors import UserError
from reports.xlsx_sheet import CellValue, read_table, write_table

HEADERS = ["受理编号", "申请人", "收到申请日期", "申请内容", "件数"]
RISKY = ["=1+1", "+86 138 0000 0000", "-5", "@SUM(A1)", "#N/A", '=HYPERLINK("http://x","y")', "=", "-"]


def _rows() -> list[list[CellValue]]:
    rows: list[list[CellValue]] = []
    for i, text in enumerate(RISKY):
        rows.append([f"YSQ-{i:03d}", text, dt.date(2024, 3, 5 + i), "预算\n决算", i])
    rows.append(["YSQ-999", "控制\x01字符", None, "很长的申请内容" * 20, 1.5])
    return rows


def _export(path: Path, write_only: bool, title: str | None = "依申请公开登记台账",
            rows: Sequence[Sequence[CellValue]] | None = None) -> int:
    wb = Workbook(write_only=write_only)
    ws = wb.create_sheet("登记台账") if write_only else wb.active
    if not write_only:
        ws.title = "登记台账"
    count = write_table(ws, title, HEADERS, _rows() if rows is None else rows, [14, 16, 14, 30, 8],
                        wrap_columns=(3,))
    wb.save(path)
    return count


@pytest.fixture(params=[True, False], ids=["write-only", "normal"])
def exported(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    path = tmp_path / "台账.xlsx"
    assert _export(path, request.param) == len(RISKY) + 1
    return path


def test_title_header_and_print_setup(exported: Path) -> None:
    ws = load_workbook(exported)["登记台账"]
    assert ws["A1"].value == "依申请公开登记台账"
    assert [str(r) for r in ws.merged_cells.ranges] == ["A1:E1"]
    assert [c.value for c in ws[2]] == HEADERS
    header = ws["B2"]
    assert header.font.bold and header.fill.fgColor.rgb.endswith("D9D9D9")
    assert header.border.left.style == header.border.bottom.style == "thin"
    assert ws.freeze_panes == "A3"
    assert ws.auto_filter.ref == f"A2:E{2 + len(RISKY) + 1}"
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert (int(ws.page_setup.fitToWidth), int(ws.page_setup.fitToHeight)) == (1, 0)
    assert ws.print_title_rows == "$2:$2"
    assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"
    assert ws.print_options.gridLines is True
    assert ws.column_dimensions["D"].width == 30


def test_formula_looking_text_stays_text(exported: Path) -> None:
    ws = load_workbook(exported)["登记台账"]
    for row, text in enumerate(RISKY, start=3):
        cell = ws.cell(row=row, column=2)
        assert cell.value == text
        assert cell.data_type == "s"
    assert ws["B3"].quotePrefix is True  # Excel keeps it text even after the user edits it
    with zipfile.ZipFile(exported) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        for name in sheets:
            assert not re.search(rb"<(\w+:)?f[ >/]", archive.read(name)), name


def test_dates_are_real_dates_and_numbers_numbers(exported: Path) -> None:
    ws = load_workbook(exported)["登记台账"]
    cell = ws["C3"]
    assert cell.is_date and cell.value == dt.datetime(2024, 3, 5)
    assert cell.number_format == "yyyy-mm-dd"
    assert ws["E4"].value == 1 and ws["E4"].data_type == "n"
    assert ws.cell(row=3 + len(RISKY), column=5).value == 1.5


def test_control_characters_are_dropped_and_long_text_wraps(exported: Path) -> None:
    ws = load_workbook(exported)["登记台账"]
    last = 3 + len(RISKY)
    assert ws.cell(row=last, column=2).value == "控制字符"
    long_cell = ws.cell(row=last, column=4)
    assert long_cell.alignment.wrap_text is True
    assert ws.row_dimensions[last].height and ws.row_dimensions[last].height > 15 * 5
    assert ws.row_dimensions[3].height == 32  # "预算\n决算": two lines


def test_without_title_the_header_is_row_one(tmp_path: Path) -> None:
    path = tmp_path / "exchange.xlsx"
    _export(path, write_only=True, title=None)
    ws = load_workbook(path).active
    assert [c.value for c in ws[1]] == HEADERS
    assert ws.freeze_panes == "A2"
    assert ws.print_title_rows == "$1:$1"
    assert ws.auto_filter.ref.startswith("A1:E")


def test_empty_register_still_has_header_and_filter(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    assert _export(path, write_only=True, rows=[]) == 0
    ws = load_workbook(path).active
    assert ws.auto_filter.ref == "A2:E2"


def test_row_of_wrong_width_is_a_programming_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="3 values for 5 columns"):
        _export(tmp_path / "x.xlsx", write_only=True, rows=[["a", "b", "c"]])


@pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")
def test_failing_row_source_propagates_cleanly(tmp_path: Path) -> None:
    def rows() -> Iterator[list[CellValue]]:
        yield ["A-1", "张三", None, "x", 1]
        raise RuntimeError("database went away")

    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    with pytest.raises(RuntimeError, match="database went away"):
        write_table(ws, "台账", HEADERS, rows())
    del wb, ws
    gc.collect()  # an unclosed openpyxl stream would complain here


@pytest.mark.parametrize("write_only", [True, False])
def test_read_table_round_trip_of_our_export(tmp_path: Path, write_only: bool) -> None:
    path = tmp_path / "台账.xlsx"
    _export(path, write_only)
    with read_table(path, ["受理编号", "申请人"]) as table:
        assert table.header_row == 2
        assert table.columns == {h: i for i, h in enumerate(HEADERS)}
        rows = list(table.rows())
    assert [n for n, _ in rows] == list(range(3, 3 + len(RISKY) + 1))
    first = rows[0][1]
    assert first[:3] == ("YSQ-000", "=1+1", dt.datetime(2024, 3, 5))


def test_read_table_header_in_row_one_with_odd_spacing_and_blank_rows(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["备注", " 受理 编号 ", "申请人*", "不认识的列"])
    ws.append(["", "A-1", "张三", "x"])
    ws.append([None, None, None])
    ws.append([None, "  ", None])
    ws.append([None, "A-2", "李四"])
    path = tmp_path / "old.xlsx"
    wb.save(path)
    with read_table(path, ["受理编号", "申请人"]) as table:
        assert table.header_row == 1
        assert table.columns["受理编号"] == 1 and table.columns["申请人"] == 2
        rows = list(table.rows())
    assert rows == [(2, (None, "A-1", "张三", "x")), (5, (None, "A-2", "李四", None))]


def test_read_table_finds_the_register_on_another_sheet(tmp_path: Path) -> None:
    wb = Workbook()
    wb.active.append(["说明"])
    other = wb.create_sheet("台账")
    other.append(["受理编号", "申请人"])
    other.append(["A-1", "张三"])
    path = tmp_path / "two.xlsx"
    wb.save(path)
    with read_table(path, ["受理编号", "申请人"]) as table:
        assert table.sheet_name == "台账"
        assert list(table.rows()) == [(2, ("A-1", "张三"))]


def test_read_table_ignores_wrong_stored_dimensions(tmp_path: Path) -> None:
    path = tmp_path / "dims.xlsx"
    wb = Workbook()
    wb.active.append(["受理编号", "申请人", "申请方式"])
    wb.active.append(["A-1", "张三", "当面"])
    wb.save(path)
    _rewrite_sheet(path, lambda xml: re.sub(rb'<dimension ref="[^"]+"/>', b'<dimension ref="A1:A1"/>', xml))
    with read_table(path, ["受理编号", "申请方式"]) as table:
        assert list(table.rows()) == [(2, ("A-1", "张三", "当面"))]


def test_missing_headers_are_named(tmp_path: Path) -> None:
    wb = Workbook()
    wb.active.append(["受理编号", "申请人"])
    path = tmp_path / "partial.xlsx"
    wb.save(path)
    with pytest.raises(UserError) as info:
        read_table(path, ["受理编号", "申请人", "申请方式", "收到申请日期"])
    message = str(info.value)
    assert "缺少必需的列：申请方式、收到申请日期" in message and "第1行" in message


def test_no_header_at_all(tmp_path: Path) -> None:
    wb = Workbook()
    wb.active.append(["随便", "什么"])
    path = tmp_path / "other.xlsx"
    wb.save(path)
    with pytest.raises(UserError, match="没有找到表头"):
        read_table(path, ["受理编号"])


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("data.csv", b"a,b\n", "不是 Excel 工作簿"),
        ("old.xls", b"\xd0\xcf\x11\xe0rest", "另存为"),
        ("text.xlsx", b"just some text", "已损坏或不完整"),
        ("secret.xlsx", b"\xd0\xcf\x11\xe0" + b"\0" * 600, "设置了打开密码"),
    ],
)
def test_files_that_are_not_registers(tmp_path: Path, name: str, content: bytes, expected: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UserError, match=expected):
        read_table(path, ["受理编号"])


def test_truncated_workbook(tmp_path: Path) -> None:
    path = tmp_path / "full.xlsx"
    _export(path, write_only=True)
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(UserError, match="已损坏或不完整"):
        read_table(cut, ["受理编号"])


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="找不到文件"):
        read_table(tmp_path / "nope.xlsx", ["受理编号"])


def _rewrite_sheet(path: Path, change: object) -> None:
    with zipfile.ZipFile(path) as source:
        items = [(info, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in items:
            if info.filename == "xl/worksheets/sheet1.xml":
                data = change(data)  # type: ignore[operator]
            target.writestr(info, data)
