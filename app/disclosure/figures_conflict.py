"""The year's figures (年度统计数据) saved by someone else first (issue 19): the numbers as stored
now and which of them differ from the clerk's, for the conflict dialog (app.form_conflict does the
comparing and merging)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import make_dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy.orm import Session

from app.disclosure.figures import INT_FIELDS
from app.disclosure.models import YearFigures
from app.form_conflict import FieldConflict, differences

FIGURE_LABELS = {**INT_FIELDS, "fees_amount": "行政事业性收费金额（万元）"}
# One field per number of the form, in the form's order; the fee as the page shows it.
FiguresForm = make_dataclass("FiguresForm", [*((key, int) for key in INT_FIELDS), ("fees_amount", str)],
                             frozen=True)


def fee_text(value: object) -> str:
    """The fee as the form shows it ("1.5", "" for none); text that is no number stays as typed."""
    raw = "" if value is None else str(value).strip()
    try:
        amount = Decimal(raw or "0")
    except InvalidOperation:
        return raw
    if not amount:
        return ""
    text = f"{amount:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def figures_form(values: Mapping[str, object]) -> Any:
    numbers: dict[str, int] = {}
    for key in INT_FIELDS:
        try:
            numbers[key] = int(str(values.get(key) or 0).strip() or 0)
        except ValueError:
            numbers[key] = -1  # not a number: the service says so when it is saved
    return FiguresForm(**numbers, fees_amount=fee_text(values.get("fees_amount")))


def stored_figures(session: Session, year: int) -> tuple[Any, int]:
    """The year's figures as saved and the version to save over (0: nothing saved yet)."""
    row = session.get(YearFigures, year)
    if row is None:
        return figures_form({}), 0
    return figures_form({key: getattr(row, key) for key in FIGURE_LABELS}), row.version


def shown_value(_name: str, value: object) -> str:
    return str(value) if value not in (None, "") else "（空）"


def figure_differences(original: Any, theirs: Any, yours: Any) -> list[FieldConflict]:
    return differences(original, theirs, yours, labels=FIGURE_LABELS, shown=shown_value)
