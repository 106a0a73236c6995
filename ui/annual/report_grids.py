"""Parts 2, 3 and 4 as the national template draws them (the same merges as the Word export).

Labels come from app.annual.layout, word for word; this module only places them in a grid.
"""

from __future__ import annotations

from decimal import Decimal

from app.annual.layout import PART2_SECTIONS, PART3_COLUMN_LABELS, PART3_CORNER_NOTE, REMEDY_RESULTS, part3_rows
from app.annual.service import ReportData
from app.disclosure.figures import Part2
from ui.annual.grid_model import Cell, CellKind, Span

Grid = tuple[list[list[Cell]], list[Span]]
H, L, N = CellKind.HEADER, CellKind.LABEL, CellKind.NUMBER
PART3_TOTAL = len(PART3_COLUMN_LABELS) - 1  # the 总计 column
RESULTS_HEADING = "三、本年度办理结果"
CONTENT_HEADER = "信息内容"  # the template's column heading in Part 2


def _amount(value: Decimal) -> str:
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def part2_grid(p: Part2) -> Grid:
    """Four sections; each: its heading across the table, a header row, then its items.

    Part 2's numbers come from the disclosure register and the yearly form, not from request
    cases, so they are not drillable here.
    """
    values: dict[str, list[str]] = {
        "规章": [str(n) for n in p.rules], "行政规范性文件": [str(n) for n in p.normative],
        "行政许可": [str(p.licensing)], "行政处罚": [str(p.punishment)], "行政强制": [str(p.enforcement)],
        "行政事业性收费": [_amount(p.fees_amount)],
    }
    cells: list[list[Cell]] = []
    spans: list[Span] = []
    for heading, items, columns in PART2_SECTIONS:
        spans.append(Span(len(cells), 0, 1, 4))
        cells.append([Cell(heading, H), Cell(kind=H), Cell(kind=H), Cell(kind=H)])
        wide = len(columns) == 1  # a single figure spans the three number columns
        if wide:
            spans.append(Span(len(cells), 1, 1, 3))
        cells.append([Cell(CONTENT_HEADER, H), *(Cell(c, H) for c in columns), *[Cell(kind=H)] * (3 - len(columns))])
        for item in items:
            numbers = [Cell(v, N) for v in values[item]]
            if wide:
                spans.append(Span(len(cells), 1, 1, 3))
            cells.append([Cell(item, L, center=True), *numbers, *[Cell(kind=N)] * (3 - len(numbers))])
    return cells, spans


def part3_grid(counts: dict[str, list[int]]) -> Grid:
    """Three label columns: 三、本年度办理结果 spans every result row, each result group with
    sub-rows spans its sub-rows; seven number columns under the two-level applicant header."""
    blank = Cell(kind=H)
    cells: list[list[Cell]] = [
        [Cell(PART3_CORNER_NOTE, CellKind.NOTE), blank, blank, Cell("申请人情况", H), *[blank] * 6],
        [blank, blank, blank, Cell(PART3_COLUMN_LABELS[0], H), Cell("法人或其他组织", H), *[blank] * 4,
         Cell(PART3_COLUMN_LABELS[-1], H)],
        [blank, blank, blank, blank, *(Cell(label, H) for label in PART3_COLUMN_LABELS[1:-1]), blank],
    ]
    spans = [Span(0, 0, 3, 3), Span(0, 3, 1, 7), Span(1, 3, 2, 1), Span(1, 4, 1, 5), Span(1, 9, 2, 1)]
    rows = [r for r in part3_rows() if r.has_numbers]
    first_result = last_result = -1
    groups: dict[str, list[int]] = {}
    for row in rows:
        r = len(cells)
        numbers = [Cell(str(n), N, ("part3", row.key, column)) for column, n in enumerate(counts.get(row.key, []))]
        if not row.group:  # 一、二、四: the label spans the three label columns
            spans.append(Span(r, 0, 1, 3))
            cells.append([Cell(row.label, L), Cell(kind=L), Cell(kind=L), *numbers])
            continue
        first_result = r if first_result < 0 else first_result
        last_result = r
        if row.group == RESULTS_HEADING:  # （一）（二）（七）
            spans.append(Span(r, 1, 1, 2))
            cells.append([Cell(kind=L), Cell(row.label, L), Cell(kind=L), *numbers])
        else:
            groups.setdefault(row.group, []).append(r)
            cells.append([Cell(kind=L), Cell(kind=L), Cell(row.label, L), *numbers])
    if first_result >= 0:
        cells[first_result][0] = Cell(RESULTS_HEADING, L, center=True)
        spans.append(Span(first_result, 0, last_result - first_result + 1, 1))
    for label, indexes in groups.items():
        cells[indexes[0]][1] = Cell(label, L, center=True)
        spans.append(Span(indexes[0], 1, len(indexes), 1))
    return cells, spans


def part4_grid(numbers: list[int]) -> Grid:
    labels = [*REMEDY_RESULTS, "总计"]
    blank = Cell(kind=H)
    cells: list[list[Cell]] = [
        [Cell("行政复议", H), *[blank] * 4, Cell("行政诉讼", H), *[blank] * 9],
        [*[blank] * 5, Cell("未经复议直接起诉", H), *[blank] * 4, Cell("复议后起诉", H), *[blank] * 4],
        [Cell(label, H) for label in labels * 3],
        [Cell(str(n), N, ("part4", i)) for i, n in enumerate(numbers)],
    ]
    spans = [Span(0, 0, 2, 5), Span(0, 5, 1, 10), Span(1, 5, 1, 5), Span(1, 10, 1, 5)]
    return cells, spans


def grids(data: ReportData) -> tuple[Grid, Grid, Grid]:
    return part2_grid(data.part2), part3_grid(data.part3), part4_grid(data.part4)
