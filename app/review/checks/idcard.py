"""Finding resident identity card numbers in text: 18 digits with a check character (app.id_numbers), or the old 15."""

from __future__ import annotations

import re

from app.id_numbers import PROVINCES, birth_date, has_id_layout, is_valid_id18, plausible_birth

from .digits import iter_matches
from .findings import Finding, make_finding

# Scanned on ASCII-normalised text (see digits.py). Neither side may continue the digit run, and a
# decimal point before or after means it is a measurement, not an identifier.
ID18 = re.compile(r"(?<![0-9])(?<![0-9]\.)[0-9]{17}[0-9Xx](?![0-9Xx])(?!\.[0-9])")
ID15 = re.compile(r"(?<![0-9])(?<![0-9]\.)[0-9]{15}(?![0-9Xx])(?!\.[0-9])")


def is_plausible_id15(number: str) -> bool:
    """Old 15-digit numbers (issued before 1999) have no check digit: province and 19YYMMDD birth date."""
    if len(number) != 15 or not number.isascii() or not number.isdigit():
        return False
    return number[:2] in PROVINCES and plausible_birth(birth_date("19" + number[6:12]))


def mask_id(number: str) -> str:
    """5226**********1234: first 4 and last 4 kept, as inspection reports print them."""
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


def _id18_message(number: str) -> str | None:
    if is_valid_id18(number):
        return "疑似身份证号码（校验位正确），发布前须删除或打码"
    if has_id_layout(number):
        # A mistyped check character still publishes a birth date and a home region.
        return "疑似身份证号码（校验位不符，但含地区码和出生日期），发布前须删除或打码"
    return None


def _id15_message(number: str) -> str | None:
    return "疑似15位旧身份证号码（出生日期有效），发布前须删除或打码" if is_plausible_id15(number) else None


def find_id_numbers(text: str, scan: str, windows: list[tuple[int, int]]) -> list[Finding]:
    """`scan` is `text` with full-width digits made ASCII (same length); offsets refer to both."""
    findings: list[Finding] = []
    for pattern, message_of in ((ID18, _id18_message), (ID15, _id15_message)):
        for m in iter_matches(pattern, scan, windows):
            number = m.group()
            message = message_of(number)
            if message is not None:
                findings.append(make_finding("privacy-id", text, m.start(), m.end(), message, masked=mask_id(number)))
    return findings
