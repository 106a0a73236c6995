"""The daily reading of the site (日常读网, rule A 第十八、十九条) and the national update limits
(国办秘函〔2019〕19号: news columns 2 weeks, 通知公告 and 政策文件 6 months)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.audit.models import AuditEntry
from app.audit.service import record, snapshot
from app.auth.roles import Role
from app.context import Actor
from app.db.lookup import get_or_not_found
from app.errors import ConflictError, ValidationError
from app.review.enums import PostStatus
from app.review.models import Inspection, Post
from app.settings import get_setting
from app.text_check import check_text
from app.workdays.calendar import WorkCalendar

COLUMN_LIMITS = {"新闻": 14, "通知公告": 183, "政策文件": 183}
INSPECTOR_ROLES = (Role.EDITOR, Role.SECTION_HEAD, Role.ADMIN)
NOTE_LIMIT = 2000


@dataclass
class InspectionForm:
    day: date
    site_reachable: bool = True
    links_ok: bool = True
    columns_updated: bool = True
    content_ok: bool = True
    checked_notes: str = ""
    problems: str = ""
    correction: str = ""
    corrected_on: date | None = None


def _validate(form: InspectionForm, today: date) -> None:
    if form.day > today:
        raise ValidationError("巡检日期不能晚于今天。", field="day")
    # What the printed inspection log shows (app.text_check): no emoji, no pasted control characters.
    for field, label in (("checked_notes", "检查情况"), ("problems", "发现的问题"), ("correction", "整改情况")):
        check_text(getattr(form, field).strip(), label, field, limit=NOTE_LIMIT, multiline=True)
    all_ok = form.site_reachable and form.links_ok and form.columns_updated and form.content_ok
    if not all_ok and not form.problems.strip():
        raise ValidationError("有检查项不正常时，须写明发现的问题。", field="problems")
    if form.corrected_on is not None:
        if form.corrected_on < form.day:
            raise ValidationError("整改日期不能早于巡检日期。", field="corrected_on")
        if not form.correction.strip():
            raise ValidationError("填写整改日期时须写明整改情况。", field="correction")


def _apply(row: Inspection, form: InspectionForm) -> None:
    row.day = form.day
    row.site_reachable, row.links_ok = form.site_reachable, form.links_ok
    row.columns_updated, row.content_ok = form.columns_updated, form.content_ok
    row.checked_notes, row.problems = form.checked_notes.strip(), form.problems.strip()
    row.correction, row.corrected_on = form.correction.strip(), form.corrected_on


def record_inspection(session: Session, actor: Actor, form: InspectionForm, today: date) -> Inspection:
    actor.require(*INSPECTOR_ROLES)
    _validate(form, today)
    row = Inspection(inspector_id=actor.user_id, inspector_name=actor.display_name)
    _apply(row, form)
    session.add(row)
    session.flush()
    record(session, actor, "create", "inspection", row.id, after=snapshot(row),
           summary=f"记录 {form.day.isoformat()} 读网巡检")
    return row


def update_inspection(session: Session, actor: Actor, inspection_id: int, form: InspectionForm,
                      expected_version: int, today: date) -> Inspection:
    """Usually to record the correction of a problem found earlier."""
    actor.require(*INSPECTOR_ROLES)
    row = get_or_not_found(session, Inspection, inspection_id, "该巡检记录不存在。")
    if row.version != expected_version:
        raise ConflictError("该巡检记录已被他人修改，请刷新后重试。")
    _validate(form, today)
    before = snapshot(row)
    _apply(row, form)
    session.flush()
    record(session, actor, "update", "inspection", row.id, before=before, after=snapshot(row),
           summary=f"修改 {row.day.isoformat()} 读网巡检记录")
    return row


def inspections_between(session: Session, first: date, last: date) -> list[Inspection]:
    query = select(Inspection).where(Inspection.day >= first, Inspection.day <= last)
    return list(session.scalars(query.order_by(Inspection.day, Inspection.id)))


def days_without_inspection(session: Session, calendar: WorkCalendar, today: date, lookback: int = 10) -> list[date]:
    """Working days among the last `lookback` (today included once it is a working day) with no record.

    Days before the program was installed (its first audit entry, written with the first
    administrator) are not counted: a fresh installation has missed nothing."""
    first = today - timedelta(days=lookback * 2 + 10)
    workdays = [d for d in calendar.workdays_in(first, today)][-lookback:]
    since = installed_on(session)
    if since is not None and since <= today:  # (a "today" before installation: records from elsewhere)
        workdays = [d for d in workdays if d >= since]
    done = set(session.scalars(select(Inspection.day).where(Inspection.day >= first, Inspection.day <= today)))
    return [d for d in workdays if d not in done]


def installed_on(session: Session) -> date | None:
    """The local day the program was installed: its first audit entry (the first administrator)."""
    installed = session.scalar(select(func.min(AuditEntry.at)))
    # Stored as naive UTC; the office's calendar day is the local one.
    return installed.replace(tzinfo=UTC).astimezone().date() if installed is not None else None


def missed_days(session: Session, calendar: WorkCalendar, first: date, last: date, today: date) -> list[date]:
    """Working days from `first` to `last` with no inspection record, as the dashboard counts
    them: only days already over (before `today`) and not before the program was installed."""
    since = installed_on(session)
    start = max(first, since) if since is not None and since <= today else first
    end = min(last, today - timedelta(days=1))
    if end < start:
        return []
    done = set(session.scalars(select(Inspection.day).where(Inspection.day >= start, Inspection.day <= end)))
    return [d for d in calendar.workdays_in(start, end) if d not in done]


@dataclass(frozen=True)
class ColumnStatus:
    column: str
    kind: str
    last_published: datetime | None
    limit_days: int | None

    def overdue(self, today: date) -> bool:
        if self.limit_days is None:
            return False
        if self.last_published is None:
            return True
        return (today - self.last_published.date()).days > self.limit_days


def parse_columns(values: list[str]) -> list[tuple[str, str]]:
    # The line may carry the website report's category and opening date after the type.
    out = []
    for value in values:
        name, _, rest = value.partition("|")
        kind = rest.split("|")[0]
        if name.strip():
            out.append((name.strip(), kind.strip() or "其他"))
    return out


def column_status(session: Session) -> list[ColumnStatus]:
    columns = parse_columns(get_setting(session, "review.columns"))
    published = {PostStatus.PUBLISHED.value, PostStatus.CONFIRMED.value}
    last: dict[str, datetime | None] = {target: at for target, at in session.execute(
        select(Post.target, func.max(Post.published_at)).where(Post.status.in_(published)).group_by(Post.target)
    )}
    return [ColumnStatus(name, kind, last.get(name), COLUMN_LIMITS.get(kind)) for name, kind in columns]
