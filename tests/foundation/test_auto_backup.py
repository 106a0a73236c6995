"""The daily automatic backup is audited, made by the first CLI command of the day too, and a program
left running makes the next day's (issue 13)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from app.audit.models import AuditEntry
from app.auto_backup import run_daily_backup, seconds_until_next_day
from app.backup import list_backups
from app.bootstrap import Database
from app.cli import main

pytestmark = pytest.mark.sqlite_only  # about the SQLite file's own backups; a server backs up itself


def _backup_entries(db: Database) -> list[AuditEntry]:
    with db.reader() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.action == "backup").order_by(AuditEntry.seq)))


def test_daily_backup_is_recorded_in_the_audit_trail_once_a_day(db: Database, data_dir: Path) -> None:
    first = run_daily_backup(db, now=datetime(2025, 3, 3, 8, 0))
    assert first is not None and first.is_file()
    assert run_daily_backup(db, now=datetime(2025, 3, 3, 17, 30)) is None  # same day: nothing, no entry
    second = run_daily_backup(db, now=datetime(2025, 3, 4, 0, 1))  # a PC left running past midnight
    assert second is not None and second != first
    entries = _backup_entries(db)
    assert [e.summary for e in entries] == ["每日自动备份数据库", "每日自动备份数据库"]
    assert [e.display_name for e in entries] == ["系统（每日自动备份）"] * 2
    assert str(first) in entries[0].after_json and str(second) in entries[1].after_json
    assert list_backups(data_dir) == [second, first]


def test_waits_until_just_after_the_next_midnight() -> None:
    # 2025-03-03 23:00:00 -> 2025-03-04 00:01:00 is 61 minutes.
    assert seconds_until_next_day(datetime(2025, 3, 3, 23, 0)) == 61 * 60
    # 08:00 -> next day 00:01 is 16 h 1 min.
    assert seconds_until_next_day(datetime(2025, 3, 3, 8, 0)) == 16 * 3600 + 60
    # 00:00:30, before today's 00:01: tomorrow's 00:01 (the day's backup is due now, at start).
    assert seconds_until_next_day(datetime(2025, 3, 4, 0, 0, 30)) == 24 * 3600 + 30


def test_first_cli_command_of_the_day_makes_the_backup(db: Database, data_dir: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert list_backups(data_dir) == []
    assert main(["deadline", "2025-03-03"]) == 0  # a read-only command that opens the database
    out, err = capsys.readouterr()
    made = list_backups(data_dir)
    assert len(made) == 1 and f"已做今日自动备份：{made[0]}" in err
    assert "已做今日自动备份" not in out  # the command's own output stays clean for scripts
    assert len(_backup_entries(db)) == 1
    assert main(["deadline", "2025-03-03"]) == 0  # the second command of the day does not repeat it
    assert "自动备份" not in capsys.readouterr().err
    assert len(list_backups(data_dir)) == 1 and len(_backup_entries(db)) == 1


def test_cli_command_still_runs_when_the_backup_cannot_be_written(db: Database, data_dir: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    if (data_dir / "backups").is_dir():
        (data_dir / "backups").rmdir()
    (data_dir / "backups").write_text("not a folder", encoding="utf-8")  # the copy cannot be written
    assert main(["deadline", "2025-03-03"]) == 0
    err = capsys.readouterr().err
    assert "警告：今日自动备份未完成" in err
    assert _backup_entries(db) == []  # the trail never claims a backup that failed


def test_the_daily_check_finds_a_changed_attachment_after_making_the_backup(
        db: Database, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from sqlalchemy import update

    from app.attachment_check import ACTION
    from app.attachment_sweep import DamagedAttachmentsFound
    from app.cases.archive import add_document
    from app.cases.intake import register_case
    from app.cases.models import CaseDocument
    from app.context import Actor
    from tests.reliability.rel_worker import TODAY, a_form

    with db.session_factory.begin() as s:
        case = register_case(s, Actor.system(), a_form(1), TODAY)
        kept = add_document(s, Actor.system(), case.id, "other", "收据.pdf", b"%PDF-1.4 receipt").id
        changed = add_document(s, Actor.system(), case.id, "other", "扫描件.pdf", b"%PDF-1.4 scan").id
    assert run_daily_backup(db, now=datetime(2025, 3, 3, 8, 0)) is not None  # all files as added: quiet
    with db.session_factory.begin() as s:  # what a SQL client can do: new bytes, the old hash kept
        s.execute(update(CaseDocument).where(CaseDocument.id == changed).values(content=b"%PDF-1.4 forged"))

    with pytest.raises(DamagedAttachmentsFound) as caught:
        run_daily_backup(db, now=datetime(2025, 3, 4, 8, 0))
    assert "扫描件.pdf" in str(caught.value) and "收据.pdf" not in str(caught.value)
    assert [d.record_id for d in caught.value.damaged] == [changed] and kept != changed
    assert len(list_backups(data_dir)) == 2 and len(_backup_entries(db)) == 2  # the backup itself stands
    with db.reader() as s:
        found = s.scalars(select(AuditEntry).where(AuditEntry.action == ACTION)).all()
    assert [(e.record_type, e.record_id) for e in found] == [("case_document", str(changed))]

    # The day's first command (today is another day) backs up, checks, says so on stderr and goes on.
    assert main(["deadline", "2025-03-03"]) == 0
    out, err = capsys.readouterr()
    assert "警告：每日检查发现案卷材料“扫描件.pdf”" in err and "扫描件" not in out
    assert len(list_backups(data_dir)) == 3
