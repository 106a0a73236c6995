"""Copy the whole database to an empty one (usually SQLite → the office's PostgreSQL server).

`govinfo-desk migrate-db --to URL`: the target gets the schema from the migrations, then every
table is copied parents-first in batches — attachments and the audit chain included — in ONE
target transaction, and verified before that transaction commits: row counts and a checksum of
every row per table, then the audit chain walked on the target. Any failure rolls the target
back to empty, so a half-copied server database never exists. The source is read in one
transaction too (on SQLite that holds the write lock), so nobody's save slips in mid-copy.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, Integer, Table, func, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.orm import Session

from app.audit.service import VerifyResult, verify
from app.db.engine import make_engine
from app.db.migrate import upgrade
from app.db.retry import describe_db_error
from app.dbtools.rows import DatabaseSource, RowSource, TableChecksum, app_tables, batch_size_for, checksum_table
from app.errors import UserError

DEFAULT_BATCH = 500
Progress = Callable[[str, int], None]


@dataclass
class TableResult:
    name: str
    rows: int
    checksum: str


@dataclass
class CopyReport:
    tables: list[TableResult] = field(default_factory=list)
    audit: VerifyResult | None = None

    @property
    def total_rows(self) -> int:
        return sum(t.rows for t in self.tables)

    def lines(self) -> list[str]:
        out = [f"{t.name}：{t.rows} 行，逐行校验一致" for t in self.tables]
        if self.audit is not None:
            out.append(self.audit.message)
        return out


def safe_url(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def open_target(url: str) -> Engine:
    """An engine for `url`, with a Chinese message for a malformed address or a missing driver."""
    try:
        engine = make_engine(url)
    except (ArgumentError, NoSuchModuleError, ValueError) as exc:
        raise UserError(
            f"数据库地址“{url}”无法识别（{exc}）。格式如 postgresql+psycopg://用户@服务器/govinfo。"
        ) from exc
    except ImportError as exc:
        raise UserError(f"缺少连接该数据库所需的组件（{exc.name}）。PostgreSQL 需要安装 psycopg。") from exc
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except DBAPIError as exc:
        engine.dispose()
        hint = describe_db_error(exc) or f"{exc.orig}"
        raise UserError(f"无法连接目标数据库（{safe_url(url)}）：{hint}") from exc
    return engine


def non_empty_tables(conn: Connection) -> list[str]:
    """The application's tables that already hold rows in this database."""
    present = set(inspect(conn).get_table_names())
    return [t.name for t in app_tables() if t.name in present
            and conn.execute(select(func.count()).select_from(t)).scalar_one() > 0]


def ensure_empty(conn: Connection, url: str) -> None:
    full = non_empty_tables(conn)
    if full:
        raise UserError(
            f"目标数据库（{safe_url(url)}）已有数据（{'、'.join(full[:5])}{' 等' if len(full) > 5 else ''}），"
            "为避免覆盖，迁移只能写入一个新建的空数据库。请新建数据库后重试。"
        )


def copy_tables(
    source: RowSource, conn: Connection, batch: int = DEFAULT_BATCH, progress: Progress | None = None
) -> dict[str, TableChecksum]:
    """Insert every row of `source` into `conn` parents-first; returns each table's checksum."""
    tables = app_tables()
    unknown = source.table_names() - {t.name for t in tables}
    if unknown:
        raise UserError(f"来源数据含有本程序不认识的表：{'、'.join(sorted(unknown))}。请先升级程序再迁移。")
    sums: dict[str, TableChecksum] = {}
    for table in tables:
        total = TableChecksum(table)
        for rows in source.rows(table, batch_size_for(table, batch)):
            conn.execute(table.insert(), rows)
            for row in rows:
                total.add(row)
            if progress is not None:
                progress(table.name, total.rows)
        sums[table.name] = total
    return sums


def _serial_column(table: Table) -> str | None:
    keys = list(table.primary_key.columns)
    if len(keys) == 1 and isinstance(keys[0].type, Integer) and not keys[0].foreign_keys:
        return keys[0].name
    return None


def reset_sequences(conn: Connection) -> None:
    """Rows were inserted with their ids, so PostgreSQL's sequences still stand at 1: move each
    past the highest id or the next record created would collide."""
    if conn.dialect.name != "postgresql":
        return  # SQLite takes max(rowid) + 1 by itself
    for table in app_tables():
        column = _serial_column(table)
        if column is None:
            continue
        conn.execute(text(
            f"SELECT setval(pg_get_serial_sequence(:t, :c), COALESCE(MAX({column}), 0) + 1, false) FROM {table.name}"
        ), {"t": table.name, "c": column})


def verify_copy(conn: Connection, expected: dict[str, TableChecksum]) -> CopyReport:
    """Read every table back from the target and compare; then walk the audit chain there."""
    report = CopyReport()
    for table in app_tables():
        want = expected.get(table.name) or TableChecksum(table)
        got = checksum_table(conn, table)
        if got.rows != want.rows:
            raise UserError(f"校验失败：表 {table.name} 应有 {want.rows} 行，目标数据库中为 {got.rows} 行。")
        if got.hexdigest() != want.hexdigest():
            raise UserError(f"校验失败：表 {table.name} 的行数一致但内容不一致，迁移已撤销。")
        report.tables.append(TableResult(table.name, got.rows, got.hexdigest()))
    with Session(bind=conn) as session:
        report.audit = verify(session)
    if not report.audit.ok:
        raise UserError(f"校验失败：目标数据库的审计记录链不完整（{report.audit.message}），迁移已撤销。")
    return report


def load_into(
    engine: Engine, source: RowSource, *, batch: int = DEFAULT_BATCH, progress: Progress | None = None,
    url: str = "", replace: bool = False, manifest: Mapping[str, Any] | None = None,
) -> CopyReport:
    """Copy `source` into the (migrated) database of `engine` and verify, all in one transaction.

    `replace` first deletes the existing rows in the same transaction (restore); otherwise the
    target must be empty (migrate-db). `manifest` (a backup's per-table rows and sha256) is
    compared with what was read before anything commits."""
    with engine.begin() as conn:
        if replace:
            for table in reversed(app_tables()):
                conn.execute(table.delete())
        else:
            ensure_empty(conn, url or str(engine.url))
        sums = copy_tables(source, conn, batch, progress)
        if manifest is not None:
            check_manifest(manifest, sums)
        reset_sequences(conn)
        return verify_copy(conn, sums)


def check_manifest(manifest: Mapping[str, Any], sums: Mapping[str, TableChecksum]) -> None:
    """Raise UserError (nothing committed) when the rows read differ from the backup's manifest."""
    for name, got in sums.items():
        want = manifest.get(name)
        if not isinstance(want, Mapping):
            raise UserError(f"备份文件的清单中没有表 {name}，文件不完整，未恢复任何数据。")
        if int(want.get("rows", -1)) != got.rows:
            raise UserError(f"备份文件已损坏：表 {name} 读出 {got.rows} 行，清单记载 {want.get('rows')} 行。"
                            "未恢复任何数据。")
        if str(want.get("sha256", "")) != got.hexdigest():
            raise UserError(f"备份文件已损坏：表 {name} 的内容与清单中的校验值不符。未恢复任何数据。")


def migrate_database(
    source: Engine, target_url: str, *, batch: int = DEFAULT_BATCH, progress: Progress | None = None
) -> CopyReport:
    """Copy the database of `source` into the empty database at `target_url` and verify it."""
    if make_url(target_url) == source.url:
        raise UserError("目标数据库与当前数据库相同，请指定另一个数据库。")
    target = open_target(target_url)
    try:
        with target.connect() as conn:
            ensure_empty(conn, target_url)  # before creating any table, so a full target is untouched
        upgrade(target)
        with source.connect() as src:
            if src.dialect.name == "postgresql":
                # One snapshot for the whole read: every table as of the same moment.
                src = src.execution_options(isolation_level="REPEATABLE READ")
            with src.begin():
                return load_into(target, DatabaseSource(src), batch=batch, progress=progress, url=target_url)
    except DBAPIError as exc:
        hint = describe_db_error(exc) or str(exc.orig)
        raise UserError(f"迁移失败，目标数据库未写入任何数据：{hint}") from exc
    finally:
        target.dispose()
