"""Bank card numbers: 16-19 digits passing the Luhn check, contiguous or in groups of four."""

from __future__ import annotations

import re

from app.id_numbers import has_id_layout

from .digits import iter_matches
from .findings import Finding, make_finding

# One separator style per number (none, or a single space / hyphen between groups of four).
CARD = re.compile(
    r"(?<![0-9])(?<![0-9]\.)"
    r"(?P<num>[0-9]{4}(?P<sep>[ -]?)[0-9]{4}(?P=sep)[0-9]{4}(?P=sep)[0-9]{4}(?:(?P=sep)[0-9]{1,3})?)"
    r"(?![0-9])(?!\.[0-9])"
)
# Issuer prefixes in use in China: 3 (JCB/Amex), 4 (Visa), 5 (Mastercard), 6 (UnionPay 62…),
# 9 (old domestic debit cards, e.g. 9558…). Leaving out 0, 1, 2, 7, 8 removes many serial numbers.
_ISSUER_FIRST_DIGITS = frozenset("34569")


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def is_plausible_card(digits: str) -> bool:
    return (
        16 <= len(digits) <= 19
        # An 18-digit number laid out like an ID card is a mistyped ID (or an ID with a wrong check
        # digit on purpose), not a card: 18-digit cards are rare, and such a number must stay quiet.
        and not has_id_layout(digits)
        and digits[0] in _ISSUER_FIRST_DIGITS
        and len(set(digits)) > 1  # 6666…6 passes Luhn but is a placeholder
        and luhn_ok(digits)
    )


def mask_card(digits: str) -> str:
    """6222 **** **** 1234: first 4 and last 4 kept, middle hidden whatever the length."""
    return f"{digits[:4]} **** **** {digits[-4:]}"


def find_bank_cards(text: str, scan: str, windows: list[tuple[int, int]]) -> list[Finding]:
    findings: list[Finding] = []
    for m in iter_matches(CARD, scan, windows):
        start, end, sep = m.start(), m.end(), m.group("sep")
        # "1234 6222 0212 3456 7890": a grouped number that continues beyond the match is not a card.
        if sep and (scan[max(0, start - 2) : start - 1].isdigit() and scan[start - 1 : start] == sep):
            continue
        if sep and (scan[end : end + 1] == sep and scan[end + 1 : end + 2].isdigit()):
            continue
        digits = m.group("num").replace(sep, "") if sep else m.group("num")
        if is_plausible_card(digits):
            findings.append(
                make_finding(
                    "privacy-bankcard",
                    text,
                    start,
                    end,
                    "疑似银行卡号（校验位正确），发布前须删除或打码",
                    masked=mask_card(digits),
                )
            )
    return findings
