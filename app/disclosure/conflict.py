"""A disclosure item saved by someone else first (issue 19): its differing fields in words, for the
conflict dialog (app.form_conflict does the comparing and merging)."""

from __future__ import annotations

from datetime import date

from app.disclosure.enums import DocKind
from app.disclosure.queries import category_label
from app.disclosure.service import ItemForm
from app.form_conflict import FieldConflict, differences

ITEM_LABELS = {
    "title": "标题", "category": "公开类别", "section": "责任科室", "formed_on": "形成/变更日期", "doc_no": "文号",
    "doc_kind": "文件类型", "summary": "内容摘要", "other_bodies": "涉及其他单位",
    "others_confirmed_on": "其他单位确认日期", "others_confirmation": "其他单位确认情况",
}


def shown_value(name: str, value: object) -> str:
    if value is None or value == "" or (name == "doc_kind" and value == DocKind.NONE):
        return "（空）"
    if isinstance(value, date):
        return value.isoformat()
    if name == "category" and isinstance(value, int):
        return category_label(value) or str(value)
    if name == "doc_kind":
        return DocKind(str(value)).label
    return str(value)


def item_differences(original: ItemForm, theirs: ItemForm, yours: ItemForm) -> list[FieldConflict]:
    return differences(original, theirs, yours, labels=ITEM_LABELS, shown=shown_value)
