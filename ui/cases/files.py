"""Opening a stored document with the system's program (Word/WPS, a PDF viewer …)."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices


def _system_open(path: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


# Replaceable so GUI tests can record what would be opened instead of launching Word.
opener: Callable[[Path], bool] = _system_open


def export_folder() -> Path:
    """Where documents are written to be opened: a per-user temp folder the OS cleans up."""
    folder = Path(tempfile.gettempdir()) / "govinfo-desk-documents"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def write_temp(filename: str, content: bytes) -> Path:
    """Write `content` under a safe name; a clash (the same letter opened twice, still open in
    Word and therefore locked on Windows) gets a numbered name instead of failing."""
    safe = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", filename).strip(" .") or "document"
    folder = export_folder()
    path = folder / safe
    stem, suffix = path.stem, path.suffix
    n = 1
    while path.exists():
        try:
            path.unlink()
            break
        except OSError:
            n += 1
            path = folder / f"{stem}（{n}）{suffix}"
    path.write_bytes(content)
    return path


def open_document(filename: str, content: bytes) -> Path:
    path = write_temp(filename, content)
    opener(path)
    return path
