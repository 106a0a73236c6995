"""atomic_write: complete file or nothing, and file-system trouble as Chinese UserError."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from app.atomic_file import atomic_write
from app.errors import UserError


def _write_x(tmp: Path) -> None:
    tmp.write_bytes(b"x")


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".~"))


def test_writes_through_a_hidden_temp_file_in_the_same_folder(tmp_path: Path) -> None:
    seen: list[Path] = []

    def writer(tmp: Path) -> None:
        seen.append(tmp)
        tmp.write_bytes(b"register")

    dest = tmp_path / "台账.xlsx"
    assert atomic_write(dest, writer) == dest
    assert dest.read_bytes() == b"register"
    assert seen[0].parent == tmp_path
    assert seen[0].name.startswith(".~台账.xlsx.tmp-")
    assert _leftovers(tmp_path) == []


def test_replaces_an_existing_file(tmp_path: Path) -> None:
    dest = tmp_path / "out.docx"
    dest.write_bytes(b"old")
    atomic_write(dest, _write_x)
    assert dest.read_bytes() == b"x"
    assert _leftovers(tmp_path) == []


def test_failing_writer_leaves_neither_temp_nor_destination(tmp_path: Path) -> None:
    def writer(tmp: Path) -> None:
        tmp.write_bytes(b"half")
        raise RuntimeError("boom")

    dest = tmp_path / "out.xlsx"
    with pytest.raises(RuntimeError, match="boom"):
        atomic_write(dest, writer)
    assert not dest.exists()
    assert list(tmp_path.iterdir()) == []


def test_failing_writer_keeps_the_previous_file(tmp_path: Path) -> None:
    dest = tmp_path / "out.xlsx"
    dest.write_bytes(b"previous")

    def writer(tmp: Path) -> None:
        raise ValueError("bad data")

    with pytest.raises(ValueError):
        atomic_write(dest, writer)
    assert dest.read_bytes() == b"previous"
    assert _leftovers(tmp_path) == []


def test_parent_that_is_a_file_gives_user_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(UserError, match="不存在或不是文件夹"):
        atomic_write(blocker / "out.xlsx", _write_x)


def test_missing_folder_gives_user_error(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="重新选择保存位置"):
        atomic_write(tmp_path / "gone" / "out.xlsx", _write_x)


def test_destination_locked_by_another_program(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Windows refuses to replace a file that Excel/WPS has open with PermissionError;
    # root on Linux cannot reproduce that, so os.replace is made to fail the same way.
    dest = tmp_path / "台账.xlsx"
    dest.write_bytes(b"open in excel")

    def locked(src: object, dst: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(UserError) as info:
        atomic_write(dest, _write_x)
    assert "文件“台账.xlsx”可能正在被 Excel/WPS 打开，请关闭后重试" in str(info.value)
    assert dest.read_bytes() == b"open in excel"
    assert _leftovers(tmp_path) == []


def test_permission_denied_without_existing_file_names_the_folder(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    def denied(src: object, dst: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "replace", denied)
    with pytest.raises(UserError, match="没有写入该文件夹的权限"):
        atomic_write(tmp_path / "new.xlsx", _write_x)
    assert list(tmp_path.iterdir()) == []


def test_read_only_folder_gives_user_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_open = os.open

    def refuse(path: object, flags: int, mode: int = 0o777) -> int:
        if str(path).startswith(str(tmp_path)):
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(path, flags, mode)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(UserError, match="没有写入该文件夹的权限"):
        atomic_write(tmp_path / "out.xlsx", _write_x)


def test_disk_full_while_writing(tmp_path: Path) -> None:
    def writer(tmp: Path) -> None:
        tmp.write_bytes(b"part")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(UserError, match="磁盘空间不足"):
        atomic_write(tmp_path / "big.xlsx", writer)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(os.name == "nt", reason="POSIX permission bits")
def test_new_file_gets_normal_permissions_not_private_temp_ones(tmp_path: Path) -> None:
    umask = os.umask(0)
    os.umask(umask)
    dest = atomic_write(tmp_path / "shared.xlsx", _write_x)
    assert dest.stat().st_mode & 0o777 == 0o666 & ~umask
