"""The figures of the website report that the records already hold, and the records behind each one.

Counting rules (docs/user-guide/统计报表.md): a post counts in the year of its publication (local time),
when it is new information (not a correction or withdrawal) and was not withdrawn; 信息公开目录 counts
主动公开 items published in the year; a 政策解读 is a post in a 政策解读 column or one linked to a policy;
each inspection that recorded problems counts once as found, and once as fixed when its correction is
dated; new-media posts count by account.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from app.disclosure.enums import Decision, ItemStatus
from app.disclosure.models import DisclosureItem
from app.review.enums import ChangeKind, PostStatus
from app.review.models import Inspection, Post
from app.settings import get_setting
from app.website.columns import Column, InterpretationKind, ReportCategory, lenient_columns
from app.website.models import PolicyInterpretation

PUBLISHED = (PostStatus.PUBLISHED.value, PostStatus.CONFIRMED.value)
CATEGORY_KEYS = {ReportCategory.OVERVIEW: "posts.overview", ReportCategory.NEWS: "posts.news"}
KIND_KEYS = {InterpretationKind.MATERIAL: "interp.material", InterpretationKind.PRODUCT: "interp.product",
             InterpretationKind.MEDIA: "interp.media"}


@dataclass(frozen=True)
class RecordLine:
    """One record behind a figure, as the drill-down list shows it."""

    record_type: str  # post / disclosure_item / inspection / column
    record_id: int | None
    reference: str  # 编号 or date
    title: str
    when: str
    note: str = ""


def _utc(local: datetime) -> datetime:
    # Posts store naive UTC; the year runs from local midnight to local midnight.
    return local.astimezone(UTC).replace(tzinfo=None)


def year_bounds(year: int) -> tuple[datetime, datetime]:
    return _utc(datetime(year, 1, 1)), _utc(datetime(year + 1, 1, 1))


def columns(session: Session) -> list[Column]:
    return lenient_columns(get_setting(session, "review.columns"))


def accounts(session: Session) -> list[str]:
    return [a.strip() for a in get_setting(session, "review.accounts") if a.strip()]


def _posts_in_year(year: int) -> ColumnElement[bool]:
    first, end = year_bounds(year)
    return and_(Post.status.in_(PUBLISHED), Post.change_kind == ChangeKind.NEW.value,
                Post.published_at >= first, Post.published_at < end)


def _interpretation_condition(session: Session, year: int) -> ColumnElement[bool]:
    names = [c.name for c in columns(session) if c.category is ReportCategory.INTERPRETATION]
    linked = select(PolicyInterpretation.post_id)
    return and_(_posts_in_year(year), or_(Post.target.in_(names), Post.id.in_(linked)))


def _post_condition(session: Session, year: int, key: str) -> ColumnElement[bool] | None:
    cols = columns(session)
    for category, row_key in CATEGORY_KEYS.items():
        if key == row_key:
            return and_(_posts_in_year(year), Post.target.in_([c.name for c in cols if c.category is category]))
    if key == "interp.total":
        return _interpretation_condition(session, year)
    for kind, row_key in KIND_KEYS.items():
        if key == row_key:
            return and_(_interpretation_condition(session, year), Post.interpretation_kind == kind.value)
    if key.startswith("media.posts:"):
        return and_(_posts_in_year(year), Post.target == key.split(":", 1)[1])
    return None


def _catalogue_condition(year: int) -> ColumnElement[bool]:
    return and_(DisclosureItem.decision == Decision.PROACTIVE.value,
                DisclosureItem.status.in_([ItemStatus.PUBLISHED.value, ItemStatus.SUPERSEDED.value]),
                DisclosureItem.published_on >= date(year, 1, 1), DisclosureItem.published_on <= date(year, 12, 31))


def _inspection_condition(year: int, key: str) -> ColumnElement[bool]:
    found = and_(Inspection.day >= date(year, 1, 1), Inspection.day <= date(year, 12, 31), Inspection.problems != "")
    return found if key == "security.found" else and_(found, Inspection.corrected_on.is_not(None))


def special_columns(session: Session, year: int, key: str) -> list[Column]:
    """专栏专题 maintained in the year (opened by its end) or opened in it; one without a date is maintained."""
    special = [c for c in columns(session) if c.category is ReportCategory.SPECIAL]
    if key == "special.opened":
        return [c for c in special if c.opened_on is not None and c.opened_on.year == year]
    return [c for c in special if c.opened_on is None or c.opened_on <= date(year, 12, 31)]


def _count(session: Session, condition: ColumnElement[bool], entity: object) -> int:
    return int(session.scalar(select(func.count()).select_from(entity).where(condition)) or 0)  # type: ignore[arg-type]


def computed(session: Session, year: int, keys: Iterable[str]) -> dict[str, int]:
    """The computed figures among `keys`, each by one COUNT query."""
    out: dict[str, int] = {}
    for key in keys:
        condition = _post_condition(session, year, key)
        if condition is not None:
            out[key] = _count(session, condition, Post)
        elif key == "posts.catalogue":
            out[key] = _count(session, _catalogue_condition(year), DisclosureItem)
        elif key in ("security.found", "security.fixed"):
            out[key] = _count(session, _inspection_condition(year, key), Inspection)
        elif key in ("special.maintained", "special.opened"):
            out[key] = len(special_columns(session, year, key))
    if "posts.total" in keys:
        out["posts.total"] = out["posts.overview"] + out["posts.news"] + out["posts.catalogue"]
    return out


def _local(value: datetime | None) -> str:
    if value is None:
        return ""
    return value.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")


def _post_lines(session: Session, condition: ColumnElement[bool], limit: int) -> list[RecordLine]:
    query = select(Post).where(condition).order_by(Post.published_at, Post.id).limit(limit)
    kinds = {k.value: k.label for k in InterpretationKind}
    return [RecordLine("post", p.id, p.post_no, p.title, _local(p.published_at),
                       f"{p.target}" + (f"　{kinds[p.interpretation_kind]}" if p.interpretation_kind in kinds else ""))
            for p in session.scalars(query)]


def records_behind(session: Session, year: int, key: str, limit: int = 5000) -> list[RecordLine]:
    """The records one computed figure counts (the same conditions as `computed`)."""
    condition = _post_condition(session, year, key)
    if condition is not None:
        return _post_lines(session, condition, limit)
    if key == "posts.total":
        return [line for part in ("posts.overview", "posts.news", "posts.catalogue")
                for line in records_behind(session, year, part, limit)][:limit]
    if key == "posts.catalogue":
        query = select(DisclosureItem).where(_catalogue_condition(year)).order_by(
            DisclosureItem.published_on, DisclosureItem.id).limit(limit)
        return [RecordLine("disclosure_item", i.id, i.item_no, i.title,
                           i.published_on.isoformat() if i.published_on else "", i.doc_no)
                for i in session.scalars(query)]
    if key in ("security.found", "security.fixed"):
        checks = select(Inspection).where(_inspection_condition(year, key)).order_by(Inspection.day, Inspection.id)
        return [RecordLine("inspection", r.id, r.day.isoformat(), r.problems, r.day.isoformat(),
                           f"{r.corrected_on.isoformat()} 整改：{r.correction}" if r.corrected_on else "未整改")
                for r in session.scalars(checks.limit(limit))]
    if key in ("special.maintained", "special.opened"):
        return [RecordLine("column", None, c.name, f"专栏专题“{c.name}”",
                           c.opened_on.isoformat() if c.opened_on else "", "" if c.opened_on else "未填开设日期")
                for c in special_columns(session, year, key)]
    raise KeyError(key)


def posts_without_kind(session: Session, year: int) -> list[RecordLine]:
    """Interpretations whose kind was not recorded: counted in the total but in none of its parts."""
    condition = and_(_interpretation_condition(session, year), Post.interpretation_kind == "")
    return _post_lines(session, condition, 5000)


def posts_in_unknown_targets(session: Session, year: int) -> list[RecordLine]:
    """Published posts whose column or account is no longer in 系统设置: they count nowhere."""
    known = [c.name for c in columns(session)] + accounts(session)
    return _post_lines(session, and_(_posts_in_year(year), Post.target.not_in(known)), 5000)
