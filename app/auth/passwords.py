"""Password hashing with scrypt (a slow, salted, memory-hard KDF from the standard library).

Cost: OWASP's current recommendation for scrypt, N=2^17, r=8, p=1 (128 MiB, a fraction of a
second on an office PC). Each stored hash carries its own parameters, so a hash made at a lower
cost still verifies, and `needs_rehash` tells the login to store a new one at today's cost.

The test suite would take hours at that cost, so there is exactly one way to lower it: the
environment variable GOVINFO_INSECURE_TEST_PASSWORD_COST=1, set by tests/conftest.py (and
inherited by the programs the tests start). Its name says what it is; nothing in the program
sets it, and docs/developer.md documents it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re

from app.errors import ValidationError

_PROD_N, _R, _P = 2**17, 8, 1
_TEST_N = 2**10
INSECURE_TEST_COST_ENV = "GOVINFO_INSECURE_TEST_PASSWORD_COST"
_DKLEN = 32
_MAXMEM = 256 * 1024 * 1024  # N=2^17, r=8 needs 128 MiB; Python's default cap is 32 MiB
MIN_LENGTH = 8


def current_n() -> int:
    """scrypt's N for new hashes (read each time, so a test that clears the variable sees it)."""
    return _TEST_N if os.environ.get(INSECURE_TEST_COST_ENV) == "1" else _PROD_N


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int, dklen: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=dklen, maxmem=_MAXMEM)


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    n = current_n()
    digest = _scrypt(password, salt, n, _R, _P, _DKLEN)
    return f"scrypt${n}${_R}${_P}${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt_b64, digest_b64 = stored.split("$")
        if scheme != "scrypt" or not 2**10 <= int(n) <= 2**20:
            return False
        expected = base64.b64decode(digest_b64)
        digest = _scrypt(password, base64.b64decode(salt_b64), int(n), int(r), int(p), len(expected))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(digest, expected)


def needs_rehash(stored: str) -> bool:
    """True for a hash made at a lower cost than today's (upgraded at the next successful login)."""
    try:
        scheme, n, r, p, *_ = stored.split("$")
        return scheme != "scrypt" or int(n) < current_n() or int(r) < _R or int(p) < _P
    except ValueError:
        return True


_DUMMY_HASHES: dict[int, str] = {}


def burn_time_like_verify(password: str) -> None:
    """Spend the time a real verification takes, for a user name that does not exist, so the
    answer's timing does not tell whether the name is an account."""
    n = current_n()
    if n not in _DUMMY_HASHES:
        _DUMMY_HASHES[n] = hash_password("not-a-real-account-password")
    verify_password(password, _DUMMY_HASHES[n])


# The most common passwords that still pass the length and kinds rules (from the public
# breached-password top lists); compared case-insensitively.
COMMON_PASSWORDS = frozenset({
    "password1", "password12", "password123", "password1234", "passw0rd", "passw0rd!", "p@ssw0rd",
    "p@ssword", "p@ssword1", "p@ssw0rd1", "password!", "password@123", "admin123", "admin1234",
    "admin@123", "admin123456", "abc12345", "abcd1234", "abc123456", "qwerty123", "qwerty12",
    "qwe12345", "1qaz2wsx", "1q2w3e4r", "1q2w3e4r5t", "zaq12wsx", "a1234567", "a12345678",
    "aa123456", "aa12345678", "123456aa", "12345678a", "123456abc", "iloveyou1", "welcome1",
    "welcome123", "letmein1", "test1234", "test12345", "root1234", "woaini1314", "woaini520",
    "asd12345", "asdf1234", "zxc12345", "zxcv1234", "q1w2e3r4", "1234qwer", "123qwe123",
    "changeme1", "default1", "123456789a", "a123456789", "abc123abc", "sunshine1", "football1",
})


def check_strength(password: str, *, username: str = "", display_name: str = "") -> None:
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
    lowered = password.lower()
    if lowered in COMMON_PASSWORDS:
        raise ValidationError("这是最常见、最容易被猜中的密码之一，请换一个。", field="password")
    # "zhangsan2024", "2024zhangsan!", "Zhangsan@1": the name with digits/symbols around it.
    core = re.sub(r"[\W\d_]+", "", lowered)
    for name in (username.strip().lower(), display_name.strip().lower()):
        if len(name) >= 2 and (name in lowered and len(core) <= len(name) + 1):
            raise ValidationError("密码不能由用户名或姓名加数字、符号组成，请换一个。", field="password")
