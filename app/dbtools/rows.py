"""Rows as plain values: where a copy reads them from, how they are checksummed and written to JSON.

Two sources feed the same copier (migrate_db.copy_tables): a live database read through the
model tables (so SQLite's text dates come back as real dates) and the application's own export,
a zip of one JSON-lines file per table. The checksum is computed from values normalised the same
way on every backend, so a row copied from SQLite to PostgreSQL hashes identically.
"""

from __future__ import annotations

import base64
import hashlib
import json
import zipfile
from collections.abc import Iterator, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Protocol

from sqlalchemy import Boolean, Connection, Date, DateTime, Integer, LargeBinary, Numeric, Table, inspect, select

import app.db.models  # noqa: F401  (registers every table on Base.metadata)
from app.db.base import Base
from app.errors import UserError

EXPORT_FORMAT = "govinfo-desk-export"
EXPORT_VERSION = 1
MANIFEST = "manifest.json"
# Tables whose rows hold attachments are read in small batches to keep memory flat.
BINARY_BATCH = 20


def app_tables() -> list[Table]:
    """Every table of the application, parents before children (foreign keys)."""
    return list(Base.metadata.sorted_tables)


def batch_size_for(table: Table, default: int) -> int:
    has_blob = any(isinstance(c.type, LargeBinary) for c in table.columns)
    return min(default, BINARY_BATCH) if has_blob else default


def order_columns(table: Table) -> list[Any]:
    # Primary-key order puts a self-referencing parent (posts.parent_id, disclosure_items.previous_id)
    # before its children, so foreign keys hold row by row on the target.
    return list(table.primary_key.columns)


# --- normalised values ------------------------------------------------------------------------
def canonical(value: Any) -> Any:
    """A JSON-ready value that is the same whichever database the row was read from."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, datetime):
        return value.isoformat(timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")  # 12.50 and 12.5 are the same amount
    if isinstance(value, bytes | bytearray | memoryview):
        return "sha256:" + hashlib.sha256(bytes(value)).hexdigest()
    if isinstance(value, float):
        return repr(value)
    raise TypeError(f"unexpected value type {type(value).__name__}")


class TableChecksum:
    """SHA-256 over every row of a table in primary-key order, and the row count."""

    def __init__(self, table: Table) -> None:
        self._names = [c.name for c in table.columns]
        self._hash = hashlib.sha256()
        self.rows = 0

    def add(self, row: Mapping[str, Any]) -> None:
        values = [canonical(row[name]) for name in self._names]
        self._hash.update(json.dumps(values, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
        self._hash.update(b"\n")
        self.rows += 1

    def hexdigest(self) -> str:
        return self._hash.hexdigest()


def checksum_table(conn: Connection, table: Table, batch: int = 1000) -> TableChecksum:
    total = TableChecksum(table)
    for rows in DatabaseSource(conn).rows(table, batch):
        for row in rows:
            total.add(row)
    return total


# --- JSON lines for the application's export ----------------------------------------------------
def to_json_value(value: Any) -> Any:
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat(timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    return value


def from_json_value(table: Table, column: str, value: Any) -> Any:
    """The Python value for a column, decoded by the column's type (the file has no type tags)."""
    if value is None:
        return None
    kind = table.columns[column].type
    if isinstance(kind, LargeBinary):
        return base64.b64decode(value)
    if isinstance(kind, DateTime):
        return datetime.fromisoformat(value)
    if isinstance(kind, Date):
        return date.fromisoformat(value)
    if isinstance(kind, Numeric) and not isinstance(kind, Integer):
        return Decimal(value)
    if isinstance(kind, Boolean):
        return bool(value)
    return value


# --- sources ----------------------------------------------------------------------------------
class RowSource(Protocol):
    def table_names(self) -> set[str]: ...

    def rows(self, table: Table, batch: int) -> Iterator[list[dict[str, Any]]]: ...


class DatabaseSource:
    """Rows read through the model tables, in primary-key order, keyset-paged."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def table_names(self) -> set[str]:
        return set(inspect(self.conn).get_table_names()) - {"alembic_version"}

    def rows(self, table: Table, batch: int) -> Iterator[list[dict[str, Any]]]:
        keys = order_columns(table)
        stmt = select(table).order_by(*keys)
        if len(keys) != 1:
            # Composite keys (doc_counters, user_roles) belong to small tables: read at once.
            rows = [dict(r._mapping) for r in self.conn.execute(stmt)]
            if rows:
                yield rows
            return
        key = keys[0]
        last: Any = None
        while True:
            page = stmt.where(key > last) if last is not None else stmt
            rows = [dict(r._mapping) for r in self.conn.execute(page.limit(batch))]
            if not rows:
                return
            yield rows
            last = rows[-1][key.name]


class ExportSource:
    """Rows from the application's export zip (manifest.json + tables/<name>.jsonl)."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        try:
            self.manifest: dict[str, Any] = json.loads(archive.read(MANIFEST))
        except (KeyError, ValueError) as exc:
            raise UserError("该文件不是政务公开工作台导出的数据库备份（缺少或无法读取 manifest.json）。") from exc
        if self.manifest.get("format") != EXPORT_FORMAT:
            raise UserError("该文件不是政务公开工作台导出的数据库备份。")
        if int(self.manifest.get("version", 0)) > EXPORT_VERSION:
            raise UserError("该备份由更新版本的程序导出，请安装最新版本后再恢复。")

    @property
    def schema_revision(self) -> str:
        return str(self.manifest.get("schema_revision", ""))

    def table_names(self) -> set[str]:
        return set(self.manifest.get("tables", {}))

    def rows(self, table: Table, batch: int) -> Iterator[list[dict[str, Any]]]:
        if table.name not in self.table_names():
            return
        names = {c.name for c in table.columns}
        out: list[dict[str, Any]] = []
        with self.archive.open(f"tables/{table.name}.jsonl") as fh:
            for line in fh:
                raw = json.loads(line)
                unknown = set(raw) - names
                if unknown:
                    raise UserError(f"备份中的表 {table.name} 含有本程序不认识的列：{'、'.join(sorted(unknown))}。")
                out.append({k: from_json_value(table, k, v) for k, v in raw.items()})
                if len(out) >= batch:
                    yield out
                    out = []
        if out:
            yield out
