"""Register import keeps old registers importable: a result whose facts the row lacks is a warning
in the row report (and `import-register --check` lists it), never an error (issue 11)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from app.bootstrap import Database
from app.cases.register_import import check_register, import_register
from app.cli import main
from app.context import Actor

TODAY = date(2025, 1, 15)
HEADERS = ["受理编号", "申请人类型", "申请人", "申请方式", "收到申请日期", "申请内容", "补正告知日期", "补正收到日期",
           "征求意见发出日期", "答复日期", "办理结果", "具体情形"]


def register(path: Path, *rows: list[object]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(HEADERS)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def row(n: int, name: str, received: str, replied: str, outcome: str, detail: str | None,
        notice: str | None = None, supplied: str | None = None, consulted: str | None = None) -> list[object]:
    return [f"锦府办依申〔2024〕{n}号", "自然人", name, "互联网", received, "请公开预算", notice, supplied, consulted,
            replied, outcome, detail]


ROWS = [
    row(1, "张三", "2024-03-05", "2024-04-01", "其他处理", "1", notice=None),  # 逾期不补正 without a notice
    row(2, "张三", "2024-03-05", "2024-04-01", "其他处理", "1", notice="2024-03-06", supplied="2024-03-10"),
    row(3, "李四", "2024-03-05", "2024-04-01", "无法提供", "3"),  # 补正后仍不明确 without a supplement
    row(4, "王五", "2024-03-05", "2024-04-01", "不予公开", "4"),  # third-party rights without a consultation
    row(5, "赵六", "2024-03-05", "2024-04-01", "不予处理", "2"),  # 重复申请 with no earlier answered case
    row(6, "张三", "2024-05-05", "2024-05-20", "不予处理", "2"),  # 重复申请: rows 1 and 2 answered 张三 before
    row(7, "孙七", "2024-03-05", "2024-04-01", "不予公开", "4", consulted="2024-03-06"),  # fine
]


def test_missing_facts_are_warnings_and_the_rows_import(db: Database, tmp_path: Path) -> None:
    path = register(tmp_path / "old.xlsx", *ROWS)
    with db.session_factory() as s:
        report = check_register(s, path, TODAY)
    assert report.errors == []
    by_row = {p.row: p.message for p in report.warnings if p.column == "具体情形"}
    assert "没有补正告知日期" in by_row[2]
    assert "填写了补正收到日期" in by_row[3]
    assert "没有补正收到日期" in by_row[4]
    assert "没有征求意见日期" in by_row[5]
    assert "没有同一申请人此前已答复的申请" in by_row[6]
    assert 7 not in by_row and 8 not in by_row
    with db.session_factory.begin() as s:
        assert import_register(s, Actor.system(), path, TODAY).imported == len(ROWS)


def test_check_lists_the_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = register(tmp_path / "old.xlsx", *ROWS)
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "import-register", str(path), "--check", "--today", "2025-01-15"]) == 0
    out = capsys.readouterr().out
    assert "第2行 具体情形：（提示）" in out and "没有补正告知日期" in out
    assert "第6行 具体情形" in out
