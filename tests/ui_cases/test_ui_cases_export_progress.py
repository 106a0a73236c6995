"""导出台账 with the progress dialog on screen ends in the success message alone (issue 14).

The register writer reports its last progress just before it returns. Once the modal progress
dialog was shown, that report used to deliver the result in the middle of the dialog update and a
"意外错误（AttributeError）" box followed the success."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QProgressDialog

from app.cases import register_export
from app.cases.queries import CaseFilter
from ui.cases.tab import CasesTab

pytestmark = pytest.mark.gui


def test_export_with_progress_dialog_shows_only_the_success(qtbot, ctx, add_case, tmp_path, boxes,
                                                           monkeypatch) -> None:
    add_case(name="张三")
    add_case(name="李四")
    on_screen = threading.Event()
    real_write = register_export.atomic_write

    def slow_write(target: Path, writer: Any) -> Path:
        # Holds the worker until the dialog is visible, like an export of thousands of rows.
        assert on_screen.wait(10), "the progress dialog never appeared"
        return real_write(target, writer)

    monkeypatch.setattr(register_export, "atomic_write", slow_write)
    tab = CasesTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    out = tmp_path / "台账.xlsx"
    handle = tab.registers.export(out, CaseFilter())
    qtbot.waitUntil(lambda: isinstance(handle.dialog, QProgressDialog) and handle.dialog.isVisible(),
                    timeout=5000)  # the dialog shows itself after 0.4 s
    on_screen.set()
    qtbot.waitUntil(lambda: handle.is_finished, timeout=20_000)
    qtbot.wait(50)
    assert handle.error is None
    assert boxes.texts() == [f"已导出 2 件到：\n{out}"]
    ws = load_workbook(out, read_only=True).active
    assert ws is not None
    names = {c for row in ws.iter_rows(values_only=True) for c in row}
    assert {"张三", "李四"} <= names
