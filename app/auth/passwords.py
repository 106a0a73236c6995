"""Password hashing with scrypt (a slow, salted, memory-hard KDF from the standard library)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

from app.errors import ValidationError

_N, _R, _P = 2**14, 8, 1
_DKLEN = 32
MIN_LENGTH = 8


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, dklen=_DKLEN)
    return f"scrypt${_N}${_R}${_P}${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt_b64, digest_b64 = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    digest = hashlib.scrypt(
        password.encode("utf-8"), salt=base64.b64decode(salt_b64), n=int(n), r=int(r), p=int(p),
        dklen=len(base64.b64decode(digest_b64)),
    )
    return hmac.compare_digest(digest, base64.b64decode(digest_b64))


def check_strength(password: str) -> None:
    """Reject passwords an office policy would reject; the message says what to change."""
    if len(password) < MIN_LENGTH:
        raise ValidationError(f"密码至少需要 {MIN_LENGTH} 位。", field="password")
    # The rule names three kinds: letters (either case), digits, symbols.
    kinds = sum(
        (
            any(c.isdigit() for c in password),
            any(c.isalpha() for c in password),
            any(not c.isalnum() for c in password),
        )
    )
    if kinds < 2:
        raise ValidationError("密码需包含字母、数字、符号中的至少两类。", field="password")
