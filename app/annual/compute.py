"""Parts 3 and 4 counted from the request cases with grouped SQL (fast at 100,000 cases).

Counting rules (RULES.md D, REGISTER.md): a case is new in the year of 收到申请日期; its result
counts in the year of 答复日期; it is carried over at 31 December when it has no 答复日期 in that
year; reconsiderations and lawsuits count in the year of their own date.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from app.annual.layout import PART3_COLUMNS, part3_rows
from app.annual.report_data import CheckResult as CheckResult
from app.annual.report_data import Counts as Counts
from app.cases.enums import LitigationKind, RemedyResult
from app.cases.models import RequestCase
from app.cases.outcomes import Outcome
from app.years import year_bounds


def row_condition(year: int, key: str) -> ColumnElement[bool]:
    """The SQL condition selecting the cases behind one Part 3 row (used by counts and drill-down)."""
    first, last = year_bounds(year)
    C = RequestCase
    if key == "new":
        return and_(C.received_on >= first, C.received_on <= last)
    if key == "carried_in":
        return and_(C.received_on < first, or_(C.replied_on.is_(None), C.replied_on >= first))
    if key == "carried_out":
        return and_(C.received_on <= last, or_(C.replied_on.is_(None), C.replied_on > last))
    replied = and_(C.replied_on >= first, C.replied_on <= last)
    if key == "total":
        return and_(replied, C.outcome.in_([o.value for o in Outcome]))
    if key.startswith("outcome:"):
        parts = key.split(":")
        condition = and_(replied, C.outcome == parts[1])
        if len(parts) == 3:
            condition = and_(condition, C.outcome_detail == int(parts[2]))
        return condition
    raise KeyError(key)


def _grouped(session: Session, condition: ColumnElement[bool], *extra: Any) -> list[Any]:
    query = select(*extra, RequestCase.applicant_type, func.count()).where(condition)
    return list(session.execute(query.group_by(*extra, RequestCase.applicant_type)).all())


def _row(pairs: dict[str, int]) -> list[int]:
    numbers = [pairs.get(col.value, 0) for col in PART3_COLUMNS]
    return [*numbers, sum(numbers)]


def part3(session: Session, year: int) -> Counts:
    counts: Counts = {}
    for key in ("new", "carried_in", "carried_out", "total"):
        counts[key] = _row({t: n for t, n in _grouped(session, row_condition(year, key))})
    first, last = year_bounds(year)
    by_outcome: dict[tuple[str, int | None], dict[str, int]] = defaultdict(dict)
    replied = and_(RequestCase.replied_on >= first, RequestCase.replied_on <= last)
    for outcome, detail, applicant, n in _grouped(session, replied, RequestCase.outcome, RequestCase.outcome_detail):
        by_outcome[(outcome, detail)][applicant] = by_outcome[(outcome, detail)].get(applicant, 0) + n
    for row in part3_rows():
        if not row.has_numbers or not row.key.startswith("outcome:"):
            continue
        parts = row.key.split(":")
        if len(parts) == 2:
            merged: dict[str, int] = defaultdict(int)
            for (outcome, _detail), per_type in by_outcome.items():
                if outcome == parts[1]:
                    for t, n in per_type.items():
                        merged[t] += n
            counts[row.key] = _row(merged)
        else:
            counts[row.key] = _row(by_outcome.get((parts[1], int(parts[2])), {}))
    return counts


def part4(session: Session, year: int) -> list[int]:
    """15 numbers in template order: 行政复议 (4 results + 总计), then the two kinds of lawsuits."""
    first, last = year_bounds(year)
    C = RequestCase
    numbers: list[int] = []
    rec = dict(session.execute(
        select(C.reconsideration_result, func.count())
        .where(C.reconsideration_on >= first, C.reconsideration_on <= last).group_by(C.reconsideration_result)
    ).all())
    row = [int(rec.get(r.value, 0)) for r in RemedyResult]
    numbers += [*row, sum(row)]
    lit: dict[tuple[str, str], int] = {
        (kind, result): int(n) for kind, result, n in session.execute(
            select(C.litigation_kind, C.litigation_result, func.count())
            .where(C.litigation_on >= first, C.litigation_on <= last).group_by(C.litigation_kind, C.litigation_result)
        ).all()
    }
    for kind in LitigationKind:
        row = [lit.get((kind.value, r.value), 0) for r in RemedyResult]
        numbers += [*row, sum(row)]
    return numbers


def fees_collected(session: Session, year: int) -> Decimal:
    """Information-processing fees paid in the year (for Part 6)."""
    first, last = year_bounds(year)
    total = session.scalar(select(func.coalesce(func.sum(RequestCase.fee_amount), 0)).where(
        RequestCase.fee_paid_on >= first, RequestCase.fee_paid_on <= last))
    return Decimal(str(total or 0))


def cases_behind(session: Session, year: int, key: str, column: int | None, limit: int = 5000) -> list[int]:
    """The ids of the cases counted in one cell (column None or the total column = every type)."""
    condition = row_condition(year, key)
    if column is not None and column < len(PART3_COLUMNS):
        condition = and_(condition, RequestCase.applicant_type == PART3_COLUMNS[column].value)
    query = select(RequestCase.id).where(condition).order_by(RequestCase.received_on, RequestCase.id).limit(limit)
    return list(session.scalars(query))


def run_checks(
    session: Session, year: int, counts: Counts, last_year_carried_out: list[int] | None
) -> list[CheckResult]:
    """The template's own sums and the record problems that would break them, naming the cases."""
    results: list[CheckResult] = []
    first, last = year_bounds(year)
    lhs, rhs = counts["new"][-1] + counts["carried_in"][-1], counts["total"][-1] + counts["carried_out"][-1]
    bad_order = tuple(session.scalars(select(RequestCase.id).where(
        RequestCase.replied_on.is_not(None), RequestCase.replied_on < RequestCase.received_on,
        or_(and_(RequestCase.received_on >= first, RequestCase.received_on <= last),
            and_(RequestCase.replied_on >= first, RequestCase.replied_on <= last)))))
    no_outcome = tuple(session.scalars(select(RequestCase.id).where(
        RequestCase.replied_on >= first, RequestCase.replied_on <= last,
        RequestCase.outcome.not_in([o.value for o in Outcome]))))
    results.append(CheckResult(
        "一 + 二 = 三（七）+ 四", lhs == rhs,
        f"本年新收 {counts['new'][-1]} + 上年结转 {counts['carried_in'][-1]} = {lhs}；"
        f"办理结果总计 {counts['total'][-1]} + 结转下年 {counts['carried_out'][-1]} = {rhs}",
        no_outcome + bad_order if lhs != rhs else (),
    ))
    results.append(CheckResult(
        "本年答复的申请都有办理结果", not no_outcome,
        "全部有办理结果" if not no_outcome else f"{len(no_outcome)} 件本年已答复的申请没有办理结果，未计入第三项",
        no_outcome,
    ))
    results.append(CheckResult(
        "答复日期不早于收到申请日期", not bad_order,
        "全部正确" if not bad_order else f"{len(bad_order)} 件申请的答复日期早于收到申请日期", bad_order,
    ))
    outcome_keys = [r.key for r in part3_rows() if r.has_numbers and r.key.startswith("outcome:")]
    summed = [sum(counts[k][i] for k in outcome_keys) for i in range(len(PART3_COLUMNS) + 1)]
    results.append(CheckResult("（七）总计 =（一）至（六）之和", summed == counts["total"],
                               f"各项之和 {summed[-1]}，总计 {counts['total'][-1]}",
                               _unclassified(session, year) if summed != counts["total"] else ()))
    row_ok = all(sum(v[:-1]) == v[-1] for v in counts.values())
    results.append(CheckResult("总计列 = 各申请人类型之和", row_ok, "各行均相符" if row_ok else "有行不相符"))
    if last_year_carried_out is not None:
        same = last_year_carried_out == counts["carried_in"]
        results.append(CheckResult(
            "上年结转 = 上一年度报告的结转下年度继续办理", same,
            f"上一年度报告结转 {last_year_carried_out[-1]} 件，本年计算的上年结转 {counts['carried_in'][-1]} 件",
            tuple(cases_behind(session, year, "carried_in", None)) if not same else (),
        ))
    return results


def _unclassified(session: Session, year: int) -> tuple[int, ...]:
    """Replied cases whose sub-row is missing or out of range, so they fall outside every row."""
    first, last = year_bounds(year)
    ids: list[int] = []
    for outcome in Outcome:
        condition = and_(RequestCase.replied_on >= first, RequestCase.replied_on <= last,
                         RequestCase.outcome == outcome.value)
        if outcome.details:
            condition = and_(condition, or_(RequestCase.outcome_detail.is_(None),
                                            RequestCase.outcome_detail < 0,
                                            RequestCase.outcome_detail >= len(outcome.details)))
            ids += session.scalars(select(RequestCase.id).where(condition))
    return tuple(ids)


def part4_cases_behind(session: Session, year: int, index: int, limit: int = 5000) -> list[int]:
    """The ids of the cases counted in one of Part 4's 15 numbers (template order, as `part4`)."""
    if not 0 <= index < 5 * (1 + len(LitigationKind)):
        raise IndexError(index)
    first, last = year_bounds(year)
    C = RequestCase
    group, column = divmod(index, 5)
    codes = [r.value for r in RemedyResult]
    results = codes if column == 4 else [codes[column]]  # column 4 = 总计
    if group == 0:
        condition = and_(C.reconsideration_on >= first, C.reconsideration_on <= last,
                         C.reconsideration_result.in_(results))
    else:
        condition = and_(C.litigation_on >= first, C.litigation_on <= last,
                         C.litigation_kind == list(LitigationKind)[group - 1].value, C.litigation_result.in_(results))
    query = select(C.id).where(condition).order_by(C.received_on, C.id).limit(limit)
    return list(session.scalars(query))
