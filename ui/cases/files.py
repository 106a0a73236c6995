"""Opening a stored document with the system's program (Word/WPS, a PDF viewer …).

The file goes to a folder private to the OS user inside the data folder (app.view_files), under a
random sub-folder, never to the shared temp folder; the launcher empties it at start and exit.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from app.view_files import view_dir, write_for_viewing


def _system_open(path: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


# Replaceable so GUI tests can record what would be opened instead of launching Word.
opener: Callable[[Path], bool] = _system_open


def export_folder(data_dir: Path | None = None) -> Path:
    """A new private folder (0700, unpredictable name) for a document written to be opened."""
    return Path(tempfile.mkdtemp(prefix="v-", dir=view_dir(data_dir)))


def write_temp(filename: str, content: bytes, data_dir: Path | None = None) -> Path:
    """Write `content` under a safe name in a private folder of its own, so the same letter opened
    twice (the first still open, and locked, in Word) never clashes."""
    return write_for_viewing(filename, content, data_dir)


def open_document(filename: str, content: bytes, data_dir: Path | None = None) -> Path:
    path = write_temp(filename, content, data_dir)
    opener(path)
    return path
