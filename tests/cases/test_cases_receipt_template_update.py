"""An office's older 受理回执 template (“20个工作日内（{{答复期限}}前）”): detected, the receipt refused
with the reason, the sentence rewritten on request with the office's own edits kept and a backup."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

import pytest
from docx import Document
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.models import AuditEntry
from app.cases.letters import generate_letter
from app.cases.receipt_template import receipt_template_outdated, update_receipt_template
from app.context import Actor
from app.errors import ValidationError
from reports.letters import build_default
from reports.letters.outdated import outdated_receipt_lines
from tests.cases.test_cases_letters import _office, _register, people  # noqa: F401  (fixture)

OLD = ("根据《中华人民共和国政府信息公开条例》第三十三条的规定，本机关将自收到申请之日起20个工作日内"
       "（{{答复期限}}前）予以答复；需要延长答复期限的，将书面告知您。征求第三方和其他机关意见"
       "所需时间不计算在上述期限内；申请内容需要补正的，答复期限自收到补正后的申请之日起计算。")
OWN = "本单位提示：领取答复书时请携带本回执。"
NOW = datetime(2026, 1, 5, 9, 30)


def _old_template(folder: Path, split: bool) -> Path:
    """The receipt as an older version wrote it, with an edit of the office's own."""
    doc = build_default("receipt")
    paragraph = next(p for p in doc.paragraphs if "本件答复期限为" in p.text)
    first = paragraph.runs[0]
    for run in paragraph.runs[1:]:
        run._r.getparent().remove(run._r)
    if split:  # Word often splits a sentence into runs where the office once typed or formatted
        first.text = OLD[:40]
        tail = paragraph.add_run(OLD[40:])
        tail.bold = False
    else:
        first.text = OLD
    doc.add_paragraph(OWN)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "受理回执.docx"
    doc.save(str(path))
    return path


def _texts(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    return "\n".join([p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells])


@pytest.mark.parametrize("split", [False, True])
def test_outdated_receipt_refused_then_updated_keeping_the_office_edits(
    session: Session, people: dict[str, Actor], tmp_path: Path, split: bool,  # noqa: F811
) -> None:
    folder = tmp_path / "templates"
    path = _old_template(folder, split)
    original = path.read_bytes()
    _office(session)
    case = _register(session, people["clerk"])
    assert receipt_template_outdated(folder) and len(outdated_receipt_lines(folder)) == 1
    with pytest.raises(ValidationError, match=r"旧版模板.*20个工作日内"):
        generate_letter(session, people["clerk"], case.id, "receipt", folder)

    backup = update_receipt_template(session, people["clerk"], folder, NOW)
    assert backup.name == "受理回执（旧版备份20260105093000）.docx" and backup.read_bytes() == original
    assert not receipt_template_outdated(folder)
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "update_template")).one()
    assert backup.name in entry.summary

    text = _texts(generate_letter(session, people["clerk"], case.id, "receipt", folder).content)
    assert "20个工作日内（" not in text
    # Received Mon 2024-05-06; 20 working days: 5/7–5/10 (4), Sat 5/11 a make-up working day (5),
    # 5/13–17 (10), 5/20–24 (15), 5/27–31 (20) → 2024-05-31.
    assert "本件答复期限为2024年5月31日，本机关将在此期限内予以答复" in text
    assert "不计算在答复期限内" in text and "不计算在上述期限内" not in text
    assert OWN in text  # the office's own edit is still there
    with pytest.raises(ValidationError, match="已是新版"):
        update_receipt_template(session, people["clerk"], folder, NOW)


def test_current_and_missing_templates_are_not_outdated(tmp_path: Path) -> None:
    assert not receipt_template_outdated(tmp_path / "none")
    folder = tmp_path / "t"
    folder.mkdir()
    build_default("receipt").save(str(folder / "受理回执.docx"))
    assert not receipt_template_outdated(folder)
