"""The plain input of the guide writer, kept apart from it so importing these types loads no python-docx
(app.guide is imported at start-up through the dashboard hooks)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

__all__ = ["Contact", "GuideInput"]


@dataclass(frozen=True)
class Contact:
    """Who receives requests and how to reach them (条例第十二条)."""

    org_name: str
    office: str
    address: str
    postcode: str
    phone: str
    fax: str
    email: str


@dataclass(frozen=True)
class GuideInput:
    contact: Contact
    office_hours: str
    portal_url: str
    proactive_channels: Sequence[str]  # one paragraph each
    request_channels: Sequence[str]  # one paragraph each: the channel and its date of receipt
    reconsideration_body: str
    court: str
    complaint_body: str
    compiled_on: date
