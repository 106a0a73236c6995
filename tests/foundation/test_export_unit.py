"""An export holds no write lock while it writes its file; its audit entry follows the file."""

from __future__ import annotations

import time
from pathlib import Path

from sqlalchemy import select

from app.audit.models import AuditEntry
from app.audit.service import record, verify
from app.bootstrap import Database
from app.cases.register_export import export_register
from app.context import Actor
from app.export_unit import run_export


def test_others_write_while_an_export_writes_its_file(db: Database, tmp_path: Path) -> None:
    out = tmp_path / "台账.xlsx"
    waited: list[float] = []

    def someone_else_saves(_done: int, _total: int) -> None:
        # Another user's unit of work, on its own connection, in the middle of the export.
        start = time.monotonic()
        with db.session_factory.begin() as s:
            record(s, Actor.system(), "update", "setting", "org.name", summary="别人保存了设置")
        waited.append(time.monotonic() - start)

    count = run_export(db, lambda s: export_register(s, Actor.system(), out, year=2024,
                                                       progress=someone_else_saves))
    assert count == 0 and out.exists()
    assert waited and max(waited) < 1.0, waited  # a held write lock would make this wait 10 s
    with db.reader() as s:
        entries = s.execute(select(AuditEntry.action, AuditEntry.record_type).order_by(AuditEntry.seq)).all()
        assert verify(s).ok
    # The export's entry comes after the saves made while the file was being written.
    assert entries[-1] == ("export", "request_register")
    assert ("update", "setting") in entries[:-1]


def test_outside_run_export_the_entry_is_written_in_the_callers_unit(db: Database, tmp_path: Path) -> None:
    with db.session_factory.begin() as s:
        export_register(s, Actor.system(), tmp_path / "a.xlsx", year=2024)
        pending = s.scalars(select(AuditEntry.record_type).where(AuditEntry.action == "export")).all()
    assert pending == ["request_register"]
