"""Gap-free yearly numbering for case numbers and document numbers.

The counter is incremented in the same transaction that creates the record, under a row lock,
so a rolled-back creation gives its number back and two PCs never draw the same one.
"""

from __future__ import annotations

from sqlalchemy import Integer, String, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from app.db.base import Base
from app.errors import ValidationError


class DocCounter(Base):
    __tablename__ = "doc_counters"

    kind: Mapped[str] = mapped_column(String(32), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_number: Mapped[int] = mapped_column(Integer, default=0)


def _locked_counter(session: Session, kind: str, year: int) -> DocCounter | None:
    return session.scalars(
        select(DocCounter).where(DocCounter.kind == kind, DocCounter.year == year)
        .with_for_update().execution_options(populate_existing=True)
    ).one_or_none()


def next_number(session: Session, kind: str, year: int) -> int:
    counter = _locked_counter(session, kind, year)
    if counter is None:
        # The year's first number: two PCs may both find no row. The row is created in a
        # savepoint; whoever loses the insert race (unique key, PostgreSQL) reads the winner's
        # row under the lock instead of failing the user's save.
        try:
            with session.begin_nested():
                session.add(DocCounter(kind=kind, year=year, last_number=0))
        except IntegrityError:
            pass
        counter = _locked_counter(session, kind, year)
        assert counter is not None
    counter.last_number += 1
    session.flush()
    return counter.last_number


def ensure_at_least(session: Session, kind: str, year: int, number: int) -> None:
    """After importing existing numbers, continue numbering above the highest one."""
    counter = session.get(DocCounter, (kind, year))
    if counter is None:
        session.add(DocCounter(kind=kind, year=year, last_number=number))
    elif counter.last_number < number:
        counter.last_number = number
    session.flush()


PLACEHOLDERS = ("{short}", "{year}", "{n}")


def format_doc_no(pattern: str, short_name: str, year: int, n: int) -> str:
    """锦府办依复〔2024〕3号: full year in 〔〕, no 第, no leading zeros (GB/T 9704)."""
    if "{n}" not in pattern or "{year}" not in pattern:
        raise ValidationError(f"文号格式“{pattern}”必须包含 {{year}} 和 {{n}}。")
    try:
        return pattern.format(short=short_name, year=year, n=n)
    except (KeyError, IndexError, ValueError) as exc:
        raise ValidationError(f"文号格式“{pattern}”含有无法识别的占位符：{exc}") from exc
