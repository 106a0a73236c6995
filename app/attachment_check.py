"""An attachment's bytes are checked against the SHA-256 stored when it was added, every time they
leave the database (opened for viewing, saved as, put into a case file), issue 13.

A mismatch means the stored file was damaged or changed behind the program's back (a SQL client,
a damaged page). The bytes are refused, never handed to Word or written into a case file, and the
refusal is recorded in the audit trail. Reads run on read sessions that cannot write, so the
exception carries what happened and the caller that owns the units of work records it
(`record_damage_in`: ui.operations for the GUI, `run_export` for exports).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from app.errors import UserError

if TYPE_CHECKING:
    from app.auth.actor import Actor

log = logging.getLogger("govinfo.attachments")

ACTION = "integrity_failed"
KIND_LABELS = {"case_document": "案卷材料", "post_attachment": "稿件附件", "disclosure_attachment": "公开事项附件"}


class AttachmentDamaged(UserError):
    """The stored bytes no longer match the hash taken when the file was added."""

    def __init__(self, record_type: str, record_id: int, filename: str, expected: str, actual: str) -> None:
        self.record_type, self.record_id, self.filename = record_type, record_id, filename
        self.expected, self.actual = expected, actual
        label = KIND_LABELS.get(record_type, "附件")
        super().__init__(
            f"{label}“{filename}”已损坏或被改动：内容与添加时记录的校验值不符"
            f"（应为 {expected[:12]}…，现为 {actual[:12]}…）。为防止使用被改动的文件，已拒绝打开或导出，"
            "此事已记入审计记录。请报告系统管理员：从最近的备份中核对该文件，或重新添加原件。"
        )


def checked(record_type: str, record_id: int, filename: str, content: bytes, sha256: str) -> bytes:
    """`content` when its SHA-256 is the stored one; AttachmentDamaged otherwise."""
    actual = hashlib.sha256(content).hexdigest()
    if actual != sha256:
        raise AttachmentDamaged(record_type, record_id, filename, sha256, actual)
    return content


def record_damage(session: Session, actor: Actor, exc: AttachmentDamaged) -> None:
    from app.audit.service import record

    record(session, actor, ACTION, exc.record_type, exc.record_id,
           after={"文件名": exc.filename, "添加时的校验值": exc.expected, "现在的校验值": exc.actual},
           summary=f"{KIND_LABELS.get(exc.record_type, '附件')}“{exc.filename}”校验不符，已拒绝打开或导出")


def record_damage_in(begin: Callable[[], AbstractContextManager[Session]], actor: Actor,
                     exc: BaseException) -> None:
    """When `exc` is AttachmentDamaged, record it in its own unit of work (`begin()`); never raises,
    so the refusal the user sees is the damage, not a failure to record it (which is logged)."""
    if not isinstance(exc, AttachmentDamaged):
        return
    try:
        with begin() as session:
            record_damage(session, actor, exc)
    except Exception:
        log.exception("Could not record the damaged attachment %s #%s", exc.record_type, exc.record_id)
