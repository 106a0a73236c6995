"""Document numbers are drawn when the document is issued (issue 11), never when it is printed:
a 告知书 / 征询书 / 协商函 when it is recorded as sent, the 答复书 when the last leader approves it
(or, for a reply approved before this rule, when it is sent). Numbers come from the yearly counter
in `app.numbering` in issue order and are stored on the record, so a reprint keeps its number and a
number is never drawn twice for the same document.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.numbering import format_doc_no, next_number
from app.settings import get_setting


def issue_doc_no(session: Session, series: str, year: int) -> str:
    """The next number of `series` ("notice" → docno.notice, "reply" → docno.reply) in `year`."""
    n = next_number(session, series, year)
    pattern = str(get_setting(session, f"docno.{series}"))
    return format_doc_no(pattern, str(get_setting(session, "org.short_name")), year, n)
