"""Upgrading a database from before issue 11 recomputes the open cases' stored due dates with the
bounded pauses (an unanswered consultation no longer keeps a case current forever)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command

from app.db.engine import make_engine
from app.db.migrate import alembic_config

BEFORE = "0007_reprint_level"


def _filler(column: sa.Column[Any]) -> Any:
    """A value for a NOT NULL column the test does not care about."""
    kind = column.type
    if isinstance(kind, sa.Boolean):
        return False
    if isinstance(kind, sa.Integer):
        return 1
    if isinstance(kind, sa.DateTime):
        return datetime(2024, 3, 4, 9, 0)
    if isinstance(kind, sa.Date):
        return date(2024, 3, 4)
    return ""


def _row(table: sa.Table, **values: Any) -> dict[str, Any]:
    row = {c.name: _filler(c) for c in table.columns
           if not c.nullable and c.server_default is None and not c.primary_key}
    row.update(values)
    return row


def test_upgrade_bounds_an_old_unanswered_consultation(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    config = alembic_config(engine)
    command.upgrade(config, BEFORE)
    meta = sa.MetaData()
    cases = sa.Table("request_cases", meta, autoload_with=engine)
    consultations = sa.Table("case_consultations", meta, autoload_with=engine)
    with engine.begin() as conn:
        # Received Mon 2024-03-04; a department consultation sent Mon 3/11 was never answered. The old
        # arithmetic paused it until "today", so the stored due date kept moving (here 2024-12-31).
        case_id = conn.execute(sa.insert(cases).values(_row(
            cases, case_no="锦府办依申〔2024〕1号", status="in_progress", applicant_type="natural",
            applicant_name="王小明", channel="in_person", received_on=date(2024, 3, 4), content="低保资金",
            due_on=date(2024, 12, 31), version=1,
        ))).inserted_primary_key[0]
        conn.execute(sa.insert(consultations).values(_row(
            consultations, case_id=case_id, kind="department", party="县财政局", sent_on=date(2024, 3, 11),
            due_on=date(2024, 3, 18),
        )))
        closed_id = conn.execute(sa.insert(cases).values(_row(
            cases, case_no="锦府办依申〔2024〕2号", status="closed", applicant_type="natural",
            applicant_name="李四", channel="in_person", received_on=date(2024, 3, 4), content="预算",
            due_on=date(2024, 12, 31), replied_on=date(2024, 3, 20), version=1,
        ))).inserted_primary_key[0]
    command.upgrade(config, "head")
    with engine.connect() as conn:
        due = dict(conn.execute(sa.select(cases.c.id, cases.c.due_on)).all())
    # The pause now ends with the department's 5 working days, Mon 3/18 (3/12–15, 3/18 = 5 days): the
    # 25th working day after 3/4 is 4/1 (20), 4/2, 4/3, [4/4–6 off], Sun 4/7, 4/8, Tue 2024-04-09 (25).
    assert due[case_id] == date(2024, 4, 9)
    assert due[closed_id] == date(2024, 12, 31)  # a closed case keeps what it had
    engine.dispose()
