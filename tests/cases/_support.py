"""Set-up the case service tests share: 王小明's request for the 低保 figures, received in person on
Mon 2024-03-04, and the same request taken into handling."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from app.cases.enums import ApplicantType, Channel, DeliveryMethod
from app.cases.handling import start_handling
from app.cases.intake import CaseForm, register_case
from app.cases.models import RequestCase
from app.context import Actor

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
