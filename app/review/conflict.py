"""A post saved by someone else first (issue 19): its differing fields in words, for the conflict
dialog (app.form_conflict does the comparing and merging)."""

from __future__ import annotations

from datetime import datetime

from app.form_conflict import FieldConflict, differences
from app.review.enums import PostKind, SourceKind
from app.review.posts import PostForm

POST_LABELS = {
    "title": "标题", "target": "发布栏目或账号", "kinds": "信息形式", "body": "正文", "abstract": "摘要",
    "source_kind": "信息来源", "source_site": "转载来源网站", "reprinted_at": "转载时间", "source_url": "来源链接",
    "reprint_doc_level": "原文件层级", "source_justification": "来源说明", "source_department": "报送单位",
    "basis_kind": "首发依据", "basis_reference": "依据文号或说明", "source_unit": "来源单位",
    "sensitive": "重要或敏感信息", "major_emergency": "涉及重特大突发事件", "interpretation_kind": "解读类型",
}
SHOWN_CHARS = 300  # a body is shown in part; the choice still takes or keeps the whole text


def shown_value(name: str, value: object) -> str:
    if value is None or value == "" or value == []:
        return "（空）"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if name == "kinds" and isinstance(value, list):
        return "、".join(PostKind(k).label for k in value)
    if name == "source_kind":
        return SourceKind(str(value)).label
    text = str(value)
    return text if len(text) <= SHOWN_CHARS else f"{text[:SHOWN_CHARS]}…（共 {len(text)} 字）"


def post_differences(original: PostForm, theirs: PostForm, yours: PostForm) -> list[FieldConflict]:
    return differences(original, theirs, yours, labels=POST_LABELS, shown=shown_value)
