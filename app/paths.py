"""Where the application keeps its data: one folder, overridable for tests and scripts."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

APP_DIR_NAME = "GovInfoDesk"
DATA_DIR_ENV = "GOVINFO_DATA_DIR"
DB_URL_ENV = "GOVINFO_DB_URL"
DB_FILE_NAME = "govinfo.db"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: explicit override, then $GOVINFO_DATA_DIR, then the platform's user data dir."""
    raw = override or os.environ.get(DATA_DIR_ENV) or user_data_dir(APP_DIR_NAME, appauthor=False)
    path = Path(raw).expanduser().resolve()
    path.mkdir(parents=True, exist_ok=True)
    private(path)
    return path


def private(path: Path) -> None:
    """Only the OS account that runs the program may read it: 0700 folders, 0600 files (POSIX;
    on Windows the user profile's own ACL already does this)."""
    if os.name != "posix":
        return
    try:
        mode = 0o700 if path.is_dir() else 0o600
        if path.stat().st_mode & 0o777 != mode:
            path.chmod(mode)
    except OSError:  # not ours (a shared folder chosen on purpose): leave it
        pass


def default_db_url(folder: Path) -> str:
    return f"sqlite:///{(folder / DB_FILE_NAME).as_posix()}"


def db_url(folder: Path, override: str | None = None) -> str:
    """The database URL: explicit override, then $GOVINFO_DB_URL, then this PC's saved choice
    (文件 → 数据库连接…), then SQLite in the data folder."""
    from app.local_config import saved_db_url

    return override or os.environ.get(DB_URL_ENV) or saved_db_url(folder) or default_db_url(folder)


def backups_dir(folder: Path) -> Path:
    path = folder / "backups"
    path.mkdir(parents=True, exist_ok=True)
    private(path)
    return path


def templates_dir(folder: Path) -> Path:
    """Letter templates an office has customised; they win over the bundled ones."""
    path = folder / "templates"
    path.mkdir(parents=True, exist_ok=True)
    return path
