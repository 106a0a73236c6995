"""导出台账 / 导入台账 from the tab: off the GUI thread, the problems shown before anything is written."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from app.cases.enums import CaseStatus
from app.cases.models import RequestCase
from app.cases.queries import CaseFilter
from ui.cases.tab import CasesTab

pytestmark = pytest.mark.gui


def _count(db) -> int:
    with db.session_factory() as s:
        return int(s.scalar(select(func.count(RequestCase.id))) or 0)


def _wait(qtbot, handle) -> None:
    qtbot.waitUntil(lambda: handle.is_finished, timeout=20_000)


def _export(qtbot, tab: CasesTab, path: Path, f: CaseFilter) -> None:
    _wait(qtbot, tab.registers.export(path, f))
    assert path.exists()


def _cells(path: Path) -> list[list[object]]:
    ws = load_workbook(path, read_only=True)["依申请公开登记台账"]  # the full sheet, beside the print sheet
    assert ws is not None
    return [list(r) for r in ws.iter_rows(values_only=True)]


def test_export_follows_the_list_filter(qtbot, ctx, add_case, tmp_path, boxes) -> None:
    first = add_case(name="张三", content="道路改造工程招标文件")
    add_case(name="李四", content="征地补偿标准")
    tab = CasesTab(ctx)
    qtbot.addWidget(tab)
    everything = tmp_path / "all.xlsx"
    _export(qtbot, tab, everything, tab.current_filter())
    text = str(_cells(everything))
    assert "张三" in text and "李四" in text
    assert any("已导出 2 件" in t for t in boxes.texts()), boxes.texts()
    boxes.close()

    tab.filters.search.setText("征地")
    tab.filters.flush()
    narrowed = tmp_path / "filtered.xlsx"
    _export(qtbot, tab, narrowed, tab.current_filter())
    text = str(_cells(narrowed))
    assert "李四" in text and "张三" not in text
    assert tab.model.total == 1 and first not in {r.id for r in tab.model.rows}


def _register_with_one_bad_row(source: Path, out: Path) -> None:
    wb = load_workbook(source)
    ws = wb["依申请公开登记台账"]
    assert ws is not None
    header_row = next(r for r in ws.iter_rows() if any(c.value == "受理编号" for c in r))
    columns = {c.value: c.column for c in header_row}
    first = header_row[0].row + 1
    for n, row in enumerate(range(first, ws.max_row + 1), start=1):
        ws.cell(row, columns["受理编号"]).value = f"锦府办依申〔2020〕{n}号"
    ws.cell(first, columns["收到申请日期"]).value = "不是日期"
    wb.save(out)


def test_import_shows_problems_first_and_can_take_only_good_rows(qtbot, db, ctx, add_case, tmp_path, boxes) -> None:
    for name in ("张三", "李四", "王五"):
        add_case(name=name, content=f"{name}申请公开的信息")
    tab = CasesTab(ctx)
    qtbot.addWidget(tab)
    exported = tmp_path / "register.xlsx"
    _export(qtbot, tab, exported, CaseFilter())
    boxes.close()
    broken = tmp_path / "broken.xlsx"
    _register_with_one_bad_row(exported, broken)

    _wait(qtbot, tab.registers.check(broken))
    preview = tab.registers.preview
    assert preview is not None and preview.isVisible()
    assert _count(db) == 3  # checking writes nothing
    problems = preview.problems
    assert problems.rowCount() >= 1
    assert any(problems.index(r, 1).data() == "收到申请日期" and problems.index(r, 2).data() == "错误"
               for r in range(problems.rowCount()))
    assert not preview.import_button.isEnabled()  # all-or-nothing: an error refuses the whole file
    preview.only_valid.setChecked(True)
    assert preview.import_button.isEnabled()
    qtbot.mouseClick(preview.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.registers.task is not None and tab.registers.task.is_finished, timeout=20_000)
    assert _count(db) == 5
    assert tab.model.total == 5  # the list refreshed itself
    assert any("已导入 2 件" in t for t in boxes.texts()), boxes.texts()
    with db.session_factory() as s:
        imported = s.scalars(select(RequestCase).where(RequestCase.case_no.like("%〔2020〕%"))).all()
        assert {CaseStatus(c.status) for c in imported} <= set(CaseStatus)
        assert all(c.due_on is not None or c.status == CaseStatus.CLOSED.value for c in imported)
