"""The report's texts saved by someone else first (issue 19): parts 1, 5 and 6 as they are stored
now and which of them differ from the clerk's, for the conflict dialog (app.form_conflict does the
comparing and merging)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.annual.layout import PART_TITLES
from app.annual.models import AnnualReport
from app.form_conflict import FieldConflict, differences

TEXT_LABELS = {"part1": PART_TITLES[0], "part5": PART_TITLES[4], "part6": PART_TITLES[5]}


@dataclass(frozen=True)
class ReportTexts:
    part1: str = ""
    part5: str = ""
    part6: str = ""


def stored_texts(session: Session, year: int) -> tuple[ReportTexts, int]:
    """The year's texts as saved and the version to save over (0: nothing saved yet)."""
    row = session.get(AnnualReport, year)
    if row is None:
        return ReportTexts(), 0
    return ReportTexts(row.part1, row.part5, row.part6), row.version


def shown_value(_name: str, value: object) -> str:
    return str(value) if value not in (None, "") else "（空）"


def text_differences(original: ReportTexts, theirs: ReportTexts, yours: ReportTexts) -> list[FieldConflict]:
    return differences(original, theirs, yours, labels=TEXT_LABELS, shown=shown_value)
