"""What the 第三十五条 letters say: the 说明理由通知书 and the 延迟答复告知书, from the facts recorded
by app.cases.excessive — never typed again for the letter, so the letter and the file agree."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy.orm import Session

from app.cases.deadlines import compute
from app.cases.handling import fee_pauses_clock
from app.cases.models import RequestCase
from app.cases.recompute import deadline_input
from app.cases.validation import cn_date
from app.errors import ValidationError
from app.workdays.service import load_calendar


def require_excessive_on_file(case: RequestCase, kind: str) -> None:
    if case.excessive_asked_on is None:
        raise ValidationError("本件没有登记要求申请人说明理由（条例第三十五条），请先在“办理过程”中点"
                              "“要求说明理由…”，再生成说明理由通知书。", field="kind")
    if kind == "excessive-later" and case.excessive_due_on is None:
        raise ValidationError("本件没有确定延迟答复的合理期限，不能生成延迟答复告知书。请先在“办理过程”中"
                              "点“第三十五条处理决定…”。", field="kind")


def _ordinary_due(session: Session, case: RequestCase) -> date | None:
    """The 第三十三条 due date the later deadline replaced (the same arithmetic without it)."""
    data = replace(deadline_input(case, fee_pauses_clock(session)), fixed_due=None, awaiting_correction=False)
    day = case.excessive_decided_on or date.today()
    return compute(load_calendar(session), data, day).due


def _bare(text: str, marker: str) -> str:
    # Printed inside a sentence (“经审查，{{申请数量情况}}，…”, “因{{延迟理由}}，…”): no closing mark.
    return text.strip().rstrip("。；;，,.！! ") or f"[{marker}]"


def _day(value: date | None, marker: str) -> str:
    return cn_date(value) if value else f"[{marker}]"


def excessive_context(session: Session, case: RequestCase, kind: str) -> dict[str, str]:
    if kind == "excessive-ask":
        return {
            "申请数量情况": _bare(case.excessive_facts, "申请数量情况"),
            "说明理由期限": _day(case.excessive_reasons_due_on, "说明理由期限"),
        }
    ordinary = _ordinary_due(session, case)
    return {
        "说明理由通知日期": _day(case.excessive_asked_on, "说明理由通知日期"),
        "理由说明日期": _day(case.excessive_reasons_on, "理由说明日期"),
        "原答复期限": _day(ordinary, "原答复期限"),
        "延迟答复期限": _day(case.excessive_due_on, "延迟答复期限"),
        "延迟理由": _bare(case.excessive_decision_reason, "延迟理由"),
    }
