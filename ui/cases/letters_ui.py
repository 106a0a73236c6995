"""Generating a letter into the case file and opening it in Word/WPS."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from app.cases.letter_file import issue_letter
from app.changes import RecordKind
from app.paths import templates_dir
from ui.cases import files
from ui.context import AppContext
from ui.operations import Op


def _tr(text: str) -> str:
    return QCoreApplication.translate("letters", text)


LETTER_KINDS: tuple[tuple[str, str], ...] = (
    ("receipt", _tr("受理回执")),
    ("correction", _tr("补正告知书")),
    ("extension", _tr("延期答复告知书")),
    ("third-party", _tr("第三方意见征询书")),
    ("consultation", _tr("部门协商函（办理单）")),
    ("reply", _tr("政府信息公开申请答复书")),
    ("fee", _tr("收费通知书")),
    ("consult-notice", _tr("征求意见告知书（告知申请人）")),
    ("disclosure-notice", _tr("第三方告知书（决定公开）")),
)
LETTER_LABELS = dict(LETTER_KINDS)
LETTER_LABELS["handling-form"] = _tr("办理单")  # built from the record, not a template (app.cases.handling_form)


def generate(parent: QWidget | None, ctx: AppContext, case_id: int, kind: str,
             consultation_id: int | None = None) -> tuple[int, str, bytes] | None:
    """Render the letter from the office's templates and store it; (doc id, filename, bytes)."""
    folder = templates_dir(ctx.db.data_dir)

    def work(s: Session) -> tuple[int, str, bytes]:
        letter = issue_letter(s, ctx.actor, case_id, kind, folder, consultation_id=consultation_id)
        return letter.document_id, letter.filename, letter.content

    ok, result = ctx.run(Op(work, RecordKind.CASES, parent=parent))
    return result if ok else None


def open_generated_letter(parent: QWidget | None, ctx: AppContext, case_id: int, kind: str,
                          consultation_id: int | None = None) -> int | None:
    """Generate, store and open; returns the new document's id (None when refused). Letters to a
    consultee go to the consultation given, else to the latest one of that kind."""
    result = generate(parent, ctx, case_id, kind, consultation_id)
    if result is None:
        return None
    doc_id, filename, content = result
    files.open_document(filename, content, ctx.db.data_dir)
    return doc_id
