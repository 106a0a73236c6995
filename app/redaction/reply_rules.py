"""部分公开 and the reply: the rule that a copy (or a reason) exists, and the letter text from it.

Kept out of app/cases so the reply path needs one call each: `require_partial_basis` in
`save_reply_draft`, `reply_body` wherever the default body of a reply is made.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from app.cases.models import RequestCase
from app.cases.outcomes import ReplyType
from app.cases.reply_text import REGULATION, SHORT, default_reply_body
from app.errors import ValidationError
from app.redaction.grounds import Ground
from app.redaction.service import no_copy_reason, release_items, statement_rows
from app.settings import get_setting


def require_partial_basis(session: Session, case: RequestCase, reply_type: ReplyType) -> None:
    """A 部分公开 reply needs a redacted copy, or a recorded reason why none is needed."""
    if ReplyType(reply_type) is not ReplyType.PARTIAL:
        return
    if any(item.released_id is not None for item in release_items(session, case.id)):
        return
    if no_copy_reason(session, case.id):
        return
    raise ValidationError(
        "答复类型为“部分公开”时，须先在“拟公开材料”中生成至少一份公开件（遮盖处理后的材料），"
        "或登记无需公开件的理由（如以摘录方式提供）。",
        field="reply_type",
    )


def require_redactions_reviewed(session: Session, case: RequestCase) -> None:
    """With setting redaction.second_review on, every released copy of a 部分公开 reply must have
    been reviewed by a second person, on its current marks, before the draft goes to 司法局."""
    if case.reply_type != ReplyType.PARTIAL.value or not get_setting(session, "redaction.second_review"):
        return
    items = release_items(session, case.id)
    unreviewed = [i.filename for i in items if i.released_id is not None and not i.reviewed_by]
    if unreviewed:
        raise ValidationError(
            "本单位要求公开件经第二人复核后方可报司法局审核，以下材料的公开件尚未复核（或复核后标记又有修改）："
            + "、".join(f"“{n}”" for n in unreviewed) + "。请在“区分处理”中由另一名工作人员复核。",
            field="reviewed_on",
        )


def reply_body(
    session: Session, reply_type: ReplyType, detail_index: int | None, case: RequestCase, *,
    earlier: tuple[date, str] | None = None,
) -> str:
    """The default body; for 部分公开 with released copies, written from the 区分处理说明."""
    reply = ReplyType(reply_type)
    if reply is not ReplyType.PARTIAL:
        return default_reply_body(reply, detail_index, case, earlier=earlier)
    copies = [item.released_name for item in release_items(session, case.id) if item.released_id is not None]
    rows = statement_rows(session, case.id)
    if not copies or not rows:
        return default_reply_body(reply, detail_index, case)
    counts: dict[Ground, int] = {}
    for row in rows:
        counts[row.ground] = counts.get(row.ground, 0) + row.count
    reasons = []
    for n, (ground, count) in enumerate(sorted(counts.items(), key=lambda kv: list(Ground).index(kv[0]))):
        reg = REGULATION if n == 0 else SHORT
        reasons.append(f"其中{count}处内容{ground.reason}，根据{reg}{ground.citation}的规定不予公开")
    attachments = "、".join(f"《{name}》" for name in copies)
    return (
        f"经查，您申请获取的信息中，部分内容属于可以公开的政府信息，现提供给您（见附件：{attachments}）；"
        + "；".join(reasons) + "。\n"
        f"上述信息能够作区分处理，根据{SHORT}第三十七条的规定，本机关对不予公开的内容作遮盖处理后"
        "向您提供可以公开的内容，并对不予公开的内容说明理由如上。"
    )
