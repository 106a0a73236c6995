"""An office's 受理回执 template from an older version still promises “20个工作日内（…前）”, which is
not what a paused or extended 答复期限 is. The receipt is refused from such a template (the service
says why and what to do); the update rewrites that sentence only and keeps a backup (audited).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from app.audit.service import record
from app.cases.archive import CASE_ROLES
from app.context import Actor
from app.errors import ValidationError

OUTDATED_MESSAGE = (
    "本单位模板文件夹中的“受理回执.docx”是旧版模板，仍写着“自收到申请之日起20个工作日内（答复期限前）”。"
    "答复期限扣除征求意见、收费等期间或延期后，不再是“20个工作日内”，这样打印的回执与实际期限不符。"
    "请更新模板：程序只改写这一句（改为“本件答复期限为……”），本单位对模板的其他修改保留，原文件另存为备份。"
)


def receipt_template_outdated(folder: Path) -> bool:
    from reports.letters.outdated import outdated_receipt_lines  # late: document code on demand

    return bool(outdated_receipt_lines(folder))


def refuse_outdated_receipt(folder: Path) -> None:
    if receipt_template_outdated(folder):
        raise ValidationError(OUTDATED_MESSAGE + "在生成受理回执时选择“更新模板”即可。", field="kind")


def update_receipt_template(session: Session, actor: Actor, folder: Path, now: datetime) -> Path:
    """Rewrite the outdated sentence of the office's receipt template; returns the backup path."""
    from reports.letters.outdated import outdated_receipt_lines
    from reports.letters.outdated import update_receipt_template as rewrite

    actor.require(*CASE_ROLES)
    old = outdated_receipt_lines(folder)
    if not old:
        raise ValidationError("受理回执模板已是新版，无需更新。")
    backup = rewrite(folder, now)
    record(session, actor, "update_template", "letter_template", 0,
           before={"受理回执.docx": old}, after={"备份": backup.name},
           summary=f"更新受理回执模板（旧版“20个工作日内（…前）”改为写明答复期限），原文件备份为“{backup.name}”")
    return backup
