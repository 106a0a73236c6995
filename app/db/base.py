"""The declarative base every model derives from, and column helpers shared by all models."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase, Relationship, relationship

# Stable constraint names let Alembic batch migrations alter tables on SQLite.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def utcnow() -> datetime:
    """Naive UTC timestamp: SQLite has no time zones, so every stored time is UTC by convention."""
    return datetime.now(UTC).replace(tzinfo=None)


def owned_rows(back_populates: str, order_by: str) -> Relationship[Any]:
    """A parent's list of child rows that live and die with it: deleted with the parent or when taken
    out of the list, loaded in `order_by` order (e.g. "CaseDocument.id")."""
    return relationship(back_populates=back_populates, cascade="all, delete-orphan", order_by=order_by)
