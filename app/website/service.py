"""A year's website report: computed figures, the office's typed figures, checks, and locking once published.

A locked year shows and exports the figures as published; what the records now say differently is
listed (`ReportData.differences`), as the annual report does.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from app.audit.service import record
from app.auth.roles import Role
from app.availability import Availability
from app.context import Actor
from app.errors import ConflictError, ValidationError
from app.report_lock import ReportAction, ReportRules, lock_actions_for, mark_published, unlock_report
from app.settings import get_setting
from app.signoff.content import STALE_LOCK, require_seen
from app.website.checks import Check, run_checks
from app.website.figures import accounts as current_accounts
from app.website.figures import computed
from app.website.layout import Row, Source, parse_overrides, report_rows
from app.website.models import WebsiteReport
from app.website.values import NO, YES, normalise

EDIT_ROLES = (Role.EDITOR, Role.SECTION_HEAD, Role.ADMIN)
REPORT_NAME = "年网站年报"  # as messages name it after the year: "2024 年网站年报"
LOCK_ROLES = (Role.SECTION_HEAD, Role.LEADER_IN_CHARGE, Role.ADMIN)
RULES = ReportRules(REPORT_NAME, EDIT_ROLES, LOCK_ROLES)


@dataclass
class ReportData:
    """Everything the page and the exports show; plain data."""

    year: int
    site_name: str
    rows: list[Row]
    values: dict[str, str]  # every row's value as text; "" = not filled
    last_year: dict[str, str]  # last year's values (as published when that year is locked)
    checks: list[Check]
    locked: bool = False
    locked_at: datetime | None = None
    locked_by: str = ""
    version: int = 0  # of the typed values, for save_typed (0 while none are saved)
    differences: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{self.site_name}政府网站工作年度报表（{self.year}年度）"

    @property
    def checks_ok(self) -> bool:
        return all(c.ok for c in self.checks if c.blocking)

    def row(self, key: str) -> Row:
        return next(r for r in self.rows if r.key == key)


def report_actions(session: Session, actor: Actor, year: int, today: date | None = None) -> Availability[ReportAction]:
    """What `actor` may do to the year's report now (app.report_lock), for the page's buttons."""
    return lock_actions_for(RULES, _row(session, year), actor, year, today)


def _row(session: Session, year: int) -> WebsiteReport | None:
    return session.get(WebsiteReport, year)


def _typed(row: WebsiteReport | None) -> dict[str, str]:
    return dict(json.loads(row.typed_json or "{}")) if row is not None else {}


def _setting_value(session: Session, row: Row) -> str:
    if row.setting == "review.accounts":
        return YES if current_accounts(session) else NO
    return str(get_setting(session, row.setting) or "").strip()


def _rows(session: Session, accounts: list[str]) -> list[Row]:
    return report_rows(accounts, parse_overrides(get_setting(session, "website.report_labels")))


def current_values(session: Session, year: int, rows: list[Row], typed: Mapping[str, str]) -> dict[str, str]:
    """What the records, the settings and the typed values say now."""
    numbers = computed(session, year, [r.key for r in rows if r.source is Source.COMPUTED])
    values: dict[str, str] = {}
    for r in rows:
        if r.source is Source.COMPUTED:
            values[r.key] = str(numbers.get(r.key, 0))
        elif r.source is Source.SETTING:
            values[r.key] = _setting_value(session, r)
        else:
            values[r.key] = str(typed.get(r.key, ""))
    return values


def _published(row: WebsiteReport) -> tuple[list[str], dict[str, str]]:
    stored = json.loads(row.figures_json)
    return list(stored["accounts"]), dict(stored["values"])


def _last_year(session: Session, year: int) -> dict[str, str]:
    row = _row(session, year - 1)
    if row is not None and row.locked and row.figures_json:
        return _published(row)[1]
    accounts = current_accounts(session)
    return current_values(session, year - 1, _rows(session, accounts), _typed(row))


def compute(session: Session, year: int) -> ReportData:
    row = _row(session, year)
    last_year = _last_year(session, year)
    site_name = str(get_setting(session, "website.name"))
    if row is not None and row.locked and row.figures_json:
        accounts, values = _published(row)
        rows = _rows(session, accounts)
        now = current_values(session, year, rows, _typed(row))
        data = ReportData(year, values.get("basic.name") or site_name, rows, values, last_year,
                          run_checks(session, year, rows, values, last_year, with_records=False),
                          True, row.locked_at, row.locked_by, row.version)
        data.differences = [
            f"“{r.group + '·' if r.group else ''}{r.label}”：已发布 {values.get(r.key, '')}，当前记录 {now[r.key]}"
            for r in rows if r.source in (Source.COMPUTED, Source.SETTING) and now[r.key] != values.get(r.key, "")
        ]
        return data
    rows = _rows(session, current_accounts(session))
    values = current_values(session, year, rows, _typed(row))
    return ReportData(year, site_name, rows, values, last_year, run_checks(session, year, rows, values, last_year),
                      version=row.version if row is not None else 0)


def offered(data: ReportData) -> dict[str, str]:
    """Last year's typed values, offered for the rows still empty this year."""
    return {r.key: data.last_year[r.key] for r in data.rows
            if r.source.typed and not data.values.get(r.key) and data.last_year.get(r.key)}


def save_typed(session: Session, actor: Actor, year: int, typed: Mapping[str, str],
               expected_version: int) -> WebsiteReport:
    """Save the typed figures of a year (all of them at once, as the page shows them)."""
    row = _row(session, year)
    lock_actions_for(RULES, row, actor, year).require(ReportAction.EDIT)
    if (row.version if row is not None else 0) != expected_version:
        raise ConflictError(f"{year} 年网站年报的填报数已被他人修改，请刷新后再改。")
    layout = {r.key: r for r in _rows(session, current_accounts(session))}
    clean: dict[str, str] = {}
    for key, text in typed.items():
        if key not in layout or not layout[key].source.typed:
            raise ValidationError(f"“{key}”不是网站年报的填报项。")
        value = normalise(layout[key], text)
        if value:
            clean[key] = value
    before = _typed(row)
    if row is not None and before == clean:
        return row  # nothing changed: no new version, no audit entry
    if row is None:
        row = WebsiteReport(year=year)
        session.add(row)
    row.typed_json = json.dumps(clean, ensure_ascii=False, sort_keys=True)
    row.updated_by = actor.username
    session.flush()
    changed = {k: clean.get(k, "") for k in set(before) | set(clean) if before.get(k, "") != clean.get(k, "")}
    record(session, actor, "update", "website_report", year, before={k: before.get(k, "") for k in changed},
           after=changed, summary=f"修改 {year} 年网站年报填报数（{len(changed)} 项）")
    return row


def lock_content(data: ReportData) -> dict[str, Any]:
    """What a lock publishes, for the content hash the page showed."""
    return {"accounts": [r.group for r in data.rows if r.key.startswith("media.posts:")], "values": data.values}


def lock_year(session: Session, actor: Actor, year: int, today: date | None = None,
              *, seen_hash: str) -> WebsiteReport:
    """Store every figure as published; refused while a check fails or the year is not over, and
    when the figures differ from what the page showed (`seen_hash` of lock_content)."""
    row = _row(session, year)
    lock_actions_for(RULES, row, actor, year, today).require(ReportAction.LOCK)
    data = compute(session, year)
    require_seen(seen_hash, lock_content(data), STALE_LOCK)
    if not data.checks_ok:
        failed = "；".join(c.name for c in data.checks if c.blocking and not c.ok)
        raise ValidationError(f"以下校验未通过，不能锁定：{failed}。请先改正。")
    if row is None:
        row = WebsiteReport(year=year)
        session.add(row)
    accounts = [r.group for r in data.rows if r.key.startswith("media.posts:")]
    mark_published(row, actor, json.dumps({"accounts": accounts, "values": data.values}, ensure_ascii=False))
    session.flush()
    record(session, actor, "lock", "website_report", year, after=data.values,
           summary=f"锁定 {year} 年网站年报（已发布）")
    return row


def unlock_year(session: Session, actor: Actor, year: int, reason: str) -> WebsiteReport:
    return unlock_report(session, actor, _row(session, year), reason, year=year, rules=RULES,
                         entity="website_report", published=_published_values)


def _published_values(row: WebsiteReport) -> Any:
    return json.loads(row.figures_json)["values"] if row.figures_json else {}
