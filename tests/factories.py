"""Record factories for tests that need many records with few fields (not the services' path)."""

from __future__ import annotations

from datetime import date

from app.cases.enums import ApplicantType, CaseStatus, Channel
from app.cases.models import RequestCase
from app.cases.outcomes import Outcome

_n = 0


def case(received: date, replied: date | None = None, outcome: Outcome | None = None, detail: int | None = None,
         applicant: ApplicantType = ApplicantType.NATURAL, **extra: object) -> RequestCase:
    global _n
    _n += 1
    return RequestCase(
        case_no=f"T-{_n}", status=(CaseStatus.CLOSED if replied else CaseStatus.IN_PROGRESS).value,
        applicant_type=applicant.value, applicant_name=f"申请人{_n}", channel=Channel.INTERNET.value,
        received_on=received, content="申请公开某某信息", replied_on=replied,
        outcome=outcome.value if outcome else "", outcome_detail=detail, **extra,
    )
