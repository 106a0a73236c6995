"""Disclosure items from recording to publication (rule B), with the 20-working-day deadline.

- deadline: the 20th working day after the day the information was formed or changed (第九条);
- a legal cause delays it: the item records the cause, and is due 20 working days after the
  cause ends ("待原因消除后立即对外发布" gives no number; the office's own limit applies again);
- a secrecy review (第六条) is signed before any decision; 不予公开 needs a 第七条 reason and the
  legal basis in words;
- a changed document is a new version of the item with a new deadline; the old one is kept.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.attachments import new_attachment
from app.audit.service import changed_fields, record, snapshot
from app.cases.search import build_search_text
from app.context import Actor
from app.db.lookup import get_or_not_found
from app.disclosure.enums import CATEGORIES, CHANNELS, WITHHOLD_REASONS, Decision, DocKind, ItemStatus
from app.disclosure.item_actions import CLERK_ROLES, SECRECY_ROLES, ItemAction, item_actions_for
from app.disclosure.models import DisclosureAttachment, DisclosureItem
from app.errors import ConflictError, PermissionDenied, ValidationError
from app.numbering import next_number
from app.signoff.content import require_seen
from app.signoff.service import Decision as SignDecision
from app.signoff.service import record_signoff, signoffs_for
from app.text_check import check_text
from app.workdays.calendar import WorkCalendar

PUBLISH_DAYS = 20
__all__ = ["CLERK_ROLES", "SECRECY_ROLES"]  # stated in app.disclosure.item_actions, importable here as before


@dataclass
class ItemForm:
    title: str
    category: int
    section: str
    formed_on: date
    doc_no: str = ""
    doc_kind: DocKind = DocKind.NONE
    summary: str = ""
    other_bodies: str = ""
    others_confirmed_on: date | None = None
    others_confirmation: str = ""


TITLE_LIMIT = 200  # a title reaches registers, catalogues and letters; 200 characters is already long


def _validate(form: ItemForm, today: date) -> None:
    if not form.title.strip():
        raise ValidationError("请填写公开事项标题。", field="title")
    check_text(form.title.strip(), "标题", "title", limit=TITLE_LIMIT)
    check_text(form.doc_no.strip(), "文号", "doc_no", limit=64)
    check_text(form.summary, "内容摘要", "summary", limit=5000, multiline=True)
    check_text(form.other_bodies, "涉及的其他单位", "other_bodies", limit=500, multiline=True)
    if not 0 <= form.category < len(CATEGORIES):
        raise ValidationError("请选择公开类别（第四条所列十二类之一）。", field="category")
    if not form.section.strip():
        raise ValidationError("请选择责任科室。", field="section")
    if form.formed_on > today:
        raise ValidationError("信息形成或变更日期不能晚于今天。", field="formed_on")
    if form.others_confirmed_on is not None and not form.other_bodies.strip():
        raise ValidationError("填写了确认日期时，须写明涉及的其他单位。", field="other_bodies")


def _apply(item: DisclosureItem, form: ItemForm, calendar: WorkCalendar) -> None:
    item.title = form.title.strip()
    item.category = form.category
    item.section = form.section.strip()
    item.formed_on = form.formed_on
    item.doc_no = form.doc_no.strip()
    item.doc_kind = form.doc_kind.value
    item.summary = form.summary.strip()
    item.other_bodies = form.other_bodies.strip()
    item.others_confirmed_on = form.others_confirmed_on
    item.others_confirmation = form.others_confirmation.strip()
    item.search_text = build_search_text(item.item_no, item.title, item.doc_no, item.summary, item.section)
    refresh_due(item, calendar)


def refresh_due(item: DisclosureItem, calendar: WorkCalendar) -> bool:
    """Store the item's deadline; only items still waiting to be published have one."""
    status = ItemStatus(item.status) if item.status else ItemStatus.DRAFT
    if not status.is_pending:
        due, unconfirmed = None, False
    elif status is ItemStatus.DELAYED and item.delay_ended_on is None:
        due, unconfirmed = None, False  # no deadline while the legal cause lasts
    else:
        start = item.delay_ended_on or item.formed_on
        due = calendar.add_workdays(start, PUBLISH_DAYS)
        unconfirmed = bool(calendar.unconfirmed_years_between(start, due))
    changed = (item.due_on, item.due_unconfirmed) != (due, unconfirmed)
    item.due_on, item.due_unconfirmed = due, unconfirmed
    return changed


def get_item(session: Session, item_id: int) -> DisclosureItem:
    return get_or_not_found(session, DisclosureItem, item_id, "该公开事项不存在。")


def create_item(session: Session, actor: Actor, form: ItemForm, calendar: WorkCalendar, today: date) -> DisclosureItem:
    actor.require(*CLERK_ROLES)
    _validate(form, today)
    year = form.formed_on.year
    return _add_draft(session, actor, form, calendar, f"GK-{year}-{next_number(session, 'disclosure', year)}", 1,
                      None, lambda item: f"登记公开事项 {item.item_no}《{item.title}》")


def _add_draft(session: Session, actor: Actor, form: ItemForm, calendar: WorkCalendar, item_no: str,
               version_no: int, previous_id: int | None, summary: Callable[[DisclosureItem], str]) -> DisclosureItem:
    """A new item or new version as a draft awaiting the secrecy review, stored and audited."""
    item = DisclosureItem(
        item_no=item_no, version_no=version_no, previous_id=previous_id,
        status=ItemStatus.DRAFT.value, decision=Decision.PENDING.value, created_by=actor.username,
    )
    _apply(item, form, calendar)
    session.add(item)
    session.flush()
    record(session, actor, "create", "disclosure", item.id, after=snapshot(item), summary=summary(item))
    return item


def update_item(session: Session, actor: Actor, item_id: int, form: ItemForm, expected_version: int,
                calendar: WorkCalendar, today: date) -> DisclosureItem:
    actor.require(*CLERK_ROLES)
    item = get_item(session, item_id)
    if item.version != expected_version:
        raise ConflictError("该事项已被他人修改并保存，请刷新后再改。")
    item_actions_for(item, actor).require(ItemAction.EDIT)
    _validate(form, today)
    before = snapshot(item)
    _apply(item, form, calendar)
    session.flush()
    after = snapshot(item)
    record(session, actor, "update", "disclosure", item.id, before=before, after=after,
           summary=f"修改公开事项 {item.item_no}：{'、'.join(changed_fields(before, after))}")
    return item


def _state_change(
    session: Session, actor: Actor, item: DisclosureItem, before: dict[str, object], summary: str
) -> None:
    session.flush()
    record(session, actor, "state", "disclosure", item.id, before=before, after=snapshot(item), summary=summary)


def secrecy_content(item: DisclosureItem) -> dict[str, object]:
    """The item as the secrecy reviewer signs it: every field of the record (any change since the
    dialog read it — text, dates, attachments' item — is a different version)."""
    return snapshot(item, exclude=("search_text",))


def secrecy_review(session: Session, signer: Actor, item_id: int, opinion: str, reviewed_on: date,
                   decision: SignDecision = SignDecision.APPROVE, *, seen_hash: str) -> DisclosureItem:
    """第六条: the secrecy review, signed by a section head or leader in the sign-off dialog.
    `seen_hash` is the content_hash of secrecy_content the dialog showed."""
    item = get_item(session, item_id)
    item_actions_for(item, signer).require(ItemAction.SECRECY_REVIEW)
    signed_hash = require_seen(seen_hash, secrecy_content(item))
    if not opinion.strip():
        raise ValidationError("请填写保密审查意见。", field="opinion")
    require_not_author(signer, item)
    # A withheld item that is revisited is reviewed again: each review is its own round.
    rounds = sum(1 for so in signoffs_for(session, "disclosure", item.id) if so.step == "secrecy")
    record_signoff(session, signer, subject_type="disclosure", subject_id=item.id, step="secrecy",
                   decision=decision, opinion=opinion, roles=SECRECY_ROLES, round=rounds + 1, content_hash=signed_hash,
                   summary=f"公开事项 {item.item_no} 保密审查（{decision.label}）")
    before = snapshot(item)
    item.secrecy_reviewer = signer.display_name
    item.secrecy_reviewed_on = reviewed_on
    item.secrecy_opinion = opinion.strip()
    if decision is SignDecision.APPROVE:
        item.status = ItemStatus.REVIEWED.value
    _state_change(session, signer, item, before, f"公开事项 {item.item_no} 保密审查：{opinion.strip()[:40]}")
    return item


def decide(session: Session, actor: Actor, item_id: int, decision: Decision, calendar: WorkCalendar,
           withhold_reason: int | None = None, legal_basis: str = "") -> DisclosureItem:
    """主动公开, 依申请公开 or 不予公开 (with a 第七条 reason and the legal basis in words)."""
    item = get_item(session, item_id)
    item_actions_for(item, actor).require(ItemAction.DECIDE)
    if decision is Decision.PENDING:
        raise ValidationError("请选择公开方式。", field="decision")
    before = snapshot(item)
    if decision is Decision.WITHHELD:
        if withhold_reason is None or not 0 <= withhold_reason < len(WITHHOLD_REASONS):
            raise ValidationError("不予公开须选择第七条所列的理由。", field="withhold_reason")
        if not legal_basis.strip():
            raise ValidationError("不予公开须写明法律依据。", field="legal_basis")
        item.withhold_reason, item.legal_basis = withhold_reason, legal_basis.strip()
        item.status = ItemStatus.WITHHELD.value
    else:
        item.withhold_reason, item.legal_basis = None, legal_basis.strip()
        item.status = (ItemStatus.REVIEWED if decision is Decision.PROACTIVE else ItemStatus.ON_REQUEST).value
    item.decision = decision.value
    refresh_due(item, calendar)
    _state_change(session, actor, item, before, f"公开事项 {item.item_no} 确定为“{decision.label}”")
    return item


def publish(session: Session, actor: Actor, item_id: int, channels: list[str], published_on: date, url: str,
            today: date) -> DisclosureItem:
    item = get_item(session, item_id)
    item_actions_for(item, actor).require(ItemAction.PUBLISH)
    unknown = [c for c in channels if c not in CHANNELS]
    if not channels or unknown:
        raise ValidationError("请选择发布渠道。" if not channels else f"未知的发布渠道：{'、'.join(unknown)}",
                              field="channels")
    if "政府门户网站" in channels and not url.strip().lower().startswith(("http://", "https://")):
        raise ValidationError("在门户网站发布的，请填写网页地址（以 http:// 或 https:// 开头）。", field="url")
    if published_on > today or published_on < item.formed_on:
        raise ValidationError("发布日期须在信息形成日期之后、且不晚于今天。", field="published_on")
    before = snapshot(item)
    late = "（超过 20 个工作日时限）" if item.due_on is not None and published_on > item.due_on else ""
    item.channels = "、".join(c for c in CHANNELS if c in channels)  # portal first, as 第八条 orders
    item.published_on, item.url = published_on, url.strip()
    item.status = ItemStatus.PUBLISHED.value
    item.due_on, item.due_unconfirmed = None, False
    _state_change(session, actor, item, before, f"公开事项 {item.item_no} 已发布{late}")
    return item


def delay(session: Session, actor: Actor, item_id: int, cause: str, calendar: WorkCalendar) -> DisclosureItem:
    """第九条: a legal cause prevents publication on time."""
    item = get_item(session, item_id)
    item_actions_for(item, actor).require(ItemAction.DELAY)
    if not cause.strip():
        raise ValidationError("请写明不能按时发布的法定事由。", field="cause")
    before = snapshot(item)
    item.delay_cause, item.delay_ended_on = cause.strip(), None
    item.status = ItemStatus.DELAYED.value
    refresh_due(item, calendar)
    _state_change(session, actor, item, before, f"公开事项 {item.item_no} 暂缓发布：{cause.strip()[:40]}")
    return item


def end_delay(session: Session, actor: Actor, item_id: int, ended_on: date, calendar: WorkCalendar) -> DisclosureItem:
    item = get_item(session, item_id)
    item_actions_for(item, actor).require(ItemAction.END_DELAY)
    before = snapshot(item)
    item.delay_ended_on = ended_on
    item.status = (ItemStatus.REVIEWED if item.secrecy_reviewed_on else ItemStatus.DRAFT).value
    refresh_due(item, calendar)
    _state_change(session, actor, item, before, f"公开事项 {item.item_no} 暂缓事由消除，重新计算期限")
    return item


def revisit(session: Session, actor: Actor, item_id: int, reason: str) -> DisclosureItem:
    """A withheld item whose reason has lapsed goes back to a secrecy review."""
    item = get_item(session, item_id)
    item_actions_for(item, actor).require(ItemAction.REVISIT)
    if not reason.strip():
        raise ValidationError("请写明重新研判的原因（如不予公开的情形已消除）。", field="reason")
    before = snapshot(item)
    item.status, item.decision = ItemStatus.DRAFT.value, Decision.PENDING.value
    item.secrecy_reviewed_on, item.secrecy_reviewer, item.secrecy_opinion = None, "", ""
    _state_change(session, actor, item, before, f"公开事项 {item.item_no} 重新研判：{reason.strip()[:40]}")
    return item


def new_version(session: Session, actor: Actor, item_id: int, form: ItemForm, calendar: WorkCalendar,
                today: date) -> DisclosureItem:
    """A changed document: a new version with its own deadline; the old version is kept as history."""
    old = get_item(session, item_id)
    item_actions_for(old, actor).require(ItemAction.NEW_VERSION)
    _validate(form, today)
    if form.formed_on < old.formed_on:
        raise ValidationError("变更日期不能早于上一版本的形成日期。", field="formed_on")
    before = snapshot(old)
    old.status = ItemStatus.SUPERSEDED.value
    refresh_due(old, calendar)
    _state_change(session, actor, old, before, f"公开事项 {old.item_no} 第 {old.version_no} 版被新版本替代")
    return _add_draft(session, actor, form, calendar, old.item_no, old.version_no + 1, old.id,
                      lambda item: f"公开事项 {item.item_no} 登记第 {item.version_no} 版")


def history(session: Session, item_no: str) -> list[DisclosureItem]:
    return list(session.scalars(
        select(DisclosureItem).where(DisclosureItem.item_no == item_no).order_by(DisclosureItem.version_no)
    ))


def add_attachment(session: Session, actor: Actor, item_id: int, filename: str, content: bytes) -> DisclosureAttachment:
    item = get_item(session, item_id)
    item_actions_for(item, actor).require(ItemAction.ADD_ATTACHMENT)
    attachment = new_attachment(session, DisclosureAttachment, actor, filename, content, item_id=item.id)
    safe = attachment.filename
    record(session, actor, "create", "disclosure_attachment", attachment.id,
           after={"事项": item.item_no, "文件": safe, "大小": len(content)},
           summary=f"公开事项 {item.item_no} 添加附件 {safe}")
    return attachment


def require_not_author(signer: Actor, item: DisclosureItem) -> None:
    if signer.username == item.created_by:
        raise PermissionDenied("保密审查须由登记人以外的人员签署。")


def repeal(session: Session, actor: Actor, item_id: int, repealed_on: date) -> DisclosureItem:
    """A 规范性文件 repealed or expired: it stops counting as 现行有效 in the annual report."""
    item = get_item(session, item_id)
    item_actions_for(item, actor).require(ItemAction.REPEAL)
    if repealed_on < item.formed_on:
        raise ValidationError("废止日期不能早于文件形成日期。", field="repealed_on")
    before = snapshot(item)
    item.repealed_on = repealed_on
    _state_change(session, actor, item, before, f"公开事项 {item.item_no}（{item.doc_no}）登记废止")
    return item
