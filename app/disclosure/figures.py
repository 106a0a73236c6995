"""Part 2 of the annual report (主动公开政府信息情况) and the yearly form behind it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.audit.service import record, snapshot
from app.auth.roles import Role
from app.context import Actor
from app.disclosure.enums import DocKind
from app.disclosure.figures_data import Part2 as Part2
from app.disclosure.models import DisclosureItem, YearFigures
from app.errors import ConflictError, ValidationError


def document_counts(session: Session, year: int, kind: DocKind) -> tuple[int, int, int]:
    """规章 or 行政规范性文件 recorded as items, counted per document (item_no), not per version:
    issued in the year of its first version's formed_on, repealed in the year of its repealed_on,
    in force at 31 December when formed by then and not repealed by then."""
    end = date(year, 12, 31)
    first_formed = (
        select(DisclosureItem.item_no, func.min(DisclosureItem.formed_on).label("formed"),
               func.max(DisclosureItem.repealed_on).label("repealed"))
        .where(DisclosureItem.doc_kind == DocKind(kind).value)
        .group_by(DisclosureItem.item_no)
        .subquery()
    )
    issued = session.scalar(select(func.count()).select_from(first_formed).where(
        first_formed.c.formed >= date(year, 1, 1), first_formed.c.formed <= end)) or 0
    repealed = session.scalar(select(func.count()).select_from(first_formed).where(
        first_formed.c.repealed >= date(year, 1, 1), first_formed.c.repealed <= end)) or 0
    in_force = session.scalar(select(func.count()).select_from(first_formed).where(
        first_formed.c.formed <= end, (first_formed.c.repealed.is_(None)) | (first_formed.c.repealed > end))) or 0
    return int(issued), int(repealed), int(in_force)


def normative_counts(session: Session, year: int) -> tuple[int, int, int]:
    return document_counts(session, year, DocKind.NORMATIVE)


def rule_counts(session: Session, year: int) -> tuple[int, int, int]:
    return document_counts(session, year, DocKind.RULE)


def year_figures(session: Session, year: int) -> YearFigures:
    return session.get(YearFigures, year) or YearFigures(
        year=year, rules_issued=0, rules_repealed=0, rules_in_force=0, normative_issued_extra=0,
        normative_repealed_extra=0, normative_in_force_extra=0, licensing_decisions=0, punishment_decisions=0,
        enforcement_decisions=0, fees_amount=Decimal("0"), version=0,
    )


def part2(session: Session, year: int) -> Part2:
    form = year_figures(session, year)
    # Both kinds: documents recorded as items count themselves; the form adds the ones that are not.
    # (The rules_* columns kept their names when they came to mean "not recorded as items".)
    rules = rule_counts(session, year)
    normative = normative_counts(session, year)
    return Part2(
        year=year,
        rules=(rules[0] + form.rules_issued, rules[1] + form.rules_repealed, rules[2] + form.rules_in_force),
        normative=(normative[0] + form.normative_issued_extra, normative[1] + form.normative_repealed_extra,
                   normative[2] + form.normative_in_force_extra),
        licensing=form.licensing_decisions,
        punishment=form.punishment_decisions,
        enforcement=form.enforcement_decisions,
        fees_amount=Decimal(form.fees_amount or 0),
    )


INT_FIELDS = {
    "rules_issued": "未登记为公开事项的规章本年制发件数",
    "rules_repealed": "未登记为公开事项的规章本年废止件数",
    "rules_in_force": "未登记为公开事项的规章现行有效件数",
    "normative_issued_extra": "未登记为公开事项的规范性文件本年制发件数",
    "normative_repealed_extra": "未登记为公开事项的规范性文件本年废止件数",
    "normative_in_force_extra": "未登记为公开事项的规范性文件现行有效件数",
    "licensing_decisions": "行政许可本年处理决定数量", "punishment_decisions": "行政处罚本年处理决定数量",
    "enforcement_decisions": "行政强制本年处理决定数量",
}


def save_year_figures(session: Session, actor: Actor, year: int, values: dict[str, object],
                      expected_version: int) -> YearFigures:
    """The small yearly form; numbers are whole and not negative, the fee amount in 万元."""
    actor.require(Role.DISCLOSURE_STAFF, Role.ADMIN)
    row = session.get(YearFigures, year)
    current = row.version if row is not None else 0
    if current != expected_version:
        raise ConflictError(f"{year} 年度统计数据在您打开后已被其他人修改并保存。"
                            "请逐项核对差异（对方的值 / 您的值），选定保留哪一个后再保存。")
    if row is None:
        row = year_figures(session, year)
        row.version = 1
        session.add(row)
    before = snapshot(row)
    for key, label in INT_FIELDS.items():
        if key in values:
            try:
                number = int(str(values[key]).strip() or 0)
            except ValueError:
                raise ValidationError(f"“{label}”须填整数。", field=key) from None
            if number < 0:
                raise ValidationError(f"“{label}”不能为负数。", field=key)
            setattr(row, key, number)
    if "fees_amount" in values:
        try:
            amount = Decimal(str(values["fees_amount"]).strip() or "0")
        except InvalidOperation:
            raise ValidationError("“行政事业性收费金额”须填数字（单位：万元）。", field="fees_amount") from None
        if amount < 0 or amount != amount.quantize(Decimal("0.0001")):
            raise ValidationError("“行政事业性收费金额”须为不小于 0、最多 4 位小数的数字（单位：万元）。",
                                  field="fees_amount")
        row.fees_amount = amount
    row.updated_by = actor.username
    session.flush()
    record(session, actor, "update", "disclosure_year", year, before=before, after=snapshot(row),
           summary=f"填写 {year} 年主动公开统计数据")
    return row
