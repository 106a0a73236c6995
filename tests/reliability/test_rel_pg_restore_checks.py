"""PostgreSQL restore (issue 13): the backup's manifest is checked before anything commits, a bad
row gives a sentence without its values, and other PCs' open connections stop a restore unless
forced. Needs GOVINFO_TEST_PG_URL (mandatory in CI, see tests/pg_support.py)."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text

from app.audit.service import verify
from app.bootstrap import open_database
from app.cases.models import RequestCase
from app.cli import main as run_cli
from app.errors import UserError
from tests import pg_support
from tests.reliability.test_rel_pg_tools import _fill


@pytest.fixture
def pg_empty() -> Iterator[str]:
    pg_support.require_server()
    with pg_support.fresh_database(blank=True) as url:
        yield url


def _edited(good: Path, out: Path, table: str, edit) -> Path:  # type: ignore[no-untyped-def]
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == f"tables/{table}.jsonl":
                lines = data.decode("utf-8").splitlines()
                row = json.loads(lines[0])
                edit(row)
                lines[0] = json.dumps(row, ensure_ascii=False)
                data = ("\n".join(lines) + "\n").encode("utf-8")
            dst.writestr(item, data)
    return out


def test_a_backup_whose_rows_differ_from_its_manifest_restores_nothing(
    data_dir: Path, pg_empty: str, tmp_path: Path
) -> None:
    from app.dbtools.pg_backup import backup_server_database, restore_server_database

    db = open_database(data_dir, pg_empty)
    try:
        counts = _fill(db)
        good = backup_server_database(db, tmp_path / "good.zip").path
        # A valid row, quietly changed: the database accepts it, only the manifest can tell.
        forged = _edited(good, tmp_path / "forged.zip", "request_cases",
                         lambda row: row.update(applicant_name="别人"))
        with pytest.raises(UserError, match="request_cases 的内容与清单中的校验值不符"):
            restore_server_database(db, forged)
        with db.session_factory() as s:
            assert s.scalar(select(func.count()).select_from(RequestCase)) == counts["cases"]
            assert s.scalar(select(func.count()).select_from(RequestCase).where(
                RequestCase.applicant_name == "别人")) == 0
            assert verify(s).ok
    finally:
        db.dispose()


def test_restore_is_refused_while_another_pc_is_connected_unless_forced(
    data_dir: Path, pg_empty: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db = open_database(data_dir, pg_empty)
    _fill(db)
    db.dispose()
    monkeypatch.setenv("GOVINFO_DB_URL", pg_empty)
    backup = tmp_path / "备份.zip"
    assert run_cli(["backup", "-o", str(backup)]) == 0
    other = create_engine(pg_empty)  # another PC's program, idle but connected
    try:
        with other.connect() as conn:
            conn.execute(text("SELECT 1"))
            assert run_cli(["restore", str(backup)]) == 2
            assert "其他连接" in capsys.readouterr().err
            assert run_cli(["restore", str(backup), "--force"]) == 0
    finally:
        other.dispose()
