"""What may be done to a disclosure item now (rule B), and why not: the one statement of which step
applies in which state and who takes it. app/disclosure/service.py refuses with these reasons; the
detail panel's row of buttons shows, disables and explains from `item_actions_for`.
"""

from __future__ import annotations

from enum import StrEnum

from app.auth.roles import Role
from app.availability import Availability, Refusal, first, refused_for_roles
from app.cases.validation import cn_date
from app.context import Actor
from app.disclosure.enums import Decision, DocKind, ItemStatus
from app.disclosure.models import DisclosureItem

CLERK_ROLES = (Role.DISCLOSURE_STAFF, Role.EDITOR, Role.ADMIN)
SECRECY_ROLES = (Role.SECTION_HEAD, Role.LEADER_IN_CHARGE, Role.PRINCIPAL_LEADER)


class ItemAction(StrEnum):
    EDIT = "edit"
    SECRECY_REVIEW = "secrecy_review"  # signed by a section head or leader in the sign-off dialog
    DECIDE = "decide"
    PUBLISH = "publish"
    DELAY = "delay"
    END_DELAY = "end_delay"
    REVISIT = "revisit"
    NEW_VERSION = "new_version"
    REPEAL = "repeal"
    ADD_ATTACHMENT = "add_attachment"


def _state(ok: bool, text: str) -> Refusal | None:
    return None if ok else Refusal(text)


def _decide(item: DisclosureItem, status: ItemStatus) -> Refusal | None:
    """The way of disclosure is decided after the secrecy review, and changed only through the step
    that fits: 重新研判 for a withheld or on-request item, 暂缓事由消除 for a delayed one."""
    if status is ItemStatus.DRAFT:
        return Refusal("须先完成保密审查，再确定公开方式。")
    if status in (ItemStatus.PUBLISHED, ItemStatus.SUPERSEDED):
        return Refusal("已公开的事项不能再改公开方式。")
    if status in (ItemStatus.WITHHELD, ItemStatus.ON_REQUEST):
        return Refusal(f"该事项已确定为“{Decision(item.decision).label}”；如情形变化，请先“重新研判”。")
    if status is ItemStatus.DELAYED:
        return Refusal("该事项暂缓发布中；暂缓事由消除后再确定公开方式。")
    return None


def item_actions_for(item: DisclosureItem, actor: Actor) -> Availability[ItemAction]:
    """The state's reason comes before the role's, so the button row can hide a step of another state
    and explain one that is not this user's."""
    status = ItemStatus(item.status)
    role = refused_for_roles(actor.lacks(*CLERK_ROLES))
    public = status in (ItemStatus.PUBLISHED, ItemStatus.SUPERSEDED)
    superseded = _state(status is not ItemStatus.SUPERSEDED, "该版本已被替代，请在最新版本上登记变更。")
    return Availability.of({
        ItemAction.EDIT: first(_state(not public, "已公开的事项不能直接修改；文件变更请“登记新版本”。"), role),
        ItemAction.SECRECY_REVIEW: _state(status is ItemStatus.DRAFT, "该事项已完成保密审查。"),
        ItemAction.DECIDE: first(_decide(item, status), role),
        ItemAction.PUBLISH: first(
            _state(status is ItemStatus.REVIEWED and item.decision == Decision.PROACTIVE.value,
                   "只有经保密审查并确定“主动公开”的事项才能登记发布。"),
            role,
            Refusal(f"本事项涉及其他单位（{item.other_bodies}），须先与其协商确认、保证信息准确一致（第十条），"
                    "并登记确认日期后才能发布。", field="others_confirmed_on")
            if item.other_bodies and item.others_confirmed_on is None else None,
        ),
        ItemAction.DELAY: first(
            _state(status.is_pending, "只有尚未发布的事项才能暂缓发布。"),
            _state(status is not ItemStatus.DELAYED, "该事项已在暂缓发布中；事由消除后请登记“暂缓事由消除”。"),
            role,
        ),
        ItemAction.END_DELAY: first(_state(status is ItemStatus.DELAYED, "该事项没有暂缓发布。"), role),
        ItemAction.REVISIT: first(_state(status in (ItemStatus.WITHHELD, ItemStatus.ON_REQUEST),
                                         "只有不予公开或依申请公开的事项需要重新研判。"), role),
        ItemAction.NEW_VERSION: first(superseded, role),
        ItemAction.REPEAL: first(
            _state(item.doc_kind in (DocKind.NORMATIVE.value, DocKind.RULE.value),
                   "只有规章和行政规范性文件需要登记废止。"),
            superseded,
            Refusal(f"该文件已于{cn_date(item.repealed_on)}登记废止。") if item.repealed_on is not None else None,
            role,
        ),
        ItemAction.ADD_ATTACHMENT: role,
    })
