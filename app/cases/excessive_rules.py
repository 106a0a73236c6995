"""条例第三十五条 decisions and the fact the reply “无正当理由大量反复申请” needs (RULES.md C.7, C.8 end).

Kept apart from app.cases.excessive (the service) so app.cases.reply_facts can ask it without
importing the handling services.
"""

from __future__ import annotations

from app.cases.models import RequestCase
from app.enum_labels import LabelledEnum, labels

ARTICLE = "条例第三十五条"


@labels({
    "on_time": "理由合理，按期答复",
    "later": "理由合理，确定延迟答复的合理期限",
    "decline": "理由不合理，不予处理",
})
class ExcessiveDecision(LabelledEnum):
    ON_TIME = "on_time"
    LATER = "later"
    DECLINE = "decline"


def excessive_refusal(case: RequestCase) -> str | None:
    """Why the reply “无正当理由大量反复申请” cannot be chosen (None: it can)."""
    label = "“无正当理由大量反复申请（不予处理）”"
    if case.excessive_asked_on is None:
        return (f"本件没有要求申请人说明理由，不能按{label}答复。请先在“办理过程 → 第三十五条”中"
                "登记要求说明理由，再登记处理决定。")
    if case.excessive_decision != ExcessiveDecision.DECLINE.value:
        if not case.excessive_decision:
            return f"本件尚未作出“理由不合理，不予处理”的决定，不能按{label}答复。"
        done = ExcessiveDecision(case.excessive_decision).label
        return f"本件的第三十五条处理决定是“{done}”，不能按{label}答复。"
    return None
