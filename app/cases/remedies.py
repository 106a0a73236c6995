"""行政复议 and 行政诉讼 against a reply (annual report Part 4).

They usually come after the case is closed, so recording them is allowed on closed and archived
cases. One against a failure to reply (逾期不答复, RULES.md D) comes with no reply at all: it is
allowed on a case whose due date has passed, dated after that day.
they are new events, not corrections of the case, and each is audited. A case holds the latest
reconsideration and the latest lawsuit, as the register and the annual report count them.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from app.audit.service import record
from app.cases.enums import LitigationKind, RemedyResult
from app.cases.handling import AUDIT_TYPE, CASE_WORK_ROLES
from app.cases.models import RequestCase
from app.cases.queries import get_case
from app.cases.validation import cn_date
from app.context import Actor
from app.errors import ValidationError


def _check_date(case: RequestCase, on: date, today: date, what: str) -> str:
    """Refuse an impossible date; returns what the remedy is against (for the audit summary)."""
    case_replied = case.replied_on
    if case_replied is None:
        due = case.due_on
        if due is None:
            raise ValidationError(f"申请件尚未答复，也没有答复期限（等待补正），不能登记{what}。", field="on")
        if on <= due:
            raise ValidationError(
                f"申请件尚未答复，答复期限为{cn_date(due)}；针对逾期不答复的{what}，日期应晚于答复期限。", field="on"
            )
        if on > today:
            raise ValidationError(f"{what}日期不能晚于今天。", field="on")
        return "针对逾期不答复"
    if on < case_replied:
        raise ValidationError(f"{what}日期不能早于答复日期（{case_replied.isoformat()}）。", field="on")
    if on > today:
        raise ValidationError(f"{what}日期不能晚于今天。", field="on")
    return "针对答复"


def record_reconsideration(session: Session, actor: Actor, case_id: int, on: date, result: RemedyResult,
                           *, today: date | None = None) -> None:
    """The applicant applied for 行政复议 on `on`; `result` may be 尚未审结 and updated later."""
    actor.require(*CASE_WORK_ROLES)
    case = get_case(session, case_id, lock=True)
    against = _check_date(case, on, today or date.today(), "行政复议")
    before = {"行政复议日期": case.reconsideration_on, "行政复议结果": case.reconsideration_result}
    case.reconsideration_on, case.reconsideration_result = on, RemedyResult(result).value
    session.flush()
    record(session, actor, "remedy", AUDIT_TYPE, case.id, before=before,
           after={"行政复议日期": on, "行政复议结果": RemedyResult(result).label},
           summary=f"{case.case_no}：登记行政复议（{against}，{RemedyResult(result).label}）")


def record_litigation(session: Session, actor: Actor, case_id: int, on: date, kind: LitigationKind,
                      result: RemedyResult, *, today: date | None = None) -> None:
    """The applicant filed a 行政诉讼 on `on`, directly or after a reconsideration."""
    actor.require(*CASE_WORK_ROLES)
    case = get_case(session, case_id, lock=True)
    against = _check_date(case, on, today or date.today(), "行政诉讼")
    kind = LitigationKind(kind)
    if kind is LitigationKind.AFTER_RECONSIDERATION and case.reconsideration_on is None:
        raise ValidationError("“复议后起诉”须先登记行政复议。", field="kind")
    if kind is LitigationKind.AFTER_RECONSIDERATION and case.reconsideration_on and on < case.reconsideration_on:
        raise ValidationError("复议后起诉的日期不能早于行政复议日期。", field="on")
    before = {"行政诉讼类型": case.litigation_kind, "行政诉讼结果": case.litigation_result,
              "行政诉讼日期": case.litigation_on}
    case.litigation_on, case.litigation_kind, case.litigation_result = on, kind.value, RemedyResult(result).value
    session.flush()
    record(session, actor, "remedy", AUDIT_TYPE, case.id, before=before,
           after={"行政诉讼类型": kind.label, "行政诉讼结果": RemedyResult(result).label, "行政诉讼日期": on},
           summary=f"{case.case_no}：登记行政诉讼（{against}，{kind.label}，{RemedyResult(result).label}）")
