"""What a signature binds: the content hash of the text and fields the signing dialog showed.

A dialog builds its summary from `content` (label → text) read in one session and keeps its hash;
the service recomputes the hash from the record as it is now and refuses when they differ, so a
leader never signs text he did not see (another PC may have saved a new draft in between). The
hash of what was signed is stored with the signature.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import date, datetime

from app.errors import StaleContent

STALE_SIGNATURE = "内容已被修改，请重新查看后再签批。"
STALE_LOCK = "报告的数字或文字在您查看后已有变动。内容已被修改，请重新查看后再锁定。"


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def content_hash(content: Mapping[str, object]) -> str:
    """SHA-256 of the content in a canonical form (keys sorted, dates and numbers as text)."""
    canonical = json.dumps(dict(content), ensure_ascii=False, sort_keys=True, default=_text)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def require_seen(seen: str, content: Mapping[str, object], message: str = STALE_SIGNATURE) -> str:
    """The current hash; refused with `message` when the caller saw another version.

    Every caller passes the hash of what it showed or read (dialog, command line, demo data): a
    signature without one could bind a text nobody looked at, so an empty hash is refused too."""
    current = content_hash(content)
    if seen != current:
        raise StaleContent(message)
    return current
