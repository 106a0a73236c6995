"""The 办理单's content as plain data: what reports.handling_form_docx lays out (reports read no
database; app.cases.handling_form fills this from the case)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class HandlingForm:
    org: str
    title: str
    rows: tuple[tuple[str, str], ...]  # label, value (may hold line breaks)
    events: tuple[tuple[str, str], ...]  # date, what happened, in date order
    signs: tuple[tuple[str, str, str, str], ...]  # step, signer, time, decision and opinion
    printed: str
