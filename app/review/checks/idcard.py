"""Chinese resident identity card numbers (GB 11643): 18 digits with a check character, or the old 15."""

from __future__ import annotations

import datetime as dt
import re

from .digits import iter_matches
from .findings import Finding, make_finding

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"  # indexed by the weighted sum mod 11 (ISO 7064 MOD 11-2)
# Province-level codes of GB/T 2260 (plus 71/81/82/83 for Taiwan, Hong Kong, Macao). Stricter
# than "first digit 1-8" and free: it rules out e.g. 19…, 20…, 39… runs of other numbers.
_PROVINCES = frozenset(
    str(code)
    for code in (*range(11, 16), *range(21, 24), *range(31, 38), *range(41, 47), *range(50, 55), *range(61, 66))
) | {"71", "81", "82", "83"}
# Scanned on ASCII-normalised text (see digits.py). Neither side may continue the digit run, and a
# decimal point before or after means it is a measurement, not an identifier.
ID18 = re.compile(r"(?<![0-9])(?<![0-9]\.)[0-9]{17}[0-9Xx](?![0-9Xx])(?!\.[0-9])")
ID15 = re.compile(r"(?<![0-9])(?<![0-9]\.)[0-9]{15}(?![0-9Xx])(?!\.[0-9])")


def check_char(first17: str) -> str:
    total = sum(int(c) * w for c, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARS[total % 11]


def _real_birth_date(yyyymmdd: str, today: dt.date | None = None) -> bool:
    try:
        born = dt.date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return False
    return dt.date(1900, 1, 1) <= born <= (today or dt.date.today())


def has_id_layout(number: str) -> bool:
    """18 digits with a province code and a real birth date, whatever the check character says."""
    return len(number) == 18 and number[:2] in _PROVINCES and _real_birth_date(number[6:14])


def is_valid_id18(number: str, today: dt.date | None = None) -> bool:
    """Province code, a real birth date (not in the future) and a correct check character."""
    if len(number) != 18 or not number[:17].isascii() or not number[:17].isdigit():
        return False
    return (
        number[:2] in _PROVINCES
        and _real_birth_date(number[6:14], today)
        and number[17].upper() == check_char(number[:17])
    )


def is_plausible_id15(number: str) -> bool:
    """Old 15-digit numbers (issued before 1999) have no check digit: province and 19YYMMDD birth date."""
    if len(number) != 15 or not number.isascii() or not number.isdigit():
        return False
    return number[:2] in _PROVINCES and _real_birth_date("19" + number[6:12])


def mask_id(number: str) -> str:
    """5226**********1234: first 4 and last 4 kept, as inspection reports print them."""
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


def find_id_numbers(text: str, scan: str, windows: list[tuple[int, int]]) -> list[Finding]:
    """`scan` is `text` with full-width digits made ASCII (same length); offsets refer to both."""
    findings: list[Finding] = []
    for m in iter_matches(ID18, scan, windows):
        if is_valid_id18(m.group()):
            findings.append(
                make_finding(
                    "privacy-id",
                    text,
                    m.start(),
                    m.end(),
                    "疑似身份证号码（校验位正确），发布前须删除或打码",
                    masked=mask_id(m.group()),
                )
            )
    for m in iter_matches(ID15, scan, windows):
        if is_plausible_id15(m.group()):
            findings.append(
                make_finding(
                    "privacy-id",
                    text,
                    m.start(),
                    m.end(),
                    "疑似15位旧身份证号码（出生日期有效），发布前须删除或打码",
                    masked=mask_id(m.group()),
                )
            )
    return findings
