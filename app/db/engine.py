"""Engine and session factory for SQLite (the default) and PostgreSQL."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from app.errors import ConflictError

SQLITE_BUSY_TIMEOUT_MS = 10_000


def _on_sqlite_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        if cursor.execute("PRAGMA journal_mode").fetchone()[0].lower() != "memory":
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


# Execution option carried by the connections of read sessions (Database.reader()).
READ_ONLY = "govinfo_read_only"


def _sqlite_begin(conn: Any) -> None:
    if conn.get_execution_options().get(READ_ONLY):
        # A read takes no lock until it reads and then only a WAL snapshot: readers never queue
        # behind each other or behind a writer, and a writer never waits for a reader.
        conn.exec_driver_sql("BEGIN")
    else:
        # A unit of work takes the write lock when it starts, so two writers wait for each other
        # (busy_timeout) instead of one failing half-way with "database is locked" when a deferred
        # transaction tries to upgrade its read snapshot.
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str, echo: bool = False) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(
            url,
            echo=echo,
            connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
            hide_parameters=True,  # error texts reach the screen and the log: no personal data in them
        )
        # pysqlite's own transaction handling is switched off so SQLAlchemy's BEGIN is honoured.
        event.listen(engine, "connect", _disable_pysqlite_autobegin)
        event.listen(engine, "connect", _on_sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    engine = create_engine(url, echo=echo, pool_pre_ping=True, hide_parameters=True)
    if parsed.get_backend_name() == "postgresql":
        from app.db.pg import configure_engine

        configure_engine(engine)
    return engine


def _disable_pysqlite_autobegin(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    dbapi_connection.isolation_level = None


class AppSession(Session):
    """A Session whose flush reports a lost optimistic-locking race as ConflictError.

    On PostgreSQL two PCs can both load version N and both try to save; the second UPDATE
    matches no row and SQLAlchemy raises StaleDataError — often from an autoflush deep inside a
    service. Here it becomes the same Chinese, retryable message as a version check."""

    def flush(self, objects: Sequence[Any] | None = None) -> None:
        try:
            super().flush(objects)
        except StaleDataError as exc:
            raise ConflictError("该记录刚刚已被其他人修改并保存，您的修改未保存。请刷新后重试。") from exc


class ReadSession(AppSession):
    """A session for looking only (`Database.reader()`): its transaction is deferred on SQLite, so
    a change flushed here could not take the write lock safely and is refused as a programming
    error. Changes belong in a unit of work (`session_factory.begin()`)."""

    def flush(self, objects: Sequence[Any] | None = None) -> None:
        if self.new or self.dirty or self.deleted:
            raise RuntimeError("A read session does not write; open a unit of work for changes.")
        super().flush(objects)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions for units of work (`with factory.begin() as s:`); on SQLite they begin IMMEDIATE."""
    return sessionmaker(bind=engine, expire_on_commit=False, class_=AppSession)


def make_read_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that only read; on SQLite their transactions are deferred (plain BEGIN)."""
    return sessionmaker(bind=engine.execution_options(**{READ_ONLY: True}), expire_on_commit=False,
                        class_=ReadSession)


def is_sqlite(engine: Engine) -> bool:
    return engine.url.get_backend_name() == "sqlite"
