"""A year's report: figures computed from the records, the office's text, and locking once published.

A locked year keeps the figures as published; later years compare with them, and any difference
from what the records now say is flagged (see `locked_differences`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from app.annual.compute import Counts, fees_collected, part3, part4, run_checks
from app.annual.layout import PART4_LABELS, part3_rows
from app.annual.models import AnnualReport
from app.annual.report_data import ReportData as ReportData
from app.audit.service import record
from app.auth.roles import Role
from app.availability import Availability
from app.context import Actor
from app.disclosure.figures import Part2, part2
from app.errors import ConflictError, ValidationError
from app.report_lock import ReportAction, ReportRules, lock_actions_for, mark_published, unlock_report
from app.settings import get_setting
from app.signoff.content import STALE_LOCK, require_seen

EDIT_ROLES = (Role.DISCLOSURE_STAFF, Role.ADMIN)
REPORT_NAME = "年度报告"  # as messages name it after the year: "2024 年度报告"
LOCK_ROLES = (Role.SECTION_HEAD, Role.LEADER_IN_CHARGE, Role.ADMIN)
RULES = ReportRules(REPORT_NAME, EDIT_ROLES, LOCK_ROLES)


def report_actions(session: Session, actor: Actor, year: int, today: date | None = None) -> Availability[ReportAction]:
    """What `actor` may do to the year's report now (app.report_lock), for the page's buttons."""
    return lock_actions_for(RULES, _report_row(session, year), actor, year, today)


def _report_row(session: Session, year: int) -> AnnualReport | None:
    return session.get(AnnualReport, year)


def _figures(p2: Part2, counts: Counts, p4: list[int], fees: Decimal) -> dict[str, Any]:
    return {
        "part2": {"rules": list(p2.rules), "normative": list(p2.normative), "licensing": p2.licensing,
                  "punishment": p2.punishment, "enforcement": p2.enforcement, "fees_amount": str(p2.fees_amount)},
        "part3": counts,
        "part4": p4,
        "fees": str(fees),
    }


def stored_carried_out(session: Session, year: int) -> list[int] | None:
    row = _report_row(session, year)
    if row is None or not row.locked or not row.figures_json:
        return None
    carried: list[int] = json.loads(row.figures_json)["part3"]["carried_out"]
    return carried


def compute(session: Session, year: int) -> ReportData:
    counts = part3(session, year)
    p2, p4, fees = part2(session, year), part4(session, year), fees_collected(session, year)
    row = _report_row(session, year)
    data = ReportData(
        year=year, org_name=str(get_setting(session, "org.name")),
        part1=row.part1 if row else "", part2=p2, part3=counts, part4=p4,
        part5=row.part5 if row else "", part6=row.part6 if row else "", fees=fees,
        checks=run_checks(session, year, counts, stored_carried_out(session, year - 1)),
        locked=bool(row and row.locked),
    )
    if row is not None and row.locked:
        data.differences = _differences(json.loads(row.figures_json), _figures(p2, counts, p4, fees))
    return data


def _differences(stored: dict[str, Any], current: dict[str, Any]) -> list[str]:
    out: list[str] = []
    labels = {r.key: r.label for r in part3_rows()}
    for key, numbers in stored["part3"].items():
        now = current["part3"].get(key)
        if now != numbers:
            out.append(f"第三部分“{labels.get(key, key)}”：已发布 {numbers[-1]}，当前记录 {now[-1] if now else 0}")
    for index, (old, new) in enumerate(zip(stored["part4"], current["part4"], strict=True)):
        if old != new:
            out.append(f"第四部分“{PART4_LABELS[index]}”：已发布 {old}，当前记录 {new}")
    if stored["part2"] != current["part2"]:
        out.append("第二部分：已发布的数字与当前记录不一致")
    return out


def locked_differences(session: Session, year: int) -> list[str]:
    return compute(session, year).differences


def suggested_texts(session: Session, year: int) -> tuple[str, str, str]:
    """This year's texts, or last year's as a starting point when this year has none yet."""
    row = _report_row(session, year)
    if row is not None and (row.part1 or row.part5 or row.part6):
        return row.part1, row.part5, row.part6
    previous = _report_row(session, year - 1)
    if previous is None:
        return "", "", ""
    return previous.part1, previous.part5, previous.part6


def save_texts(session: Session, actor: Actor, year: int, part1: str, part5: str, part6: str,
               expected_version: int) -> AnnualReport:
    row = _report_row(session, year)
    lock_actions_for(RULES, row, actor, year).require(ReportAction.EDIT)
    current = row.version if row is not None else 0
    if current != expected_version:
        raise ConflictError(f"{year} 年度报告的文字在您打开后已被其他人修改并保存。"
                            "请逐项核对差异（对方的值 / 您的值），选定保留哪一个后再保存。")
    before = {"part1": row.part1, "part5": row.part5, "part6": row.part6} if row else {}
    if row is None:
        row = AnnualReport(year=year)
        session.add(row)
    row.part1, row.part5, row.part6 = part1.strip(), part5.strip(), part6.strip()
    session.flush()
    record(session, actor, "update", "annual_report", year, before=before,
           after={"part1": row.part1, "part5": row.part5, "part6": row.part6}, summary=f"修改 {year} 年度报告文字")
    return row


def lock_content(data: Any) -> dict[str, Any]:
    """What a lock publishes (figures and texts), for the content hash the page showed."""
    return {"figures": _figures(data.part2, data.part3, data.part4, data.fees),
            "part1": data.part1, "part5": data.part5, "part6": data.part6}


def lock_year(session: Session, actor: Actor, year: int, today: date | None = None,
              *, seen_hash: str) -> AnnualReport:
    """Store the figures as published; refused while a check fails or the year is not over, and
    when the figures or texts differ from what the page showed (`seen_hash` of lock_content)."""
    report_actions(session, actor, year, today).require(ReportAction.LOCK)
    data = compute(session, year)
    require_seen(seen_hash, lock_content(data), STALE_LOCK)
    from app.annual.report_export import check_texts  # late: report_export imports this module

    check_texts(year, data.part1, data.part5, "锁定")
    if not data.checks_ok:
        failed = "；".join(c.name for c in data.checks if not c.ok)
        raise ValidationError(f"以下校验未通过，不能锁定：{failed}。请先改正相关记录。")
    row = _report_row(session, year)
    if row is None:
        row = AnnualReport(year=year)
        session.add(row)
    mark_published(row, actor, json.dumps(_figures(data.part2, data.part3, data.part4, data.fees), ensure_ascii=False))
    session.flush()
    record(session, actor, "lock", "annual_report", year, after=json.loads(row.figures_json),
           summary=f"锁定 {year} 年度报告（已发布）")
    return row


def unlock_year(session: Session, actor: Actor, year: int, reason: str) -> AnnualReport:
    return unlock_report(session, actor, _report_row(session, year), reason, year=year, rules=RULES,
                         entity="annual_report", published=lambda r: json.loads(r.figures_json))


@dataclass(frozen=True)
class ReportState:
    """What the tab needs besides the figures: the text version for `save_texts`, who locked it."""

    version: int  # 0 while the year has no saved text yet
    locked_at: datetime | None
    locked_by: str
    locked_by_name: str = ""  # 赵敏（信息中心）: what the screen shows


def report_state(session: Session, year: int) -> ReportState:
    row = _report_row(session, year)
    if row is None:
        return ReportState(0, None, "")
    if not row.locked:
        return ReportState(row.version, None, "")
    from app.auth.people import person_label

    return ReportState(row.version, row.locked_at, row.locked_by, person_label(session, row.locked_by))
