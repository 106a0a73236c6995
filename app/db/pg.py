"""PostgreSQL specifics, kept out of the services so they stay the same on both databases.

- PostgreSQL refuses a NUL character (U+0000) in any text value ("text fields cannot contain NUL
  bytes"), which SQLite stores. A NUL means nothing in an office's text — it arrives by pasting
  from broken documents — so it is dropped from every string parameter before it reaches the
  server, instead of turning an ordinary save into a crash.

Search stays the portable LIKE over a normalised `search_text` (app/cases/search.py): it finds
two-character Chinese words on both databases. A pg_trgm GIN index would speed up queries of
three or more characters on a large server database, but cannot serve two-character ones.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Engine, event

NUL = "\x00"


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace(NUL, "") if NUL in value else value
    return value


def _clean_params(params: Any) -> Any:
    # dict for one statement; a list of dicts (or of tuples) for executemany; a tuple positional.
    if isinstance(params, Mapping):
        return {k: _clean(v) for k, v in params.items()}
    if isinstance(params, list):
        return [_clean_params(p) for p in params]
    if isinstance(params, tuple):
        return tuple(_clean_params(p) if isinstance(p, Mapping | list | tuple) else _clean(p) for p in params)
    return params


def _strip_nul(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any,
               executemany: bool) -> tuple[str, Any]:
    return statement, _clean_params(parameters)


def configure_engine(engine: Engine) -> None:
    """Hooks every PostgreSQL engine gets (called by app.db.engine.make_engine)."""
    event.listen(engine, "before_cursor_execute", _strip_nul, retval=True)
