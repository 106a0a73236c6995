"""Running the service tests on PostgreSQL as well as SQLite (issue 7).

When GOVINFO_TEST_PG_URL names a migrated template database (scripts/pg-test-cluster.sh prints
one), every test under SERVICE_DIRS that uses the `db` fixture runs twice: [sqlite] and
[postgresql]. Each PostgreSQL run gets its own database cloned from the template and dropped
afterwards. GUI tests stay on SQLite to keep CI time down. In CI (CI=true) a missing URL is an
error, so the PostgreSQL half can never silently disappear.

Tests that are about SQLite itself (PRAGMAs, database files) are marked `sqlite_only`.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import OperationalError, ProgrammingError

PG_URL_ENV = "GOVINFO_TEST_PG_URL"
TESTS_DIR = Path(__file__).resolve().parent
SERVICE_DIRS = ("foundation", "cases", "review", "disclosure", "annual", "reliability", "website", "redaction")
BACKENDS = ("sqlite", "postgresql")

_admin: Engine | None = None
_template_checked = False


def pg_url() -> str | None:
    return os.environ.get(PG_URL_ENV) or None


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only: about SQLite itself; not repeated on PostgreSQL")
    config.addinivalue_line("markers", "postgresql_only: about a server; runs only on PostgreSQL")
    if os.environ.get("CI", "").lower() == "true" and not pg_url():
        raise pytest.UsageError(
            f"CI=true but {PG_URL_ENV} is not set: the PostgreSQL half of the suite would be skipped. "
            "Start a server with `bash scripts/pg-test-cluster.sh start` and export the URL it prints."
        )
    if pg_url():
        try:
            import psycopg  # noqa: F401
        except ImportError as exc:
            raise pytest.UsageError(
                f"{PG_URL_ENV} is set but psycopg is not installed: pip install -e '.[postgres]'"
            ) from exc


def deselect_server_tests(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Without a server, tests about a server are deselected (listed as such), never skipped and
    counted; in CI the server is mandatory (pytest_configure), so they always run there."""
    if pg_url():
        return
    gone = [item for item in items if item.get_closest_marker("postgresql_only")]
    if gone:
        config.hook.pytest_deselected(items=gone)
        items[:] = [item for item in items if not item.get_closest_marker("postgresql_only")]


def _is_service_test(path: Path) -> bool:
    try:
        rel = path.resolve().relative_to(TESTS_DIR)
    except ValueError:
        return False
    return len(rel.parts) > 1 and rel.parts[0] in SERVICE_DIRS


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "db_backend" not in metafunc.fixturenames or not pg_url():
        return
    if not _is_service_test(metafunc.definition.path) or metafunc.definition.get_closest_marker("sqlite_only"):
        return
    if metafunc.definition.get_closest_marker("postgresql_only"):
        metafunc.parametrize("db_backend", ["postgresql"], indirect=True)
        return
    metafunc.parametrize("db_backend", BACKENDS, indirect=True)


def _template_url() -> URL:
    url = pg_url()
    assert url, f"{PG_URL_ENV} is not set"
    return make_url(url)


def _admin_engine() -> Engine:
    """AUTOCOMMIT connection to the maintenance database: CREATE DATABASE cannot run in a transaction."""
    global _admin
    if _admin is None:
        _admin = create_engine(_template_url().set(database="postgres"), isolation_level="AUTOCOMMIT")
    return _admin


def _ensure_template_migrated() -> None:
    """The template may predate a migration added since the cluster started: bring it to head once."""
    global _template_checked
    if _template_checked:
        return
    from app.db.engine import make_engine
    from app.db.migrate import upgrade

    engine = make_engine(_template_url().render_as_string(hide_password=False))
    try:
        upgrade(engine)
    finally:
        engine.dispose()  # a connection left open on the template would block cloning it
    _template_checked = True


@contextmanager
def fresh_database(blank: bool = False) -> Iterator[str]:
    """Yield the URL of a new database cloned from the migrated template (`blank`: an empty
    database without any table, as an administrator creates one); drop it afterwards."""
    template = _template_url()
    source = "template0" if blank else template.database
    if not blank:
        _ensure_template_migrated()
    name = f"govinfo_t_{uuid.uuid4().hex[:16]}"
    admin = _admin_engine()
    # Another test run may be connected to the template for a moment (ObjectInUse).
    _execute_retrying(admin, f'CREATE DATABASE "{name}" TEMPLATE "{source}"', OperationalError,
                      "being accessed by other users")
    try:
        yield template.set(database=name).render_as_string(hide_password=False)
    finally:
        _drop(admin, name)


def _drop(admin: Engine, name: str) -> None:
    # On a cluster started before autovacuum was switched off, an autovacuum worker connected to
    # the database makes WITH (FORCE) fail for a non-superuser until the worker has finished.
    _execute_retrying(admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', ProgrammingError,
                      "pg_signal_backend")


def _execute_retrying(admin: Engine, sql: str, error: type[Exception], transient: str) -> None:
    """Run `sql`, trying again every 0.1 s (50 tries) while it fails with `error` naming `transient`."""
    for attempt in range(50):
        try:
            with admin.connect() as conn:
                conn.execute(text(sql))
            return
        except error as exc:
            if transient not in str(exc) or attempt == 49:
                raise
            time.sleep(0.1)


def use_for_folder(monkeypatch: pytest.MonkeyPatch, folder: Path, url: str) -> None:
    """Make `url` the default database of `folder` only; other folders keep their SQLite file
    (tests that open a second, empty database in another folder still get one)."""
    from app import paths

    real = paths.default_db_url
    target = folder.resolve()

    def default_db_url(candidate: Path) -> str:
        return url if Path(candidate).resolve() == target else real(candidate)

    monkeypatch.setattr(paths, "default_db_url", default_db_url)


def require_server() -> None:
    """Skip a PostgreSQL-only test on a developer's machine without a server; in CI the
    missing URL already stopped the run in pytest_configure."""
    if not pg_url():
        pytest.skip(f"needs a PostgreSQL server: set {PG_URL_ENV} (bash scripts/pg-test-cluster.sh start)")
