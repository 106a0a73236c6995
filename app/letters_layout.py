"""Which layout a letter of a given kind is printed in, from the office's settings.

Any feature that renders a letter (request cases today, fee notices and others later) asks
here, so one pair of settings decides the 信函格式 for every letter kind.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from app.settings import get_setting

if TYPE_CHECKING:
    from reports.letters.layout import LetterLayout

__all__ = ["letter_layout"]


def letter_layout(session: Session, kind: str) -> LetterLayout:
    """信函格式 when the office listed this kind in 系统设置 → 文书格式, else the plain layout."""
    from reports.letters.kinds import get_spec  # late: document code loads only when a letter is made
    from reports.letters.layout import LetterLayout

    chosen = get_setting(session, "letters.letterhead_kinds") or []
    return LetterLayout(
        letterhead=get_spec(kind).name in chosen,
        preprinted=bool(get_setting(session, "letters.preprinted")),
    )
