"""Typed values of the website report: how each kind of row is checked and compared."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from app.errors import ValidationError
from app.website.layout import Row, Source

YES, NO = "是", "否"


def normalise(row: Row, text: str) -> str:
    """The value as stored; "" means not filled. Raises ValidationError saying what to type."""
    value = text.strip().replace("，", ",").replace(",", "")
    if not value:
        return ""
    if row.source is Source.NUMBER:
        if not value.isdigit():
            raise ValidationError(f"“{row.label}”须填写不小于 0 的整数（没有就填 0）。", field=row.key)
        return str(int(value))
    if row.source is Source.DECIMAL:
        try:
            number = Decimal(value)
        except InvalidOperation:
            raise ValidationError(f"“{row.label}”须填写数字，例如 3.5。", field=row.key) from None
        if number < 0 or not number.is_finite():
            raise ValidationError(f"“{row.label}”不能小于 0。", field=row.key)
        return format(number.normalize(), "f")
    if row.source is Source.YESNO:
        if value not in (YES, NO):
            raise ValidationError(f"“{row.label}”须选择“是”或“否”。", field=row.key)
        return value
    return text.strip()


def number(text: str) -> Decimal | None:
    try:
        return Decimal(text) if text else None
    except InvalidOperation:
        return None
