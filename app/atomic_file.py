"""Write a file completely or not at all.

Exports go to folders that users also open in Excel/WPS, on machines whose disks fill up.
Writing straight to the destination would leave a truncated file on any failure, so the
writer fills a temporary file beside the destination (same folder, hence same volume, so
the final `os.replace` is atomic) and only a complete, fsynced file replaces the target.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import time
from collections.abc import Callable
from pathlib import Path

from app.errors import UserError

__all__ = ["atomic_write", "temp_name_for"]

_NO_SPACE = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
# Windows: 5 = access denied, 32 = sharing violation, 33 = lock violation. A file that is
# open in Excel/WPS (or briefly held by an antivirus scanner) fails os.replace with these.
_WIN_LOCKED = {5, 32, 33}
_REPLACE_RETRIES = 5
_REPLACE_PAUSE_S = 0.1


def temp_name_for(path: Path) -> str:
    """The temporary file name used for `path`: hidden (leading dot) and easy to recognise."""
    return f".~{path.name}.tmp-{secrets.token_hex(4)}"


def atomic_write(path: str | os.PathLike[str], writer: Callable[[Path], None]) -> Path:
    """Call `writer(tmp)` to fill a temporary file, then move it over `path`.

    On any exception the temporary file is removed and nothing at `path` changes. Errors a
    user can fix (locked file, full disk, no permission, missing folder) become `UserError`;
    other exceptions from `writer` propagate unchanged. Returns the destination path.
    """
    dest = Path(path)
    tmp = _create_temp(dest)
    try:
        try:
            writer(tmp)
            _fsync_file(tmp)
        except OSError as exc:
            if exc.errno in _NO_SPACE:
                raise _disk_full(dest) from exc
            raise
        _replace(tmp, dest)
    except BaseException:
        _remove_quietly(tmp)
        raise
    _fsync_dir(dest.parent)
    return dest


def _create_temp(dest: Path) -> Path:
    # os.open with O_EXCL rather than tempfile.mkstemp: mkstemp forces mode 0600, which
    # would make every export private to its author on a shared office machine.
    for _ in range(100):
        tmp = dest.with_name(temp_name_for(dest))
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        except FileExistsError:
            continue
        except OSError as exc:
            raise _folder_error(dest, exc) from exc
        os.close(fd)
        return tmp
    raise UserError(f"无法在文件夹“{dest.parent}”中创建临时文件，请清理该文件夹后重试。")


def _replace(tmp: Path, dest: Path) -> None:
    for attempt in range(_REPLACE_RETRIES):
        try:
            os.replace(tmp, dest)
            return
        except PermissionError as exc:
            # Windows antivirus scanners hold new files for a moment; Excel holds them
            # until closed. Retry briefly on Windows only, then blame the open program.
            if os.name == "nt" and attempt + 1 < _REPLACE_RETRIES:
                time.sleep(_REPLACE_PAUSE_S)
                continue
            raise _locked_or_denied(dest, exc) from exc
        except IsADirectoryError as exc:
            raise UserError(f"“{dest}”是一个文件夹，请换一个文件名保存。") from exc
        except OSError as exc:
            if getattr(exc, "winerror", None) in _WIN_LOCKED:
                raise _locked(dest) from exc
            if exc.errno in _NO_SPACE:
                raise _disk_full(dest) from exc
            raise UserError(f"无法保存文件“{dest.name}”：{exc.strerror or exc}。请换一个位置保存后重试。") from exc


def _locked_or_denied(dest: Path, exc: PermissionError) -> UserError:
    # The folder accepted our temp file, so it is writable: a PermissionError on replace
    # means the destination itself is locked (open in Excel/WPS) or marked read-only.
    if dest.exists() or getattr(exc, "winerror", None) in _WIN_LOCKED:
        return _locked(dest)
    return _no_permission(dest)


def _folder_error(dest: Path, exc: OSError) -> UserError:
    if exc.errno in _NO_SPACE:
        return _disk_full(dest)
    if isinstance(exc, PermissionError) or exc.errno in {errno.EACCES, errno.EPERM, errno.EROFS}:
        return _no_permission(dest)
    if exc.errno in {errno.ENOENT, errno.ENOTDIR}:
        return UserError(f"保存位置“{dest.parent}”不存在或不是文件夹，请重新选择保存位置。")
    return UserError(f"无法在“{dest.parent}”中保存文件：{exc.strerror or exc}。请换一个位置保存后重试。")


def _locked(dest: Path) -> UserError:
    return UserError(
        f"文件“{dest.name}”可能正在被 Excel/WPS 打开，请关闭后重试"
        "（如果该文件被设为只读，请取消只读属性或换一个文件名保存）。"
    )


def _disk_full(dest: Path) -> UserError:
    return UserError(f"磁盘空间不足，无法保存“{dest.name}”。请清理磁盘或换一个位置保存后重试。")


def _no_permission(dest: Path) -> UserError:
    return UserError(
        f"没有写入该文件夹的权限，无法保存“{dest.name}”（{dest.parent}）。"
        "请换一个位置（例如“文档”或桌面）保存，或请管理员开放该文件夹的写入权限。"
    )


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def _fsync_dir(folder: Path) -> None:
    # Makes the rename itself durable on POSIX; Windows cannot open a directory this way.
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def _remove_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)
