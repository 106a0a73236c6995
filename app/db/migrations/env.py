"""Alembic environment: the engine is handed in by app.db.migrate, never read from an ini file."""

from __future__ import annotations

from alembic import context

import app.db.models  # noqa: F401  (registers every table on Base.metadata)
from app.db.base import Base

config = context.config
engine = config.attributes["engine"]

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,
        compare_type=True,
    )
    context.run_migrations()
