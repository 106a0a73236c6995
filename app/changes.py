"""A cheap "has anything changed?" for PCs sharing one database.

Every change to a record reaches the audit trail, whose single head row carries the sequence
number of the latest entry; comparing that number is one primary-key read, so every PC can poll
it every few seconds without loading the server.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.models import AuditHead


def change_stamp(session: Session) -> int:
    """The sequence number of the latest audit entry (0 on an empty database)."""
    return int(session.scalar(select(AuditHead.last_seq).where(AuditHead.id == 1)) or 0)
