"""Telling "the database server went away" apart from every other database error.

On PostgreSQL the server can restart, or the intranet can drop, while a form is open. The engine's
pool_pre_ping already replaces dead connections when the next unit of work starts, so the only
thing the user needs is a clear message and a retry: the failed unit of work was rolled back as
a whole, and the form that started it still holds what was typed. The UI calls
`describe_db_error(exc)` where it shows errors; a non-None answer means "show this, keep the form,
offer 重试" (ui.messages.show_error adds that button where the action can be run again; elsewhere the
text asks to do it again, and no button it does not have is named).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from app.errors import UserError

SERVER_GONE_MESSAGE = (
    "无法连接数据库服务器，刚才的操作没有保存（已填写的内容仍保留在窗口中）。"
    "请检查网络或联系管理员，恢复后重试。"
)
FILE_GONE_MESSAGE = (
    "无法访问数据库文件，刚才的操作没有保存（已填写的内容仍保留在窗口中）。"
    "请检查数据库所在的磁盘或文件夹是否可用，恢复后重试。"
)

BUSY_MESSAGE = (
    "数据库正忙（另一台电脑或另一个操作正在保存），刚才的操作没有保存（已填写的内容仍保留在窗口中）。"
    "请稍候片刻后重试。"
)

# SQLSTATE classes that mean the connection, not the statement, failed: 08 connection exception,
# 57P01–57P03 server shutting down / crash recovery / cannot connect now.
_GONE_SQLSTATES = ("08", "57P01", "57P02", "57P03")
# What SQLite says when the file (e.g. on a network drive) has become unreachable.
_SQLITE_GONE = ("unable to open database file", "disk i/o error")


class DatabaseUnavailable(UserError):
    """The database server (or the database file's disk) cannot be reached; retrying may work."""


def _causes(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def _dbapi_gone(err: DBAPIError) -> str | None:
    if err.connection_invalidated:
        return SERVER_GONE_MESSAGE
    orig = err.orig
    if isinstance(orig, sqlite3.Error):
        text = str(orig).lower()
        if "database is locked" in text:  # a writer held the lock past the 10 s busy timeout
            return BUSY_MESSAGE
        return FILE_GONE_MESSAGE if any(t in text for t in _SQLITE_GONE) else None
    sqlstate = getattr(orig, "sqlstate", None)
    if isinstance(sqlstate, str):
        return SERVER_GONE_MESSAGE if sqlstate.startswith(_GONE_SQLSTATES) else None
    # psycopg raises OperationalError/InterfaceError without a SQLSTATE when the socket is
    # closed, the server cannot be reached or the connection is already broken.
    if isinstance(err, OperationalError | InterfaceError) and sqlstate is None and orig is not None:
        module = type(orig).__module__
        if module.startswith("psycopg"):
            return SERVER_GONE_MESSAGE
    return None


def describe_db_error(exc: BaseException) -> str | None:
    """The Chinese message for a lost connection (or a database too busy to answer in time),
    or None for any other error."""
    for err in _causes(exc):
        if isinstance(err, DatabaseUnavailable):
            return str(err)
        if isinstance(err, DBAPIError):
            message = _dbapi_gone(err)
            if message is not None:
                return message
    return None


def as_user_error(exc: BaseException) -> DatabaseUnavailable | None:
    """`exc` as a DatabaseUnavailable to raise (chained), or None when it is something else."""
    message = describe_db_error(exc)
    return DatabaseUnavailable(message) if message is not None else None


@contextmanager
def database_unavailable_as_user_error() -> Iterator[None]:
    """Re-raise a lost connection inside the block as DatabaseUnavailable (a UserError)."""
    try:
        yield
    except (OperationalError, InterfaceError) as exc:
        translated = as_user_error(exc)
        if translated is None:
            raise
        raise translated from exc
