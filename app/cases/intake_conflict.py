"""Resolving a registration saved by someone else first (issue 19): the fields that differ, theirs
against the clerk's, and the form merged from the clerk's choice per field.

The dialog offers "theirs" by default where the clerk did not touch the field (he only disagrees
with what he changed himself), and "mine" where he did. Saving the merged form then uses the
version the other PC saved, so it goes through unless a third save came in between.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date

from app.cases.enums import ApplicantType, Channel, DeliveryMethod
from app.cases.intake import FIELD_LABELS, CaseForm, form_values

EXTRA_LABELS = {
    "applicant_type": "申请人类型", "has_power_of_attorney": "授权委托书", "channel": "申请方式",
    "submitted_on": "提交日期", "channel_date": "收到日期", "delivery_method": "送达方式",
    "letter_arrived_on": "平信到达日期",
}


@dataclass(frozen=True)
class FieldConflict:
    field: str
    label: str
    theirs: str  # as shown to the clerk
    yours: str
    you_changed: bool  # the clerk's value differs from what his form was opened with


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
    o, t, y = form_values(original), form_values(theirs), form_values(yours)
    return [
        FieldConflict(f.name, FIELD_LABELS.get(f.name) or EXTRA_LABELS.get(f.name, f.name),
                      shown_value(f.name, t[f.name]), shown_value(f.name, y[f.name]), y[f.name] != o[f.name])
        for f in fields(CaseForm) if t[f.name] != y[f.name]
    ]


def merged(theirs: CaseForm, yours: CaseForm, keep_mine: set[str]) -> CaseForm:
    """Their saved record with the clerk's value for each field he chose to keep."""
    return replace(theirs, **{name: getattr(yours, name) for name in keep_mine})
