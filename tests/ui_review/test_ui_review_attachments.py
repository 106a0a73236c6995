"""稿件附件: files are read before the unit of work; a missing file or a refusal saves nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from ui.context import AppContext
from ui.review.attachments_panel import AttachmentsPanel

pytestmark = pytest.mark.gui


def test_add_files_then_a_missing_file_adds_nothing(qtbot, ctx: AppContext, add_post, boxes, tmp_path: Path) -> None:
    post_id = add_post()
    panel = AttachmentsPanel(ctx)
    qtbot.addWidget(panel)
    panel.set_post(post_id, editable=True)
    scan, letter = tmp_path / "批示扫描件.pdf", tmp_path / "公函.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    letter.write_bytes(b"%PDF-1.4 letter")
    assert panel.add_files([scan, letter], "basis")
    assert sorted(r.filename for r in panel.model.rows) == ["公函.pdf", "批示扫描件.pdf"]

    assert not panel.add_files([scan, tmp_path / "不存在.pdf"], "basis")
    assert len(panel.model.rows) == 2  # the readable file was not added either
    assert any(t.startswith("无法读取文件") for t in boxes.texts())
