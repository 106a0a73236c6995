"""A PostgreSQL restore that was killed leaves nothing behind (issue 13).

The restore itself is one server transaction (pg_restore --single-transaction, or the copier's
load-and-verify), so the server rolls back a restore whose client died: the database is the old one
or the whole backup, never half. What a kill can leave is on this PC: a pg_dump/pg_restore child
still running on its own (a pg_restore finishing a restore nobody audits), the half-written safety
backup and the temporary copy of a SQLite backup (personal data in a temp folder). The restore keeps
a journal of them in the data folder; the next start or restore stops those children, removes the
files and tells the administrator to check and restore again.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app import paths

JOURNAL_NAME = "pg-restore-in-progress.json"
_CHILD_NAMES = ("pg_dump", "pg_restore")


def journal_path(folder: Path) -> Path:
    return folder / JOURNAL_NAME


class RestoreJournal:
    """Written when a server restore starts, removed when it ends (whatever the outcome)."""

    def __init__(self, folder: Path, backup: Path) -> None:
        self.path = journal_path(folder)
        self.data: dict[str, object] = {"pid": os.getpid(), "started": datetime.now().isoformat(timespec="seconds"),
                                        "backup": str(backup), "children": [], "temp": []}
        self._save()

    def _save(self) -> None:
        tmp = self.path.with_name(self.path.name + ".tmp")
        tmp.write_text(json.dumps(self.data, ensure_ascii=False), encoding="utf-8")
        paths.private(tmp)
        os.replace(tmp, self.path)

    def child(self, pid: int) -> None:
        """A pg_dump/pg_restore this restore started."""
        children = self.data["children"]
        assert isinstance(children, list)
        children.append(pid)
        self._save()

    def temp(self, path: Path) -> None:
        """A file or folder this restore writes and removes when it ends normally."""
        temps = self.data["temp"]
        assert isinstance(temps, list)
        temps.append(str(path))
        self._save()

    def close(self) -> None:
        self.path.unlink(missing_ok=True)


# The journal of the restore running in this process, so pg_backup's helpers can note what they start.
current: RestoreJournal | None = None


@dataclass(frozen=True)
class Interrupted:
    started: str
    backup: str
    stopped: list[int]
    removed: list[str]

    def message(self) -> str:
        done = []
        if self.stopped:
            done.append(f"停止了仍在运行的 {len(self.stopped)} 个备份/恢复程序")
        if self.removed:
            done.append(f"删除了 {len(self.removed)} 个遗留的临时文件")
        return (f"上次（{self.started}）从“{Path(self.backup).name}”恢复数据库时程序被中断。"
                "恢复在数据库中是一个整体：数据库保持恢复前的内容，或已完整恢复，不会只恢复一半"
                f"{'；已' + '、'.join(done) if done else ''}。"
                "请系统管理员运行 govinfo-desk audit verify 核对，确认需要时重新恢复。")


def _alive(pid: int) -> bool:
    if pid <= 0 or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _is_ours(pid: int) -> bool:
    """Only a pg_dump or pg_restore is stopped: a pid reused by another program is left alone."""
    cmdline = Path(f"/proc/{pid}/cmdline")
    try:
        words = cmdline.read_bytes().split(b"\0")
    except OSError:
        return False
    return any(name.encode() in w for w in words[:2] for name in _CHILD_NAMES)


def _stop(pid: int) -> bool:
    if not (_alive(pid) and _is_ours(pid)):
        return False
    with contextlib.suppress(OSError):
        os.kill(pid, signal.SIGTERM)  # pg_restore's transaction is rolled back by the server
    for _ in range(50):
        if not _alive(pid):
            break
        with contextlib.suppress(ChildProcessError, OSError):
            os.waitpid(pid, os.WNOHANG)
        time.sleep(0.1)
    return True


def finish_interrupted(folder: Path) -> Interrupted | None:
    """Clean up after a restore whose process died; None when there was none (or it still runs)."""
    path = journal_path(folder)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        data = {}
    if _alive(int(data.get("pid") or 0)):
        return None  # a restore still running in another window
    stopped = [pid for pid in data.get("children", []) if isinstance(pid, int) and _stop(pid)]
    removed: list[str] = []
    for name in data.get("temp", []):
        target = Path(str(name))
        try:
            if target.is_dir() and not target.is_symlink():
                shutil.rmtree(target)
            elif target.exists() or target.is_symlink():
                target.unlink()
            else:
                continue
        except OSError:
            continue
        removed.append(str(target))
    path.unlink(missing_ok=True)
    return Interrupted(str(data.get("started") or "时间不详"), str(data.get("backup") or ""), stopped, removed)
