"""Mark an exported guide edition as published, and put it in the 主动公开 register.

Only an edition that still matches the settings may be marked published: a guide made before
the phone number changed would be out of date the moment it went online. The register entry is
either a new disclosure item (formed on the day the edition was compiled, so rule B 第九条's
20 working days run from there and the usual secrecy review applies) or an existing one.
"""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.service import record
from app.context import Actor
from app.db.lookup import get_or_not_found
from app.disclosure.enums import CATEGORIES
from app.disclosure.models import DisclosureItem
from app.disclosure.service import ItemForm, create_item
from app.errors import ValidationError
from app.guide.content import changed_labels, guide_facts
from app.guide.models import GuideEdition
from app.guide.service import PUBLISH_ROLES, RECORD_TYPE
from app.settings import get_setting
from app.workdays.service import load_calendar

REGISTER_NONE, REGISTER_CREATE, REGISTER_LINK = "none", "create", "link"
OTHER_CATEGORY = len(CATEGORIES) - 1  # （十二）其他主动公开的政府信息
GUIDE_SECTION = "信息中心"  # rule B 第五条 1.


def guide_title(session: Session, edition: GuideEdition) -> str:
    return f"{get_setting(session, 'org.name')}政府信息公开指南（{edition.exported_on.isoformat()}版）"


def _register_item(session: Session, actor: Actor, edition: GuideEdition, register: str, item_no: str,
                   today: date) -> DisclosureItem | None:
    if register == REGISTER_NONE:
        return None
    if register == REGISTER_LINK:
        wanted = item_no.strip()
        if not wanted:
            raise ValidationError("请填写要关联的公开事项编号，例如“GK-2024-12”。", field="item_no")
        item = session.scalars(select(DisclosureItem).where(DisclosureItem.item_no == wanted)
                               .order_by(DisclosureItem.version_no.desc()).limit(1)).first()
        if item is None:
            raise ValidationError(f"主动公开登记中没有编号为“{wanted}”的公开事项，请核对编号。", field="item_no")
        return item
    if register != REGISTER_CREATE:
        raise ValueError(f"unknown register choice {register!r}")
    sections = [str(s) for s in get_setting(session, "org.sections")]
    section = GUIDE_SECTION if GUIDE_SECTION in sections or not sections else sections[0]
    form = ItemForm(title=guide_title(session, edition), category=OTHER_CATEGORY, section=section,
                    formed_on=edition.exported_on,
                    summary="条例第十二条：政府信息公开指南，由系统根据系统参数生成。")
    return create_item(session, actor, form, load_calendar(session), today)


def mark_published(session: Session, actor: Actor, edition_id: int, published_on: date, *, today: date,
                   register: str = REGISTER_NONE, item_no: str = "") -> GuideEdition:
    """Record that edition `edition_id` was published on `published_on` (audited)."""
    actor.require(*PUBLISH_ROLES)
    edition = get_or_not_found(session, GuideEdition, edition_id, "这份公开指南的导出记录不存在，请刷新后重试。")
    if edition.published_on is not None:
        raise ValidationError(f"这份公开指南已于 {edition.published_on.isoformat()} 标记为已发布。",
                              field="published_on")
    if published_on > today:
        raise ValidationError("发布日期不能晚于今天。", field="published_on")
    if published_on < edition.exported_on:
        raise ValidationError(f"发布日期不能早于这份指南的编制日期（{edition.exported_on.isoformat()}）。",
                              field="published_on")
    current = guide_facts(session)
    if edition.fingerprint != current.fingerprint:
        labels = changed_labels(json.loads(edition.settings_json), current.values)
        raise ValidationError(
            "导出这份指南之后，系统参数中的“" + "”“".join(labels) + "”已修改，这份指南已不是最新的。"
            "请重新导出公开指南，再标记发布。", field="published_on")
    item = _register_item(session, actor, edition, register, item_no, today)
    edition.published_on = published_on
    edition.published_by = actor.username
    if item is not None:
        edition.disclosure_item_id = item.id
    session.flush()
    record(session, actor, "publish", RECORD_TYPE, edition.id,
           before={"发布日期": None},
           after={"发布日期": published_on.isoformat(), "公开事项": item.item_no if item else ""},
           summary=f"公开指南（{edition.exported_on.isoformat()}版）标记为已于 {published_on.isoformat()} 发布")
    return edition
