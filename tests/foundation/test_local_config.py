"""This PC's choice of database: saved privately, used when no --db or environment override is given."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from app import paths
from app.errors import ValidationError
from app.local_config import CONNECTION_FILE, check_connection, save_db_url, saved_db_url


def test_saved_url_is_used_after_env_and_override(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert paths.db_url(data_dir) == paths.default_db_url(data_dir)
    server = "postgresql+psycopg://govinfo:secret@10.1.1.5:5432/govinfo"
    save_db_url(data_dir, server)
    assert paths.db_url(data_dir) == server
    assert stat.S_IMODE(os.stat(data_dir / CONNECTION_FILE).st_mode) == 0o600  # it holds a password
    monkeypatch.setenv(paths.DB_URL_ENV, "sqlite:////tmp/other.db")
    assert paths.db_url(data_dir) == "sqlite:////tmp/other.db"
    assert paths.db_url(data_dir, "sqlite:////tmp/cli.db") == "sqlite:////tmp/cli.db"
    monkeypatch.delenv(paths.DB_URL_ENV)
    save_db_url(data_dir, None)
    assert saved_db_url(data_dir) is None and paths.db_url(data_dir) == paths.default_db_url(data_dir)


@pytest.mark.parametrize("bad", ["not a url", "mysql://u@h/db", "postgresql+psycopg:///govinfo"])
def test_bad_urls_are_refused_with_a_reason(data_dir: Path, bad: str) -> None:
    with pytest.raises(ValidationError):
        save_db_url(data_dir, bad)
    assert saved_db_url(data_dir) is None


def test_connection_check_reports_an_empty_and_a_current_database(tmp_path: Path) -> None:
    from app.bootstrap import open_database

    assert "空数据库" in check_connection(f"sqlite:///{tmp_path / 'new.db'}")
    open_database(tmp_path, f"sqlite:///{tmp_path / 'current.db'}").dispose()
    assert "一致" in check_connection(f"sqlite:///{tmp_path / 'current.db'}")
