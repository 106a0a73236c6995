"""Set-up the case tests share: 王小明's request for the 低保 figures, received in person on Mon
2024-03-04, the same request taken into handling, the reply's review and approvals signed as the
forms show them, and a probe of SQLite's write lock during an import."""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any

import pytest
from sqlalchemy.orm import Session

from app.bootstrap import Database
from app.cases.enums import ApplicantType, Channel, DeliveryMethod
from app.cases.handling import start_handling
from app.cases.intake import CaseForm, register_case
from app.cases.models import RequestCase
from app.cases.reply import approve_reply, record_justice_review
from app.context import Actor
from app.signoff.models import SignOff
from app.signoff.service import Decision
from tests.seen_hashes import seen_reply, seen_state

# Replies to this address go by post (the letters' delivery facts need an address).
BY_POST: dict[str, Any] = {"address": "锦屏县三江镇 1 号", "delivery_method": DeliveryMethod.POST}


def case_form(**changes: Any) -> CaseForm:
    values: dict[str, Any] = {
        "applicant_type": ApplicantType.NATURAL, "applicant_name": "王小明", "phone": "13812345678",
        "channel": Channel.IN_PERSON, "submitted_on": date(2024, 3, 4), "content": "申请公开本县低保资金发放情况",
        "delivery_method": DeliveryMethod.IN_PERSON,
    }
    values.update(changes)
    return CaseForm(**values)


def started_case(session: Session, clerk: Actor, form: CaseForm, today: date) -> RequestCase:
    """`form` registered and taken into handling, both on `today`."""
    case = register_case(session, clerk, form, today)
    start_handling(session, clerk, case.id, today=today)
    return case


def review_as_seen(session: Session, clerk: Actor, case_id: int, reviewed_on: date, opinion: str = "同意。", *,
                   today: date | None = None) -> RequestCase:
    """The 司法局 review recorded against the draft as the review form reads it."""
    return record_justice_review(session, clerk, case_id, reviewed_on, opinion, today=today,
                                 seen_state=seen_state(session, case_id))


def approve_as_seen(session: Session, signer: Actor, case_id: int, step: str, opinion: str = "同意", *,
                    today: date | None = None) -> SignOff:
    """`signer` approves `step` of the reply as the approval dialog shows it."""
    return approve_reply(session, signer, case_id, step, Decision.APPROVE, opinion, today=today,
                         seen_hash=seen_reply(session, case_id))


def probe_write_lock_while_reading(monkeypatch: pytest.MonkeyPatch, db: Database) -> list[bool]:
    """While the register importer reads its workbook, another connection tries to take SQLite's write
    lock without waiting; the list it returns gets one True (could write) or False (locked) per read."""
    import app.cases.register_import as register_import

    db_file = db.sqlite_path
    assert db_file is not None
    real_read_table = register_import.read_table
    others_could_write: list[bool] = []

    def read_table_while_another_pc_saves(*args: Any, **kwargs: Any) -> Any:
        other = sqlite3.connect(db_file, timeout=0)  # no waiting: fails at once if the lock is held
        try:
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
            others_could_write.append(True)
        except sqlite3.OperationalError:
            others_could_write.append(False)
        finally:
            other.close()
        return real_read_table(*args, **kwargs)

    monkeypatch.setattr(register_import, "read_table", read_table_while_another_pc_saves)
    return others_could_write
