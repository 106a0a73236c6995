"""Importing a register from the 依申请公开 tab (issue 13): the cases arrive, and the workbook is read
before the unit of work takes the write lock."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtWidgets import QWidget
from sqlalchemy import func, select

from app.bootstrap import Database
from app.cases.models import RequestCase
from app.cases.queries import CaseFilter
from tests.cases._support import probe_write_lock_while_reading
from ui.cases.register_actions import RegisterActions
from ui.context import AppContext

pytestmark = pytest.mark.gui


def test_import_reads_the_workbook_before_taking_the_write_lock(
    qtbot, db: Database, ctx: AppContext, boxes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["受理编号", "申请人类型", "申请人", "申请方式", "收到申请日期", "申请内容"])
    for n in (1, 2, 3):
        ws.append([f"锦府办依申〔2024〕{n}号", "自然人", f"申请人{n}", "互联网", "2024-03-05", "请公开财政预算"])
    path = tmp_path / "台账.xlsx"
    wb.save(path)
    others_could_write = probe_write_lock_while_reading(monkeypatch, db)
    widget = QWidget()
    qtbot.addWidget(widget)
    actions = RegisterActions(ctx, widget, lambda: CaseFilter())
    actions.check(path)  # the preview reads and checks the file
    qtbot.waitUntil(lambda: actions.preview is not None and actions.preview.isVisible(), timeout=30_000)
    assert others_could_write == [True]  # nobody else had to wait while the workbook was parsed
    with qtbot.waitSignal(actions.imported, timeout=30_000) as blocker:
        actions.preview._import()  # 导入 in the preview: writes what was checked, no second parse
    assert blocker.args == [3]
    assert others_could_write == [True]
    with db.reader() as s:
        assert s.scalar(select(func.count()).select_from(RequestCase)) == 3
    qtbot.waitUntil(lambda: any("已导入 3 件" in t for t in boxes.texts()), timeout=10_000)
