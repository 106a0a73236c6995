"""Bring a database to the schema this program expects, or refuse one written by a newer program.

Alembic is imported only when there is something to do: importing it (with Mako and Pygments)
costs about 0.2 s of every start-up, while a database already at the head revision only needs one
SELECT and the `revision`/`down_revision` lines of the version files (issue 8).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from app.errors import SchemaTooNew

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
VERSION_TABLE = "alembic_version"
_REVISION_LINE = re.compile(r"^(revision|down_revision)\s*=\s*(.+?)\s*$", re.MULTILINE)


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(MIGRATIONS_DIR))
    head = script.get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def quick_head() -> str | None:
    """The head revision from the version files' own lines, without importing Alembic; None when
    the files are not the single linear chain script.py.mako writes (then Alembic decides)."""
    parents: dict[str, str | None] = {}
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        found = {m[1]: m[2] for m in _REVISION_LINE.finditer(path.read_text(encoding="utf-8"))}
        try:
            revision, parent = ast.literal_eval(found["revision"]), ast.literal_eval(found["down_revision"])
        except (KeyError, ValueError, SyntaxError):
            return None
        if not isinstance(revision, str) or not (parent is None or isinstance(parent, str)):
            return None  # a merge revision (tuple of parents): leave it to Alembic
        parents[revision] = parent
    heads = set(parents) - {p for p in parents.values() if p is not None}
    return heads.pop() if len(heads) == 1 else None


def stored_revision(engine: Engine) -> str | None:
    """The database's revision with plain SQL (None: not migrated yet, or several heads)."""
    with engine.connect() as conn:
        if not inspect(conn).has_table(VERSION_TABLE):
            return None
        rows = conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars().all()
    return str(rows[0]) if len(rows) == 1 else None


def upgrade(engine: Engine) -> str:
    """Upgrade to the newest schema; returns the revision the database is at afterwards."""
    head = quick_head()
    if head is not None and stored_revision(engine) == head:
        return head  # the usual start: nothing to migrate, so Alembic is never imported
    from alembic import command
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(MIGRATIONS_DIR))
    current = current_revision(engine)
    if current is not None:
        try:
            script.get_revision(current)
        except Exception as exc:
            raise SchemaTooNew(
                f"数据库的结构版本（{current}）比本程序新，可能由更新版本的政务公开工作台写入。"
                "为避免损坏数据，程序不会打开它。请安装最新版本后再打开。"
            ) from exc
    if current != script.get_current_head():
        command.upgrade(alembic_config(engine), "head")
    return head_revision()
