"""The content hash a sign-off binds, read the way the signing dialog reads it (issue 19).

Every sign-off service requires the hash of what the signer saw; tests that sign outside a dialog
read it here, in the session that signs, just before the call.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from app.annual.service import compute as annual_compute
from app.annual.service import lock_content as annual_lock_content
from app.annual.service import lock_year as annual_lock_year
from app.cases.excessive import decide, later_due_signoff_content
from app.cases.handling import extension_signoff_content
from app.cases.queries import get_case
from app.cases.reply import approve_reply, record_justice_review, reply_signoff_content, reply_state_hash
from app.context import Actor
from app.disclosure.service import get_item, secrecy_content, secrecy_review
from app.review.posts import get_post
from app.review.workflow import post_signoff_content, review
from app.signoff.content import content_hash
from app.website.service import compute as website_compute
from app.website.service import lock_content as website_lock_content


def seen_reply(s: Session, case_id: int) -> str:
    """What the 分管/主要领导 approval dialog shows of the reply."""
    return content_hash(reply_signoff_content(get_case(s, case_id)))


def seen_state(s: Session, case_id: int) -> str:
    """The reply's state as the 司法局 review form read it."""
    return reply_state_hash(s, get_case(s, case_id))


def seen_extension(s: Session, case_id: int, reason: str) -> str:
    return content_hash(extension_signoff_content(get_case(s, case_id), reason))


def seen_later_due(s: Session, case_id: int, later_due: date, reason: str) -> str:
    """What the approver of a 第三十五条 later deadline is shown."""
    return content_hash(later_due_signoff_content(get_case(s, case_id), later_due, reason))


def seen_item(s: Session, item_id: int) -> str:
    return content_hash(secrecy_content(get_item(s, item_id)))


def seen_post(s: Session, post_id: int) -> str:
    return content_hash(post_signoff_content(get_post(s, post_id)))


def seen_annual(s: Session, year: int) -> str:
    return content_hash(annual_lock_content(annual_compute(s, year)))


def seen_website(s: Session, year: int) -> str:
    return content_hash(website_lock_content(website_compute(s, year)))


# The services themselves, for tests that pass them as callables (`_do(db, review, ...)`): each
# reads the hash in the signing session just before it signs.

def review_seen(s: Session, reviewer: Actor, post_id: int, *args: Any, **kw: Any) -> Any:
    return review(s, reviewer, post_id, *args, seen_hash=seen_post(s, post_id), **kw)


def secrecy_review_seen(s: Session, signer: Actor, item_id: int, *args: Any, **kw: Any) -> Any:
    return secrecy_review(s, signer, item_id, *args, seen_hash=seen_item(s, item_id), **kw)


def approve_reply_seen(s: Session, signer: Actor, case_id: int, *args: Any, **kw: Any) -> Any:
    return approve_reply(s, signer, case_id, *args, seen_hash=seen_reply(s, case_id), **kw)


def justice_review_seen(s: Session, actor: Actor, case_id: int, *args: Any, **kw: Any) -> Any:
    return record_justice_review(s, actor, case_id, *args, seen_state=seen_state(s, case_id), **kw)


def lock_annual_seen(s: Session, actor: Actor, year: int, *args: Any, **kw: Any) -> Any:
    return annual_lock_year(s, actor, year, *args, seen_hash=seen_annual(s, year), **kw)


def decide_later_seen(s: Session, actor: Actor, case_id: int, day: date, reason: str, later_due: date,
                      **kw: Any) -> Any:
    """第三十五条: the office sets a later deadline, signed by the approver who saw it."""
    return decide(s, actor, case_id, "later", day, reason, later_due=later_due,
                  seen_hash=seen_later_due(s, case_id, later_due, reason), **kw)
