"""居民身份证号码 (GB 11643-1999): the check character, the birth date and the region code.

One implementation for the forms and the register (app.cases.validation) and for the publishing
check (app.review.checks.idcard), so both agree on what a plausible number is.
"""

from __future__ import annotations

from datetime import date

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"  # indexed by the weighted sum mod 11 (ISO 7064 MOD 11-2)

# No 18-digit number was issued to anyone born earlier; an earlier "birth date" is a typing error
# or another kind of number.
EARLIEST_BIRTH = date(1900, 1, 1)

# Province-level codes of GB/T 2260 (plus 71/81/82/83 for Taiwan, Hong Kong, Macao).
PROVINCES = frozenset(
    str(code)
    for code in (*range(11, 16), *range(21, 24), *range(31, 38), *range(41, 47), *range(50, 55), *range(61, 66))
) | {"71", "81", "82", "83"}


def check_char(first17: str) -> str:
    """The check character ('0'–'9' or 'X') for the first 17 digits of an 18-digit ID number."""
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise ValueError("first17 must be 17 digits")
    total = sum(int(c) * w for c, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARS[total % 11]


def birth_date(yyyymmdd: str) -> date | None:
    """The date written as YYYYMMDD, or None when no such day exists."""
    try:
        return date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return None


def plausible_birth(born: date | None, today: date | None = None) -> bool:
    """Between EARLIEST_BIRTH and today (inclusive)."""
    return born is not None and EARLIEST_BIRTH <= born <= (today or date.today())


def has_id_layout(number: str, today: date | None = None) -> bool:
    """18 digits with a province code and a plausible birth date, whatever the check character says."""
    return (len(number) == 18 and number[:17].isascii() and number[:17].isdigit() and number[:2] in PROVINCES
            and plausible_birth(birth_date(number[6:14]), today))


def is_valid_id18(number: str, today: date | None = None) -> bool:
    """The layout of an ID number and a correct check character (a lower-case x is accepted)."""
    return has_id_layout(number, today) and number[17].upper() == check_char(number[:17])
