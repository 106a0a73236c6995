"""Two imports of overlapping registers at once (issue 13): the one that loses the race is refused in
Chinese, names the numbers, inserts nothing and shows no SQL or personal data. On SQLite writers are
serialised (BEGIN IMMEDIATE), so the race is staged by hiding the committed numbers from the check;
on PostgreSQL another connection really commits between the check and the insert."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

import app.cases.register_import as register_import
from app.audit.models import AuditEntry
from app.bootstrap import Database
from app.cases.models import RequestCase
from app.cases.register_import import import_register
from app.context import Actor
from app.errors import UserError
from tests.cases._support import probe_write_lock_while_reading

TODAY = date(2025, 1, 15)
HEADERS = ["受理编号", "申请人类型", "申请人", "申请方式", "收到申请日期", "申请内容"]


def _register(path: Path, numbers: list[int]) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(HEADERS)
    for n in numbers:
        ws.append([f"锦府办依申〔2024〕{n}号", "自然人", f"申请人{n}", "互联网", "2024-03-05", "请公开2023年财政预算"])
    wb.save(path)
    return path


def _counts(db: Database) -> tuple[int, int]:
    with db.reader() as s:
        return (s.scalar(select(func.count()).select_from(RequestCase)) or 0,
                s.scalar(select(func.count()).select_from(AuditEntry)) or 0)


def _assert_refused_cleanly(exc: UserError) -> None:
    message = str(exc)
    assert "“锦府办依申〔2024〕2号”、“锦府办依申〔2024〕3号”" in message
    assert "另一台电脑同时导入或登记" in message and "本次未导入任何案件" in message and "重新导入" in message
    for leak in ("INSERT", "IntegrityError", "UNIQUE", "申请人4", "parameters"):
        assert leak not in message
    assert exc.__cause__ is None and exc.__suppress_context__  # the driver error is not chained into logs


def test_numbers_taken_after_the_check_are_refused_in_chinese(db: Database, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    with db.session_factory.begin() as s:
        assert import_register(s, Actor.system(), _register(tmp_path / "first.xlsx", [1, 2, 3]), TODAY).imported == 3
    before = _counts(db)
    # The second import checked before the first committed: it saw none of the numbers.
    monkeypatch.setattr(register_import, "_existing_numbers", lambda session: set())
    with pytest.raises(UserError) as caught, db.session_factory.begin() as s:
        import_register(s, Actor.system(), _register(tmp_path / "second.xlsx", [2, 3, 4]), TODAY)
    _assert_refused_cleanly(caught.value)
    assert _counts(db) == before  # 申请人4 was not imported either: all or nothing


@pytest.mark.postgresql_only  # SQLite serialises writers, so this race cannot happen there (staged above)
def test_a_real_concurrent_import_on_postgresql(db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = _register(tmp_path / "first.xlsx", [1, 2, 3]), _register(tmp_path / "second.xlsx", [2, 3, 4])
    real = register_import._existing_numbers
    raced: list[bool] = []

    def check_then_let_the_other_pc_commit(session):  # type: ignore[no-untyped-def]
        seen = real(session)
        if not raced:  # once: the other PC's import itself checks normally
            raced.append(True)
            with db.session_factory.begin() as other:  # another connection, its own transaction
                import_register(other, Actor.system(), first, TODAY)
        return seen

    monkeypatch.setattr(register_import, "_existing_numbers", check_then_let_the_other_pc_commit)
    with pytest.raises(UserError) as caught, db.session_factory.begin() as s:
        import_register(s, Actor.system(), second, TODAY)
    _assert_refused_cleanly(caught.value)
    with db.reader() as s:
        assert sorted(s.scalars(select(RequestCase.applicant_name))) == ["申请人1", "申请人2", "申请人3"]


@pytest.mark.sqlite_only  # about SQLite's write lock
def test_the_workbook_is_parsed_before_the_write_lock_is_taken(db: Database, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 13: a large register is read and checked without holding the lock every other PC waits for."""

    from app.cli import main

    path = _register(tmp_path / "r.xlsx", [1, 2])
    others_could_write = probe_write_lock_while_reading(monkeypatch, db)
    assert main(["import-register", str(path), "--today", "2025-01-15"]) == 0
    assert others_could_write == [True]
    with db.reader() as s:
        assert s.scalar(select(func.count()).select_from(RequestCase)) == 2
