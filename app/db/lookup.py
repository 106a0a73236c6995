"""Reading one record the user asked for, or refusing with the area's own Chinese "not found" sentence.

Every service looks records up by id or by number the same way; the message is the caller's, because
only the caller knows what to tell the user to do (refresh the list, check the number)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar, TypeVarTuple

from sqlalchemy import Row, Select
from sqlalchemy.orm import Session
from sqlalchemy.orm.interfaces import ORMOption

from app.errors import NotFound

T = TypeVar("T")
Ts = TypeVarTuple("Ts")


def present(value: T | None, message: str) -> T:
    """`value`, or NotFound(message) when the record was not there."""
    if value is None:
        raise NotFound(message)
    return value


def get_or_not_found(session: Session, model: type[T], ident: object, message: str, *,
                     options: Sequence[ORMOption] = (), lock: bool = False) -> T:
    """The row of `model` with primary key `ident`; `lock` takes the row lock (PostgreSQL) and
    re-reads the row, so a second saver waits for the first and then sees its version."""
    return present(session.get(model, ident, options=options, with_for_update=lock or None,
                               populate_existing=lock or None), message)


def one_or_not_found(session: Session, stmt: Select[T], message: str) -> T:
    """The first entity (or value) `stmt` selects."""
    return present(session.scalar(stmt), message)


def row_or_not_found(session: Session, stmt: Select[*Ts], message: str) -> Row[*Ts]:
    """The first row (several columns) `stmt` selects."""
    return present(session.execute(stmt).first(), message)
