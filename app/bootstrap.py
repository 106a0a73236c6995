"""Opening the office's database: check it is readable, migrate it, back it up once a day."""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from app import paths
from app.db.engine import is_sqlite, make_engine, make_read_session_factory, make_session_factory
from app.db.migrate import upgrade
from app.errors import DatabaseUnreadable, UserError

log = logging.getLogger("govinfo.db")


@dataclass
class Database:
    url: str
    data_dir: Path
    engine: Engine
    session_factory: sessionmaker[Session]
    schema_revision: str
    notice: str = ""  # something the user must hear at start (a server restore that was cut short)

    @cached_property
    def read_session_factory(self) -> sessionmaker[Session]:
        return make_read_session_factory(self.engine)

    def reader(self) -> Session:
        """`with db.reader() as s:` — a look at the data that never blocks or waits for anyone
        (a deferred transaction on SQLite); it refuses to flush changes."""
        return self.read_session_factory()

    @property
    def is_sqlite(self) -> bool:
        return is_sqlite(self.engine)

    @property
    def sqlite_path(self) -> Path | None:
        if not self.is_sqlite:
            return None
        name = self.engine.url.database
        return Path(name) if name and name != ":memory:" else None

    def display_url(self) -> str:
        """The URL without a password, for the status bar and the About dialog."""
        return self.engine.url.render_as_string(hide_password=True)

    def dispose(self) -> None:
        self.engine.dispose()


def check_sqlite_file(path: Path, *, full: bool = False) -> None:
    """Raise DatabaseUnreadable for a file that is not a healthy SQLite database.

    Uses the sqlite3 module directly and read-only, so a damaged file is never written to. By
    default the check is structural (SQLite reads the header and the whole schema) and costs the
    same for any size of file. `full` adds PRAGMA quick_check, which reads every page: 0.13 s at
    100,000 cases and seconds once scans and recordings live in the database, so it runs with the
    daily backup in the background (app.backup.daily_backup) instead of before every start (issue 8).
    """
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        conn = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            result = conn.execute("PRAGMA quick_check").fetchone() if full else ("ok",)
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseUnreadable(
            f"数据库文件“{path}”已损坏或不是本程序的数据库（{exc}）。"
            "原文件不会被改动，可以从最近的备份恢复。"
        ) from exc
    if result is None or result[0] != "ok":
        raise DatabaseUnreadable(
            f"数据库文件“{path}”未通过完整性检查（{result[0] if result else '无结果'}）。"
            "原文件不会被改动，可以从最近的备份恢复。"
        )


# Issue 13 allows a few hundred ms at 100,000 cases, but issue 8's start-up budget (≤ 2× a bare window
# reading 200 cases) had about 90 ms of CPU left (README), so the check stops after 0.1 s
# (bench/run_all.py measures both). What does not fit is checked by the daily backup's full check.
START_CHECK_BUDGET_S = 0.1
# Checked first: what the program cannot open, sign in or audit without, then the cases. Tables holding
# files (scans, recordings) go last: they are the large ones, and a damaged file is caught by its own hash.
_FIRST_TABLES = ("alembic_version", "audit_head", "audit_entries", "users", "settings", "number_counters",
                 "request_cases")
_FILE_TABLES = ("case_documents", "post_attachments", "disclosure_attachments")


class DamagedTable(DatabaseUnreadable):
    """The start check found `table` damaged (the audit command gives the audit tables its own exit code)."""

    def __init__(self, message: str, table: str) -> None:
        super().__init__(message)
        self.table = table


@dataclass(frozen=True)
class StartCheck:
    """What the quick check at start covered: `checked` of `total` tables within the budget."""

    checked: int
    total: int  # 0 when the time ran out before the tables were listed

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.checked == self.total


def quick_check_at_start(path: Path, budget_s: float = START_CHECK_BUDGET_S) -> StartCheck:
    """PRAGMA quick_check table by table (most important first) until `budget_s` is spent; a table
    still being checked when the time is up is interrupted. Raises DatabaseUnreadable naming the
    damage and what to do. Read-only: a damaged file is never written to."""
    import threading
    import time

    if not path.exists() or path.stat().st_size == 0:
        return StartCheck(0, 0)  # nothing to check yet (a new installation)
    started = time.monotonic()
    conn = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True, check_same_thread=False, timeout=budget_s)
    timer = threading.Timer(budget_s, conn.interrupt)
    timer.start()
    checked, tables = 0, []
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        tables = sorted(names, key=lambda n: (0 if n in _FIRST_TABLES else 2 if n in _FILE_TABLES else 1,
                                              _FIRST_TABLES.index(n) if n in _FIRST_TABLES else 0, n))
        for name in tables:
            if time.monotonic() - started >= budget_s:
                break
            try:
                rows = conn.execute(f"PRAGMA quick_check(\"{name.replace(chr(34), chr(34) * 2)}\")").fetchall()
            except sqlite3.DatabaseError as exc:
                if _not_damage(exc):
                    break  # out of time, or busy: the normal open says busy, the daily backup checks
                raise DamagedTable(_damaged_message(path, f"数据表 {name}：{exc}"), name) from exc
            if [tuple(r) for r in rows] != [("ok",)]:
                raise DamagedTable(_damaged_message(path, f"数据表 {name}：{rows[0][0]}"), name)
            checked += 1
    except DamagedTable:
        raise
    except sqlite3.DatabaseError as exc:
        if not _not_damage(exc):
            raise DatabaseUnreadable(_damaged_message(path, str(exc))) from exc
    finally:
        timer.cancel()
        conn.close()
    return StartCheck(checked, len(tables))


def _not_damage(exc: sqlite3.DatabaseError) -> bool:
    text = str(exc).lower()
    return "interrupt" in text or "locked" in text or "busy" in text


def _damaged_message(path: Path, detail: str) -> str:
    return (f"启动时的快速完整性检查发现数据库文件“{path}”已损坏（{detail}）。"
            "请不要继续在这个文件上录入：由系统管理员从最近的备份恢复（损坏的文件会改名保留，不会删除），"
            "并联系信息中心检查这台电脑的硬盘。")


def load_features() -> None:
    """Import every feature package: they register the 工作台 providers, the deadline recomputers and the
    demo fillers (app.features). Cheap once done."""
    import app.features  # noqa: F401


def open_database(
    data_dir: Path | None = None, url: str | None = None, migrate: bool = True, *, features: bool = True
) -> Database:
    """Open (creating if needed) and migrate the database; raises DatabaseUnreadable or SchemaTooNew.

    `features=False` loads only the models (every mapped class, so queries can configure the mappers);
    the caller then calls load_features() before anything asks for a provider or recomputer — the
    desktop start does it while the sign-in's password hash is computed (ui/launch.py)."""
    if features:
        load_features()
    else:
        import app.db.models  # noqa: F401

    folder = paths.data_dir(data_dir)
    db_url = paths.db_url(folder, url)
    engine = make_engine(db_url)
    if is_sqlite(engine) and engine.url.database not in (None, "", ":memory:"):
        _refuse_lost_database(Path(str(engine.url.database)), folder, engine)
        check_sqlite_file(Path(str(engine.url.database)))
        try:
            coverage = quick_check_at_start(Path(str(engine.url.database)))
        except DatabaseUnreadable:
            engine.dispose()
            raise
        if coverage.total and not coverage.complete:
            log.info("Start-up quick check covered %d of %d tables within %.1f s; the daily backup checks all",
                     coverage.checked, coverage.total, START_CHECK_BUDGET_S)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        revision = upgrade(engine) if migrate else ""
    except (DatabaseError, OperationalError) as exc:
        engine.dispose()
        if "database is locked" in str(exc.orig or exc).lower():
            # Busy is not broken: say so, and do not offer to restore over a healthy database.
            raise UserError("数据库正忙（另一个程序正在写入或升级数据库），暂时无法打开。请稍等片刻后重试。") from exc
        raise DatabaseUnreadable(f"无法打开数据库（{db_url_safe(db_url)}）：{exc.orig or exc}") from exc
    if is_sqlite(engine) and engine.url.database not in (None, "", ":memory:"):
        paths.private(Path(str(engine.url.database)))  # SQLite gives -wal/-shm the same mode
    session_factory = make_session_factory(engine)
    from app.audit.witness import attach

    attach(engine, session_factory, folder)  # this PC remembers the audit heads it has seen
    notice = ""
    if not is_sqlite(engine):
        from app.dbtools.restore_journal import finish_interrupted

        interrupted = finish_interrupted(folder)
        if interrupted is not None:
            notice = interrupted.message()
            log.warning("Cleaned up after an interrupted server restore: %s", notice)
    return Database(db_url, folder, engine, session_factory, revision, notice)


def _refuse_lost_database(path: Path, folder: Path, engine: Engine) -> None:
    """A missing or empty database beside backups is a lost one, not a new installation: finish a
    restore that was cut short between its renames, otherwise refuse to create an empty database
    (the GUI then offers the backups instead of the first-start wizard)."""
    from app.backup import finish_interrupted_restore, missing_beside_backups

    finish_interrupted_restore(path)
    if missing_beside_backups(path, folder):
        engine.dispose()
        raise DatabaseUnreadable(
            f"数据库文件“{path}”不见了或是空文件，但旁边有备份：这不是新安装，不会新建空数据库。"
            "请从最近的备份恢复（govinfo-desk restore <备份文件>，或在本窗口选择备份）。"
        )


def db_url_safe(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
