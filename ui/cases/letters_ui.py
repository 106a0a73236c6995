"""Generating a letter into the case file and opening it in Word/WPS."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from app.cases.letter_file import issue_letter
from app.cases.receipt_template import OUTDATED_MESSAGE, receipt_template_outdated, update_receipt_template
from app.changes import RecordKind
from app.paths import templates_dir
from ui.cases import actions, files
from ui.context import AppContext
from ui.messages import show_info
from ui.operations import Op
from ui.translate import translator

_tr = translator("letters")


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
    ("excessive-ask", _tr("说明理由通知书（第三十五条）")),
    ("excessive-later", _tr("延迟答复告知书（第三十五条）")),
)
LETTER_LABELS = dict(LETTER_KINDS)
LETTER_LABELS["handling-form"] = _tr("办理单")  # built from the record, not a template (app.cases.handling_form)


def offer_receipt_update(parent: QWidget | None, ctx: AppContext) -> bool:
    """An older 受理回执 template (“20个工作日内（…前）”): say so and offer the update; True when the
    receipt can be generated now. Declining generates nothing (the service would refuse it)."""
    folder = templates_dir(ctx.db.data_dir)
    if not receipt_template_outdated(folder):
        return True
    if not actions.ask(parent, _tr("受理回执模板需要更新"), OUTDATED_MESSAGE + _tr("\n\n现在更新模板吗？")):
        show_info(parent, _tr("受理回执模板需要更新"), _tr("模板未更新，未生成受理回执。更新模板后即可打印。"))
        return False
    ok, backup = ctx.run(Op(lambda s: update_receipt_template(s, ctx.actor, folder, ctx.now()),
                            RecordKind.SETTINGS, parent=parent))
    if ok and backup is not None:
        show_info(parent, _tr("受理回执模板已更新"), _tr("已更新“受理回执.docx”，原文件备份为“{name}”。").format(
            name=backup.name))
    return ok


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
    if kind == "receipt" and not offer_receipt_update(parent, ctx):
        return None
    result = generate(parent, ctx, case_id, kind, consultation_id)
    if result is None:
        return None
    doc_id, filename, content = result
    files.open_document(filename, content, ctx.db.data_dir)
    return doc_id
