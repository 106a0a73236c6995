"""Bring a database to the schema this program expects, or refuse one written by a newer program."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from app.errors import SchemaTooNew

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str:
    script = ScriptDirectory(str(MIGRATIONS_DIR))
    head = script.get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine) -> str:
    """Upgrade to the newest schema; returns the revision the database is at afterwards."""
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
