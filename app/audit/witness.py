"""This PC's witness of the audit trail: the furthest head (sequence + hash) it has seen.

The chain in the database proves that no entry was edited *between* two entries; it cannot prove
that none were cut from the end, because whoever deletes the tail can also rewrite the head row
(or recompute every unkeyed SHA-256). The witness is kept outside the database, in the data
folder of each PC that used it, and is advanced after every commit that appended an entry. An
entry at a witnessed sequence whose hash differs, or a chain shorter than the witness, is
tampering (or an un-announced restore) and `audit verify` says so.

The file is rewritten at most once a second during a burst of saves and at exit; a process killed
mid-burst may leave the file up to a second behind (the running program checks its memory).

Protects against: someone with access to the database only (a SQL client, the server, a copied
database file put back) deleting, truncating or rewriting entries this PC has seen.
Does not protect against: entries written after this PC last saw the head; someone who can also
edit this PC's data folder with the OS account's rights.
"""

from __future__ import annotations

import atexit
import json
import logging
import os
import threading
import time
import weakref
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)
WITNESS_FILE = "audit-witness.json"
_lock = threading.Lock()


@dataclass(frozen=True)
class Head:
    seq: int
    hash: str

    @property
    def code(self) -> str:
        """审计校验码: the sequence and the first 12 hex digits, short enough to print and type."""
        return f"{self.seq}-{self.hash[:12]}"


@dataclass(frozen=True)
class Binding:
    folder: Path
    key: str
    label: str


_bindings: weakref.WeakKeyDictionary[Engine, Binding] = weakref.WeakKeyDictionary()
_memory: dict[str, Head] = {}  # the furthest head this process has seen, per database


def database_key(engine: Engine) -> tuple[str, str]:
    """(key, label) naming the database: the SQLite file's full path, or the server URL."""
    url = engine.url
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        path = str(Path(url.database).resolve())
        return f"sqlite:{path}", path
    label = url.render_as_string(hide_password=True)
    return f"{url.get_backend_name()}:{url.host or ''}:{url.port or ''}/{url.database or ''}", label


def witness_path(folder: Path) -> Path:
    return folder / WITNESS_FILE


def read_file(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        raise ValueError(f"见证文件“{path}”无法读取（{exc}）") from exc
    return data.get("databases", {}) if isinstance(data, dict) else {}


def witnessed(folder: Path, key: str, path: Path | None = None) -> Head | None:
    entry = read_file(path or witness_path(folder)).get(key)
    if not isinstance(entry, dict):
        return None
    try:
        return Head(int(entry["seq"]), str(entry["hash"]))
    except (KeyError, TypeError, ValueError):
        return None


def _write(folder: Path, key: str, label: str, head: Head, *, advance_only: bool, event_name: str) -> None:
    path = witness_path(folder)
    with _lock:
        try:
            data = read_file(path)
        except ValueError:
            data = {}  # a damaged witness is replaced by what we see now; verify reports it first
        old = data.get(key)
        if advance_only and isinstance(old, dict) and int(old.get("seq", 0)) >= head.seq:
            return
        data[key] = {"seq": head.seq, "hash": head.hash, "label": label, "event": event_name,
                     "at": datetime.now().isoformat(timespec="seconds")}
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"version": 1, "databases": data}, fh, ensure_ascii=False, indent=1)
        os.replace(tmp, path)


def binding_for(engine: Engine) -> Binding | None:
    return _bindings.get(engine)


def seen(key: str) -> Head | None:
    return _memory.get(key)


WRITE_INTERVAL = 1.0  # seconds: a burst of saves rewrites the file about once a second
_pending: dict[str, tuple[Binding, Head]] = {}
_last_write: dict[str, float] = {}


def note(binding: Binding, head: Head) -> None:
    """Advance the witness to `head` if it is further than what was seen: in memory at once (what
    record() checks), in the file at most every WRITE_INTERVAL and when the program exits."""
    known = _memory.get(binding.key)
    if known is None or head.seq >= known.seq:
        _memory[binding.key] = head
    _pending[binding.key] = (binding, _memory[binding.key])
    if time.monotonic() - _last_write.get(binding.key, 0.0) >= WRITE_INTERVAL:
        flush(binding.key)


def flush(key: str | None = None) -> None:
    """Write the pending heads (all, or one database's) to the witness files."""
    for k in [key] if key is not None else list(_pending):
        item = _pending.pop(k, None) if k is not None else None
        if item is None:
            continue
        binding, head = item
        _last_write[k] = time.monotonic()
        try:
            _write(binding.folder, binding.key, binding.label, head, advance_only=True, event_name="seen")
        except OSError as exc:  # a full disk must not turn a saved change into an error
            log.warning("Could not write the audit witness: %s", exc)


atexit.register(flush)


def reset(binding: Binding, head: Head, event_name: str) -> None:
    """After a restore or a re-seal by an administrator: the witness starts again from `head`."""
    _pending.pop(binding.key, None)
    _memory[binding.key] = head
    _write(binding.folder, binding.key, binding.label, head, advance_only=False, event_name=event_name)


def attach(engine: Engine, session_factory: sessionmaker[Session], folder: Path) -> Binding:
    """Witness every commit of this database in `folder` (called once where the database opens)."""
    key, label = database_key(engine)
    binding = Binding(folder, key, label)
    _bindings[engine] = binding
    if key not in _memory:
        try:
            head = witnessed(folder, key)
        except ValueError:
            head = None
        if head is not None:
            _memory[key] = head
    if not event.contains(session_factory, "after_commit", _after_commit):
        event.listen(session_factory, "after_commit", _after_commit)
        event.listen(session_factory, "after_soft_rollback", _after_rollback)
    return binding


def stash(session: Session, entry: object) -> None:
    """record() hands each appended entry here; the witness moves when the transaction commits."""
    session.info.setdefault("audit_appended", []).append(entry)


def _after_rollback(session: Session, previous_transaction: object) -> None:
    if not session.in_transaction():
        session.info.pop("audit_appended", None)


def _after_commit(session: Session) -> None:
    from sqlalchemy import inspect

    if session.in_nested_transaction():
        return  # SQLAlchemy announces a released savepoint as a commit too; wait for the real one
    entries = session.info.pop("audit_appended", None)
    # An entry appended inside a savepoint that rolled back is transient again: not a head.
    kept = [e for e in entries or () if inspect(e).persistent]
    if not kept:
        return
    last = max(kept, key=lambda e: e.seq)
    head = Head(last.seq, last.hash)
    bind = session.get_bind()
    engine = bind if isinstance(bind, Engine) else bind.engine
    binding = _bindings.get(engine)
    if binding is not None:
        note(binding, head)


def forget_memory() -> None:
    """Tests: start as a fresh process would (pending heads are written first, as at exit)."""
    flush()
    _memory.clear()
