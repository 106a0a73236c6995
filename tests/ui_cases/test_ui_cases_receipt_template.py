"""打印受理回执 with an older template: the office is told why and asked; “是” updates the template
(backup kept) and prints, “否” prints nothing."""

from __future__ import annotations

import io

import pytest
from docx import Document

from app.paths import templates_dir
from tests.cases.test_cases_receipt_template_update import OWN, _old_template
from ui.cases import actions
from ui.cases.case_detail import CaseDetail

pytestmark = pytest.mark.gui


def _detail(qtbot, ctx, case_id: int) -> CaseDetail:
    detail = CaseDetail(ctx)
    qtbot.addWidget(detail)
    detail.show_case(case_id)
    return detail


def test_yes_updates_and_prints(qtbot, db, ctx, add_case, org_filled, opened, answers, boxes) -> None:
    folder = templates_dir(db.data_dir)
    _old_template(folder, split=True)
    detail = _detail(qtbot, ctx, add_case())
    assert detail.letter("receipt") is not None, boxes.texts()
    assert answers == ["受理回执模板需要更新"]
    assert any(p.name.startswith("受理回执（旧版备份") for p in folder.iterdir())
    text = "\n".join(p.text for p in Document(io.BytesIO(opened[-1].read_bytes())).paragraphs)
    assert "本件答复期限为" in text and "20个工作日内（" not in text and OWN in text


def test_no_prints_nothing(qtbot, db, ctx, add_case, org_filled, opened, boxes, monkeypatch) -> None:
    asked: list[str] = []
    monkeypatch.setattr(actions, "ask", lambda _p, _t, text: asked.append(text) or False)
    folder = templates_dir(db.data_dir)
    _old_template(folder, split=False)
    detail = _detail(qtbot, ctx, add_case())
    assert detail.letter("receipt") is None
    assert asked and "20个工作日内" in asked[0] and "其他修改保留" in asked[0]
    assert not opened and any("未生成受理回执" in t for t in boxes.texts())
    assert not any(p.name.startswith("受理回执（旧版备份") for p in folder.iterdir())
