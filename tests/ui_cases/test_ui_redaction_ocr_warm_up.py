"""The redaction view starts loading the OCR engine in the background when it shows a scan or when
the clerk ticks OCR, so the first page read does not also wait for the engine (issue 15, speed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.redaction import ocr
from tests.redaction.pdf_samples import scanned_pdf, text_pdf, to_bytes
from tests.ui_cases.test_ui_cases_redaction import _open_case
from ui.cases.redaction_view import RedactionDialog

pytestmark = pytest.mark.gui


def _open(qtbot, db, ctx, clerk, add_case, path: Path) -> RedactionDialog:  # type: ignore[no-untyped-def]
    tab = _open_case(qtbot, db, ctx, clerk, add_case)
    assert tab.detail.redaction.add_file(path)
    dlg = tab.detail.redaction.open_selected()
    assert isinstance(dlg, RedactionDialog)
    return dlg


def test_a_scan_starts_the_engine_and_a_text_pdf_only_when_ocr_is_ticked(  # type: ignore[no-untyped-def]
        qtbot, db, ctx, clerk, add_case, monkeypatch, tmp_path: Path) -> None:
    calls: list[str] = []
    monkeypatch.setattr(ocr, "warm_up", lambda: calls.append("warm"))

    scan = tmp_path / "扫描件.pdf"
    scan.write_bytes(scanned_pdf(["申请人：张三", "其余内容可以公开"], dpi=100))
    dlg = _open(qtbot, db, ctx, clerk, add_case, scan)
    # Asked each time the first page arrives; ocr.warm_up itself loads the engine once.
    qtbot.waitUntil(lambda: "warm" in calls, timeout=30_000)
    dlg.close()

    calls.clear()
    text = tmp_path / "审批表.pdf"
    text.write_bytes(to_bytes(text_pdf([["其余内容可以公开。"]])))
    dlg = _open(qtbot, db, ctx, clerk, add_case, text)
    qtbot.waitUntil(lambda: dlg.loader is not None and dlg.loader.cached_page(0) is not None, timeout=30_000)
    assert calls == []  # a text PDF needs no OCR: nothing loaded for nothing
    dlg.side.ocr_box.setChecked(True)
    assert calls == ["warm"]
    dlg.close()
