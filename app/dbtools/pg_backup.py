"""Backup and restore when the database is a PostgreSQL server.

Backup: `pg_dump -Fc` when pg_dump is on PATH (the format an administrator knows), otherwise
the application's own export — a zip of one JSON-lines file per table plus a manifest with row
counts and checksums, which migrate-db's copier loads. Either way the file is written under a
temporary name and renamed (app.atomic_file), so the destination is absent or complete.

Restore never loses the current data: a safety backup is written first, and the restore itself
runs as one transaction (pg_restore --single-transaction, or the copier's load-and-verify), so a
failure leaves the database as it was.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError, StatementError

from app import paths
from app.atomic_file import atomic_write
from app.bootstrap import Database
from app.db.engine import make_engine
from app.db.migrate import head_revision, upgrade
from app.dbtools import restore_journal
from app.dbtools.migrate_db import CopyReport, load_into
from app.dbtools.rows import (
    EXPORT_FORMAT,
    EXPORT_VERSION,
    MANIFEST,
    DatabaseSource,
    ExportSource,
    TableChecksum,
    app_tables,
    batch_size_for,
    to_json_value,
)
from app.errors import UserError

PGDUMP_MAGIC = b"PGDMP"
ZIP_MAGIC = b"PK\x03\x04"
SQLITE_MAGIC = b"SQLite format 3\x00"
EXPORT_BATCH = 500


@dataclass(frozen=True)
class BackupResult:
    path: Path
    method: str  # "pg_dump" or "export"


@dataclass(frozen=True)
class RestoreResult:
    method: str  # "pg_restore", "export" or "sqlite"
    safety_backup: Path
    report: CopyReport | None = None


# --- the application's own export ---------------------------------------------------------------
def write_export(engine: Engine, dest: Path) -> Path:
    """Write every table to a zip of JSON lines; consistent because it is read in one snapshot."""

    def writer(tmp: Path) -> None:
        _note_temp(tmp)
        with engine.connect() as raw:
            conn = raw.execution_options(isolation_level="REPEATABLE READ") if raw.dialect.name == "postgresql" else raw
            with conn.begin(), zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
                source = DatabaseSource(conn)
                tables: dict[str, dict[str, object]] = {}
                for table in app_tables():
                    total = TableChecksum(table)
                    with archive.open(f"tables/{table.name}.jsonl", "w", force_zip64=True) as fh:
                        for rows in source.rows(table, batch_size_for(table, EXPORT_BATCH)):
                            for row in rows:
                                total.add(row)
                                line = json.dumps({k: to_json_value(v) for k, v in row.items()}, ensure_ascii=False)
                                fh.write(line.encode("utf-8") + b"\n")
                    tables[table.name] = {"rows": total.rows, "sha256": total.hexdigest()}
                revision = _revision_on(conn)
                manifest = {
                    "format": EXPORT_FORMAT, "version": EXPORT_VERSION, "schema_revision": revision,
                    "created_at": datetime.now().isoformat(timespec="seconds"), "source": conn.dialect.name,
                    "tables": tables,
                }
                archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))

    return atomic_write(dest, writer)


def _note_temp(path: Path) -> None:
    if restore_journal.current is not None:
        restore_journal.current.temp(path)


def _revision_on(conn: Connection) -> str:
    return str(MigrationContext.configure(conn).get_current_revision() or "")


# --- pg_dump / pg_restore --------------------------------------------------------------------
def _libpq(engine: Engine) -> tuple[str, dict[str, str]]:
    """A libpq connection URI without the password, and the environment carrying it (so the
    password never shows in the process list)."""
    url = engine.url
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    uri = url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    return uri, env


def _run(args: list[str], env: dict[str, str], what: str) -> subprocess.CompletedProcess[str]:
    try:
        with subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as proc:
            if restore_journal.current is not None:  # a restore notes its children for a cleanup after a kill
                restore_journal.current.child(proc.pid)
            stdout, stderr = proc.communicate()
        result = subprocess.CompletedProcess(args, proc.returncode, stdout, stderr)
    except OSError as exc:
        raise UserError(f"无法运行 {args[0]}（{exc.strerror or exc}）。") from exc
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()[-3:]
        raise UserError(f"{what}失败：{' '.join(detail) or f'退出码 {result.returncode}'}")
    return result


def _pg_dump(engine: Engine, dest: Path) -> Path:
    uri, env = _libpq(engine)
    pg_restore = shutil.which("pg_restore")

    def writer(tmp: Path) -> None:
        _note_temp(tmp)
        _run([str(shutil.which("pg_dump")), "-Fc", "--no-owner", "--no-privileges", "-f", str(tmp), "-d", uri],
             env, "pg_dump 备份")
        if pg_restore:  # read the archive's table of contents back: a truncated dump fails here
            _run([pg_restore, "--list", str(tmp)], env, "备份文件检查")

    return atomic_write(dest, writer)


def backup_server_database(db: Database, dest: Path) -> BackupResult:
    """Back up the PostgreSQL database to `dest`: the export for a .zip name or without pg_dump,
    otherwise pg_dump's custom format."""
    dest = dest.expanduser().resolve()
    wants_export = dest.suffix.lower() == ".zip"
    if not wants_export and db.engine.dialect.name == "postgresql" and shutil.which("pg_dump"):
        try:
            return BackupResult(_pg_dump(db.engine, dest), "pg_dump")
        except UserError as exc:
            # An older pg_dump refuses a newer server; the export works with any server.
            if "version mismatch" not in str(exc) and "版本" not in str(exc):
                raise
    return BackupResult(write_export(db.engine, dest), "export")


# --- restore ----------------------------------------------------------------------------------
def sniff(path: Path) -> str:
    """"pgdump", "export" or "sqlite" by the file's first bytes."""
    if not path.is_file():
        raise UserError(f"找不到备份文件“{path}”。")
    with open(path, "rb") as fh:
        head = fh.read(16)
    if head.startswith(PGDUMP_MAGIC):
        return "pgdump"
    if head.startswith(ZIP_MAGIC):
        return "export"
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    raise UserError(f"“{path.name}”不是政务公开工作台的数据库备份（既不是 pg_dump 备份，也不是程序导出的备份）。")


def _safety_backup(db: Database, now: datetime) -> Path:
    folder = paths.backups_dir(db.data_dir)
    suffix = ".dump" if shutil.which("pg_dump") and db.engine.dialect.name == "postgresql" else ".zip"
    return backup_server_database(db, folder / f"before-restore-{now.strftime('%Y%m%d-%H%M%S')}{suffix}").path


def _restore_export(db: Database, path: Path) -> CopyReport:
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise UserError(f"备份文件“{path.name}”已损坏（{exc}），不能用于恢复。") from exc
    with archive:
        source = ExportSource(archive)
        if source.schema_revision != head_revision():
            raise UserError(
                f"该备份的数据结构版本（{source.schema_revision or '未知'}）与本程序（{head_revision()}）不同。"
                "请用导出该备份的程序版本恢复，或先把备份恢复到单机 SQLite 再用 migrate-db 迁移。"
            )
        tables = source.manifest.get("tables")
        return load_into(db.engine, source, replace=True, manifest=tables if isinstance(tables, dict) else {})


def _restore_sqlite(db: Database, path: Path) -> CopyReport:
    """A SQLite backup (e.g. from before the move to the server): copied aside, migrated there,
    then loaded; the backup file itself is never written to."""
    try:
        with sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True) as check:
            ok = check.execute("PRAGMA integrity_check").fetchone()
    except sqlite3.DatabaseError as exc:
        raise UserError(f"“{path.name}”不是有效的数据库备份文件（{exc}）。") from exc
    if not ok or ok[0] != "ok":
        raise UserError(f"备份文件“{path.name}”已损坏，不能用于恢复。")
    with tempfile.TemporaryDirectory(prefix="govinfo-restore-") as folder:
        _note_temp(Path(folder))  # a copy of the backup: personal data, never left in a temp folder
        copy = Path(folder) / "restore.db"
        shutil.copyfile(path, copy)
        engine = make_engine(f"sqlite:///{copy.as_posix()}")
        try:
            upgrade(engine)
            with engine.connect() as conn, conn.begin():
                return load_into(db.engine, DatabaseSource(conn), replace=True)
        finally:
            engine.dispose()


def restore_server_database(db: Database, path: Path, now: datetime | None = None) -> RestoreResult:
    """Replace the server database's contents with the backup at `path` (a safety backup first). A
    journal in the data folder lets the next start or restore clean up if this one is killed."""
    path = path.expanduser().resolve()
    kind = sniff(path)
    if kind == "pgdump" and not shutil.which("pg_restore"):
        raise UserError("这是 pg_dump 生成的备份，恢复需要 PostgreSQL 的 pg_restore 程序，请在装有它的电脑上恢复。")
    restore_journal.finish_interrupted(db.data_dir)
    restore_journal.current = restore_journal.RestoreJournal(db.data_dir, path)
    try:
        return _restore(db, path, kind, now)
    finally:
        restore_journal.current.close()
        restore_journal.current = None


def _restore(db: Database, path: Path, kind: str, now: datetime | None) -> RestoreResult:
    safety = _safety_backup(db, now or datetime.now())
    try:
        if kind == "export":
            return RestoreResult("export", safety, _restore_export(db, path))
        if kind == "sqlite":
            return RestoreResult("sqlite", safety, _restore_sqlite(db, path))
    except (DBAPIError, StatementError) as exc:
        # A row the server refuses: say which kind of error, never the statement or its values
        # (they hold personal data). The transaction was rolled back: nothing changed.
        reason = type(getattr(exc, "orig", None) or exc).__name__
        raise UserError(f"备份文件“{path.name}”中有数据库不接受的数据（{reason}），备份已损坏或被改动。"
                        "未恢复任何数据，当前数据库保持原样。") from None
    uri, env = _libpq(db.engine)
    db.engine.dispose()  # our own idle connections must not hold locks on the tables being replaced
    _run([str(shutil.which("pg_restore")), "--clean", "--if-exists", "--no-owner", "--no-privileges",
          "--single-transaction", "-d", uri, str(path)], env, "pg_restore 恢复")
    upgrade(db.engine)  # a dump from an older program version is brought to this schema
    return RestoreResult("pg_restore", safety)


def other_connections(db: Database) -> int:
    """Connections to this server database other than our own (0 on SQLite)."""
    if db.engine.dialect.name != "postgresql":
        return 0
    db.engine.dispose()  # our own pooled connections are not "others"
    with db.engine.connect() as conn:
        count = conn.execute(text(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )).scalar()
    db.engine.dispose()
    return int(count or 0)


def restart_witness(db: Database) -> None:
    """After a restore: this PC's audit witness starts again from the restored head."""
    from sqlalchemy import select

    from app.audit import witness
    from app.audit.models import AuditEntry
    from app.audit.service import GENESIS_HASH

    binding = witness.binding_for(db.engine)
    if binding is None:
        return
    with db.engine.connect() as conn:
        row = conn.execute(select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)).first()
    witness.reset(binding, witness.Head(int(row.seq), str(row.hash)) if row else witness.Head(0, GENESIS_HASH),
                  "restore")
