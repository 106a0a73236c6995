"""One colour per status of each area's records, kept together so the areas' lists and badges can
be compared at a glance: the case list and the case header's badge (依申请公开), the post list
(发布审核), the disclosure item's tag (主动公开)."""

from __future__ import annotations

from app.cases.enums import CaseStatus
from app.disclosure.enums import ItemStatus
from app.review.enums import PostStatus
from ui.style import Colour

CASE_STATUS_COLOURS: dict[CaseStatus, str] = {
    CaseStatus.REGISTERED: "#546e7a",
    CaseStatus.AWAITING_CORRECTION: "#8e24aa",
    CaseStatus.IN_PROGRESS: "#1565c0",
    CaseStatus.AWAITING_APPROVAL: "#ef6c00",
    CaseStatus.CLOSED: "#2e7d32",
    CaseStatus.ARCHIVED: "#616161",
}

# Waiting in the chain (amber), ready/published (blue), finished (green), withdrawn (grey).
POST_STATUS_COLOURS: dict[PostStatus, str] = {
    PostStatus.DRAFT: "#555555",
    PostStatus.FIRST_REVIEW: "#8a5a00",
    PostStatus.SECOND_REVIEW: "#8a5a00",
    PostStatus.THIRD_REVIEW: "#8a5a00",
    PostStatus.READY: "#1a5fb4",
    PostStatus.PUBLISHED: "#1a5fb4",
    PostStatus.CONFIRMED: "#26734d",
    PostStatus.WITHDRAWN: "#888888",
}

ITEM_STATUS_COLOURS: dict[ItemStatus, str] = {
    ItemStatus.DRAFT: "#546e7a", ItemStatus.REVIEWED: Colour.LINK, ItemStatus.DELAYED: Colour.DELAYED,
    ItemStatus.PUBLISHED: Colour.DONE, ItemStatus.WITHHELD: "#6d4c41", ItemStatus.ON_REQUEST: "#00838f",
    ItemStatus.SUPERSEDED: "#757575",
}
