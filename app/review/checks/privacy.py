"""Personal data (个人隐私): ID numbers, bank cards, mobile phones, with one finding per number."""

from __future__ import annotations

from .bankcard import find_bank_cards
from .digits import ascii_digits, candidate_windows
from .findings import Finding, drop_overlapping
from .idcard import find_id_numbers
from .phone import find_phones


def find_personal_data(text: str) -> list[Finding]:
    """A number is reported once, as the strongest kind: ID number, then bank card, then phone."""
    scan = ascii_digits(text)
    windows = candidate_windows(scan)
    if not windows:
        return []
    ids = find_id_numbers(text, scan, windows)
    cards = drop_overlapping(find_bank_cards(text, scan, windows), ids)
    phones = drop_overlapping(find_phones(text, scan, windows), ids + cards)
    return ids + cards + phones
