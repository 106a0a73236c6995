"""Resolving a registration saved by someone else first (issue 19): the fields that differ, theirs
against the clerk's, and the form merged from the clerk's choice per field.

The dialog offers "theirs" by default where the clerk did not touch the field (he only disagrees
with what he changed himself), and "mine" where he did. Saving the merged form then uses the
version the other PC saved, so it goes through unless a third save came in between.
"""

from __future__ import annotations

from datetime import date

from app.cases.enums import ApplicantType, Channel, DeliveryMethod
from app.cases.intake import FIELD_LABELS, CaseForm, form_values
from app.form_conflict import FieldConflict
from app.form_conflict import differences as form_differences
from app.form_conflict import merged as merge_forms

EXTRA_LABELS = {
    "applicant_type": "申请人类型", "has_power_of_attorney": "授权委托书", "channel": "申请方式",
    "submitted_on": "提交日期", "channel_date": "收到日期", "delivery_method": "送达方式",
    "letter_arrived_on": "平信到达日期",
}


def shown_value(name: str, value: object) -> str:
    if value is None or value == "":
        return "（空）"
    if isinstance(value, bool):
        return "已提交" if value else "未提交"
    if isinstance(value, date):
        return value.isoformat()
    if name == "applicant_type":
        return ApplicantType(str(value)).label
    if name == "channel":
        return Channel(str(value)).label
    if name == "delivery_method":
        return DeliveryMethod(str(value)).label
    return str(value)


def differences(original: CaseForm, theirs: CaseForm, yours: CaseForm) -> list[FieldConflict]:
    """Every registration field where the saved record and the clerk's form differ, in form order."""
    return form_differences(original, theirs, yours, labels={**FIELD_LABELS, **EXTRA_LABELS}, shown=shown_value,
                            values=form_values)


def merged(theirs: CaseForm, yours: CaseForm, keep_mine: set[str]) -> CaseForm:
    """Their saved record with the clerk's value for each field he chose to keep."""
    return merge_forms(theirs, yours, keep_mine)
