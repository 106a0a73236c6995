"""Plausibility checks for what clerks type into forms: pure functions, reused by the register
importer and other features.

Each `*_problem` function returns None when the value looks right, otherwise a short Chinese
phrase saying what is wrong; callers decide whether that is a warning or a refusal.
"""

from __future__ import annotations

import re
from datetime import date

from app.errors import ValidationError
from app.id_numbers import EARLIEST_BIRTH, birth_date, check_char

# --- 居民身份证 (GB 11643-1999): app.id_numbers ----------------------------------------------------
_ID_SHAPE = re.compile(r"^\d{17}[\dX]$")
id_card_check_digit = check_char  # the name the demo data and the register checks know


def normalize_code(text: str) -> str:
    """Upper case without spaces: clerks copy numbers with spaces and a lower-case x."""
    return re.sub(r"\s+", "", text).upper()


def id_card_problem(number: str, today: date | None = None) -> str | None:
    value = normalize_code(number)
    if not _ID_SHAPE.match(value):
        return "居民身份证号码应为 18 位，前 17 位为数字，最后一位为数字或 X"
    born = birth_date(value[6:14])
    if born is None:
        return f"居民身份证号码中的出生日期“{value[6:14]}”不存在"
    if today is not None and born > today:
        return f"居民身份证号码中的出生日期“{value[6:14]}”晚于今天"
    if born < EARLIEST_BIRTH:
        return f"居民身份证号码中的出生日期“{value[6:14]}”不合理"
    if check_char(value[:17]) != value[17]:
        return "居民身份证号码最后一位校验码不正确，请核对是否有数字录错"
    return None


# --- 统一社会信用代码 (GB 32100-2015): MOD 31 check character over a 31-letter alphabet ------------
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, Z, S, V
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_USCC_SHAPE = re.compile(rf"^[{USCC_CHARS}]{{2}}\d{{6}}[{USCC_CHARS}]{{10}}$")


def uscc_check_char(first17: str) -> str:
    if len(first17) != 17 or any(c not in USCC_CHARS for c in first17):
        raise ValueError("first17 must be 17 characters of the GB 32100 alphabet")
    total = sum(USCC_CHARS.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return USCC_CHARS[(31 - total % 31) % 31]


def uscc_problem(code: str) -> str | None:
    value = normalize_code(code)
    if len(value) != 18:
        return "统一社会信用代码应为 18 位"
    if not _USCC_SHAPE.match(value):
        return "统一社会信用代码含有不允许的字符（不使用 I、O、Z、S、V），或第 3–8 位不是行政区划数字"
    if uscc_check_char(value[:17]) != value[17]:
        return "统一社会信用代码最后一位校验码不正确，请核对是否有字符录错"
    return None


# --- Telephone numbers ----------------------------------------------------------------------
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
# Area code (3 digits only for 010 and 02x, else 4), a local number of 7–8 digits not starting with
# 0 or 1, an optional extension.
_LANDLINE = re.compile(r"^(010|02\d|0[3-9]\d{2})?[2-9]\d{6,7}(\d{1,6})?$")
_SERVICE = re.compile(r"^(400|800)\d{7}$|^95\d{3,6}$|^1[012]\d{3}$")


def phone_problem(phone: str) -> str | None:
    """A mainland mobile, landline (with or without area code / extension) or service number."""
    raw = phone.strip()
    if not raw:
        return None
    if re.search(r"[^\d\s\-+()（）转#]", raw):
        return f"电话号码“{raw}”含有不应出现的字符"
    digits = re.sub(r"\D", "", raw.replace("转", "-"))
    if raw.startswith("+86") or (raw.startswith("86") and len(digits) == 13):
        digits = digits[2:]
    if _MOBILE.match(digits) or _SERVICE.match(digits):
        return None
    if digits.startswith("1") and len(digits) != 11:
        return f"手机号码“{raw}”应为 11 位"
    if digits.startswith("1"):
        return f"手机号码“{raw}”的号段不存在"
    if _LANDLINE.match(digits) and 7 <= len(digits) <= 18:
        return None
    return f"电话号码“{raw}”的位数或格式不像有效的手机或固定电话"


# --- E-mail and postcode ----------------------------------------------------------------------
# Deliberately loose: a reply must not be refused for an unusual but real address; this only
# catches the typing slips that make delivery impossible (missing @, spaces, no domain).
_EMAIL = re.compile(r"^[^@\s,;，；]+@[^@\s,;，；.]+(\.[^@\s,;，；.]+)+$")
_POSTCODE = re.compile(r"^\d{6}$")


def is_valid_email(email: str) -> bool:
    return bool(_EMAIL.match(email.strip()))


def is_valid_postcode(postcode: str) -> bool:
    return bool(_POSTCODE.match(postcode.strip()))


# --- Dates ----------------------------------------------------------------------------------
def cn_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def require_not_before(value: date, earlier: date | None, field: str, label: str, earlier_label: str) -> None:
    """Refuse a date that precedes the date it follows (a reply before receipt, …)."""
    if earlier is not None and value < earlier:
        raise ValidationError(
            f"{label}（{cn_date(value)}）不能早于{earlier_label}（{cn_date(earlier)}），请核对后重新填写。",
            field=field,
        )


def require_not_future(value: date, today: date, field: str, label: str) -> None:
    if value > today:
        raise ValidationError(
            f"{label}（{cn_date(value)}）不能晚于今天（{cn_date(today)}），请核对后重新填写。", field=field
        )
