"""The daily check of every stored attachment against the SHA-256 taken when it was added (issue 13).

Files are checked whenever they leave the database (app.attachment_check); this sweep finds a file
damaged or changed behind the program's back before anyone needs it, while the backups that still
hold the good copy are fresh. It runs with the day's automatic backup, reading one file at a time
so a case file with recordings does not fill the memory.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.attachment_check import KIND_LABELS, AttachmentDamaged, record_damage
from app.errors import UserError

if TYPE_CHECKING:
    from app.auth.actor import Actor
    from app.bootstrap import Database


class DamagedAttachmentsFound(UserError):
    """The daily check found attachments whose bytes no longer match their stored hash."""

    def __init__(self, damaged: list[AttachmentDamaged]) -> None:
        self.damaged = damaged
        names = "、".join(f"{KIND_LABELS.get(d.record_type, '附件')}“{d.filename}”" for d in damaged[:5])
        more = f"等 {len(damaged)} 个文件" if len(damaged) > 5 else ""
        super().__init__(
            f"每日检查发现{names}{more}与添加时记录的校验值不符（已损坏或被改动），已记入审计记录。"
            "这些文件在打开或导出时会被拒绝。请系统管理员从最近的备份中核对，或向经办人要回原件重新添加。"
        )


def _sources() -> tuple[tuple[str, Any], ...]:
    # Imported when used: app/ packages of the three areas build on this layer, not the other way.
    from app.cases.models import CaseDocument
    from app.disclosure.models import DisclosureAttachment
    from app.review.models import PostAttachment

    return (("case_document", CaseDocument), ("post_attachment", PostAttachment),
            ("disclosure_attachment", DisclosureAttachment))


def damaged_attachments(session: Session) -> Iterator[AttachmentDamaged]:
    """Every stored file whose bytes differ from its stored hash, one file read at a time."""
    for record_type, model in _sources():
        for row_id in session.scalars(select(model.id).order_by(model.id)).all():
            row = session.execute(select(model.filename, model.sha256, model.content)
                                  .where(model.id == row_id)).first()
            if row is None:  # removed while the sweep ran
                continue
            actual = hashlib.sha256(row.content).hexdigest()
            if actual != row.sha256:
                yield AttachmentDamaged(record_type, row_id, row.filename, row.sha256, actual)


def sweep_attachments(db: Database, actor: Actor) -> None:
    """Check every attachment; record each mismatch in the audit trail and raise
    DamagedAttachmentsFound naming them (nothing is changed or removed)."""
    with db.reader() as session:
        damaged = list(damaged_attachments(session))
    if not damaged:
        return
    with db.session_factory.begin() as session:
        for found in damaged:
            record_damage(session, actor, found)
    raise DamagedAttachmentsFound(damaged)
