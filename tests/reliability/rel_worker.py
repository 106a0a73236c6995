"""The child process of the reliability tests, and the helpers they share.

Run as a script it opens the database and does one kind of work in a loop — saves, an import,
an export, a backup, a migration or registrations — printing READY first, so the parent can kill
it with SIGKILL at a random moment while the work is really going on:

    python tests/reliability/rel_worker.py MODE DATA_DIR [DB_URL] [ARG]
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.cases.enums import ApplicantType, Channel  # noqa: E402
from app.cases.intake import CaseForm  # noqa: E402

TODAY = date(2024, 6, 28)
READY = "READY"


def a_form(i: int = 0, **changes: object) -> CaseForm:
    form = CaseForm(
        applicant_type=ApplicantType.NATURAL, applicant_name=f"申请人{i}", phone="13812345678",
        address="锦屏县三江镇 1 号", channel=Channel.IN_PERSON, submitted_on=date(2024, 3, 4),
        content=f"申请公开 2023 年第 {i} 号项目的环评批复",
    )
    for key, value in changes.items():
        setattr(form, key, value)
    return form


def _ready() -> None:
    print(READY, flush=True)


def _save_loop(db_url: str | None, data_dir: Path) -> None:
    """Correct the same case's registration over and over; each save is one unit of work."""
    from app.bootstrap import open_database
    from app.cases.intake import update_case
    from app.cases.models import RequestCase
    from app.context import Actor

    db = open_database(data_dir, db_url)
    actor = Actor.system()
    with db.session_factory() as s:
        case_id = s.query(RequestCase.id).order_by(RequestCase.id).limit(1).scalar()
    _ready()
    n = 0
    while True:
        n += 1
        with db.session_factory.begin() as s:
            version = s.get(RequestCase, case_id).version  # type: ignore[union-attr]
            # The process id keeps a restarted worker's first save from repeating the last one's
            # text: an unchanged form bumps no version, which the crash test would misread.
            remarks = f"第 {n} 次保存（{os.getpid()}）" + "备注" * (n % 50)
            update_case(s, actor, case_id, a_form(0, remarks=remarks), version,
                        today=TODAY)


def _import(db_url: str | None, data_dir: Path, path: str) -> None:
    from app.bootstrap import open_database
    from app.cases.register_import import import_register
    from app.context import Actor

    db = open_database(data_dir, db_url)
    _ready()
    with db.session_factory.begin() as s:
        report = import_register(s, Actor.system(), path, TODAY)
    print(f"IMPORTED {report.imported}", flush=True)


def _export(db_url: str | None, data_dir: Path, path: str) -> None:
    from app.bootstrap import open_database
    from app.cases.register_export import export_register
    from app.context import Actor

    db = open_database(data_dir, db_url)
    _ready()
    while True:
        with db.session_factory.begin() as s:
            export_register(s, Actor.system(), path, year=2024)


def _backup(data_dir: Path, path: str) -> None:
    from app import paths
    from app.backup import backup_to

    _ready()
    while True:
        backup_to(data_dir / paths.DB_FILE_NAME, Path(path))


def _migrate(data_dir: Path) -> None:
    from app.bootstrap import open_database

    _ready()
    open_database(data_dir).dispose()
    print("MIGRATED", flush=True)


def _register(db_url: str | None, data_dir: Path, count: str) -> None:
    from app.bootstrap import open_database
    from app.cases.intake import register_case
    from app.context import Actor

    db = open_database(data_dir, db_url)
    _ready()
    numbers = []
    for i in range(int(count)):
        with db.session_factory.begin() as s:
            numbers.append(register_case(s, Actor.system(), a_form(i), TODAY).case_no)
    db.dispose()
    print("NUMBERS " + " ".join(numbers), flush=True)


def main(argv: list[str]) -> None:
    mode, data_dir = argv[0], Path(argv[1])
    db_url = argv[2] if len(argv) > 2 and argv[2] else None
    arg = argv[3] if len(argv) > 3 else ""
    if mode == "save":
        _save_loop(db_url, data_dir)
    elif mode == "import":
        _import(db_url, data_dir, arg)
    elif mode == "export":
        _export(db_url, data_dir, arg)
    elif mode == "backup":
        _backup(data_dir, arg)
    elif mode == "migrate":
        _migrate(data_dir)
    elif mode == "register":
        _register(db_url, data_dir, arg)
    else:
        raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main(sys.argv[1:])
