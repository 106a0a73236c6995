"""A cheap "has anything changed?" for PCs sharing one database.

Every change to a record reaches the audit trail, whose single head row carries the sequence
number of the latest entry; comparing that number is one primary-key read, so every PC can poll
it every few seconds without loading the server.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.models import AuditHead


def change_stamp(session: Session) -> int:
    """The sequence number of the latest audit entry (0 on an empty database)."""
    return int(session.scalar(select(AuditHead.last_seq).where(AuditHead.id == 1)) or 0)


class RecordKind(StrEnum):
    """Which kind of record a user action changed; lists and dashboards refresh on the kinds they show."""

    CASES = "cases"
    REVIEW = "review"
    DISCLOSURE = "disclosure"
    USERS = "users"
    CALENDAR = "calendar"
    SETTINGS = "settings"
    GUIDE = "guide"
    WEBSITE_REPORT = "website_report"


@dataclass(frozen=True)
class Changes:
    """What one finished operation changed (Anki's OpChanges): announced once, after the commit."""

    kinds: frozenset[RecordKind]

    @classmethod
    def of(cls, *kinds: RecordKind) -> Changes:
        return cls(frozenset(kinds))

    def touches(self, *kinds: RecordKind) -> bool:
        return any(k in self.kinds for k in kinds)
