"""审计校验码: the audit head printed on every exported register, letter and report (a paper anchor).

One helper for every export: `footer_code(session)` reads the head row (one primary-key read) while
the export gathers its data. Printed as "审计校验码 1234-9f3a2b7c1d0e": the sequence and the first 12
hex digits of the head's hash. `govinfo-desk audit verify --code 1234-9f3a2b7c1d0e` later checks that
the trail still holds that entry with that hash, so a trail cut short or rewritten after the paper
was printed is found even by someone who has only the paper.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.audit.models import AuditHead
from app.audit.witness import Head

LABEL = "审计校验码"


def footer_code(session: Session) -> str:
    """"审计校验码 <seq>-<12 hex>" for the trail as this session sees it ("" before the first entry)."""
    head = session.get(AuditHead, 1)
    if head is None or head.last_seq == 0:
        return ""
    return f"{LABEL} {Head(head.last_seq, head.last_hash).code}"
