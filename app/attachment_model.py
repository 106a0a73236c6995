"""The columns every stored attachment has (a post's pictures and letters, a disclosure item's files).

One mixin instead of the same seven columns in each area's table: a file kept in the database with
its safe name, type, size and SHA-256, and who added it when. The content is deferred so lists of
attachments never load the bytes. The service side is app/attachments.py (new_attachment,
attachment_file), the screen side ui/attachments_panel.py.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import utcnow


class AttachmentColumns:
    id: Mapped[int] = mapped_column(primary_key=True)
    filename: Mapped[str] = mapped_column(String(255))
    mime_type: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    added_by: Mapped[str] = mapped_column(String(64), default="")
    added_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
