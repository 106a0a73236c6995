"""Length limits of the request-case texts the database stores without one (Text columns).

The form (app.cases.intake) and the register import (app.cases.register_rows) refuse the same
lengths, so a case that can be typed can be imported and the other way round (issue 13). Both stay
far below Excel's 32,767 characters a cell, so an exported register never has to cut one.
"""

from __future__ import annotations

from app.cases.models import RequestCase

TEXT_LIMITS: dict[str, int] = {"content": 5000, "remarks": 2000}


def text_limit(attr: str) -> int | None:
    """The most characters `attr` of a request case may hold (None: not a text field)."""
    column = RequestCase.__table__.c.get(attr)
    length = getattr(column.type, "length", None) if column is not None else None
    return int(length) if length else TEXT_LIMITS.get(attr)
