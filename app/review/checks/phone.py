"""Mainland mobile phone numbers: 1[3-9]x and 8 more digits, with an optional +86 / 86- prefix."""

from __future__ import annotations

import re

from .digits import iter_matches
from .findings import Finding, make_finding

# Separators must be used consistently (138-1234-5678, 138 1234 5678, 13812345678), which keeps
# two unrelated numbers side by side from being read as one phone number.
PHONE = re.compile(
    r"(?<![0-9])(?<![0-9]\.)"
    r"(?P<prefix>(?:\+|00)?86[ -]?|[(（]\+?86[)）][ -]?)?"
    r"(?P<a>1[3-9][0-9])(?P<sep>[ -]?)(?P<b>[0-9]{4})(?P=sep)(?P<c>[0-9]{4})"
    r"(?![0-9])(?!\.[0-9])"
)


def mask_phone(digits: str) -> str:
    """138****1234: first 3 and last 4 of the 11 digits, the prefix dropped."""
    return digits[:3] + "****" + digits[-4:]


def find_phones(text: str, scan: str, windows: list[tuple[int, int]]) -> list[Finding]:
    findings: list[Finding] = []
    for m in iter_matches(PHONE, scan, windows):
        digits = m.group("a") + m.group("b") + m.group("c")
        findings.append(
            make_finding(
                "privacy-phone",
                text,
                m.start(),
                m.end(),
                "疑似手机号码，发布前须删除或打码",
                masked=mask_phone(digits),
            )
        )
    return findings
