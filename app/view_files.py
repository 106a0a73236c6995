"""Where attachments and letters are written to be opened with Word/WPS or a PDF viewer (issue 13).

Not the shared temp folder (readable by other accounts on some systems, and a fixed name another
user could plant a link at): a folder private to the OS user inside the data folder, 0700, with an
unpredictable sub-folder per opened file. The file is created exclusively and without following a
link. The folder is emptied when the program starts and when it exits; a file still open in Word
(locked on Windows) is left for the next start.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from app import paths
from app.attachments import sanitise_filename

FOLDER_NAME = "opened"


def view_dir(data_dir: Path | None = None) -> Path:
    folder = paths.data_dir(data_dir) / FOLDER_NAME
    folder.mkdir(mode=0o700, exist_ok=True)
    if folder.is_symlink() or not folder.is_dir():
        # Someone put a link (or a file) where our private folder belongs: never write through it.
        raise OSError(f"“{folder}”不是本程序建立的文件夹")
    paths.private(folder)
    return folder


def write_for_viewing(filename: str, content: bytes, data_dir: Path | None = None) -> Path:
    """Write `content` as `<private folder>/<random>/<safe filename>` and return the path."""
    holder = Path(tempfile.mkdtemp(prefix="v-", dir=view_dir(data_dir)))  # 0700, unpredictable name
    path = holder / sanitise_filename(filename, "document")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(content)
    return path


def clear_view_dir(data_dir: Path | None = None) -> int:
    """Remove what earlier sessions opened; returns how many entries could not be removed (still
    open in another program)."""
    folder = paths.data_dir(data_dir) / FOLDER_NAME
    if folder.is_symlink():
        folder.unlink()
        return 0
    if not folder.is_dir():
        return 0
    left = 0
    for entry in folder.iterdir():
        try:
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
        except OSError:
            left += 1
    return left
