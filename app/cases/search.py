"""Search text for request cases: plain substring matching on a normalised copy of the fields.

Chinese has no spaces between words, so token-based full-text search misses two-character words;
a LIKE over a lower-cased, whitespace-free copy finds them on SQLite and PostgreSQL alike
(PostgreSQL can add a pg_trgm index on this column for speed).
"""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    return _SPACE.sub("", unicodedata.normalize("NFKC", text)).lower()


def build_search_text(*parts: str) -> str:
    return "\u0001".join(normalise(p) for p in parts if p)


def like_pattern(query: str) -> str:
    """A LIKE pattern for `query` with % and _ escaped (use escape="\\")."""
    q = normalise(query).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{q}%"
