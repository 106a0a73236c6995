"""Benchmark of the request register (budgets: export ≤ 1.5× a bare openpyxl write-only loop,
import ≤ 3× a bare openpyxl read-only pass, both for 10,000 cases).

Run from the repository root:  python bench/bench_register.py [N]
Creates N cases (default 10,000; fixed seed) in a temporary SQLite database, exports them, times
the same rows written by a bare write-only loop, then imports the file into a fresh database and
times a bare read-only pass over it. Exits 1 when a budget is exceeded.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from openpyxl import Workbook, load_workbook

EXPORT_BUDGET = 1.5
IMPORT_BUDGET = 3.0
RUNS = 5


def _best(fn: Callable[[], object]) -> float:
    # CPU time of this process, best of RUNS: wall time on a shared machine measures the neighbours.
    times = []
    for _ in range(RUNS):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return min(times)


def _fill(session: object, n: int) -> None:
    from sqlalchemy.orm import Session

    from app.cases.enums import ApplicantType, CaseStatus, Channel
    from app.cases.models import RequestCase
    from app.cases.outcomes import Outcome

    assert isinstance(session, Session)
    rng = random.Random(7)
    cases = []
    for i in range(1, n + 1):
        received = date(2024, 1, 2) + timedelta(days=rng.randrange(300))
        replied = received + timedelta(days=rng.randrange(10, 28)) if i % 3 else None
        cases.append(RequestCase(
            case_no=f"锦府办依申〔2024〕{i}号", status=(CaseStatus.CLOSED if replied else CaseStatus.IN_PROGRESS).value,
            applicant_type=rng.choice(list(ApplicantType)).value, applicant_name=f"申请人{i}",
            channel=rng.choice(list(Channel)).value, received_on=received, due_on=received + timedelta(days=28),
            content="申请公开本县2023年度财政预算执行情况及相关文件" * 2, phone="13800138000", address="锦屏县三江镇",
            id_number="11010519491231002X", replied_on=replied, outcome=Outcome.DISCLOSED.value if replied else "",
            reply_doc_no=f"锦府办依复〔2024〕{i}号" if replied else "", tracking_no="1234567890123" if replied else "",
        ))
    session.add_all(cases)


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    folder = Path(tempfile.mkdtemp(prefix="bench-register-"))
    os.environ["GOVINFO_DATA_DIR"] = str(folder / "data")
    from app.bootstrap import open_database
    from app.cases.register_export import export_register
    from app.cases.register_import import import_register
    from app.cases.register_rows import HEADERS, row_from_case, row_values
    from app.context import Actor

    db = open_database(folder / "data")
    with db.session_factory.begin() as s:
        _fill(s, n)
    out = folder / "register.xlsx"

    def run_export() -> None:
        with db.session_factory() as s:
            export_register(s, Actor.system(), out, year=2024)
            s.rollback()

    with db.session_factory() as s:
        from sqlalchemy import select

        from app.cases.models import RequestCase

        values = [row_values(row_from_case(c)) for c in s.scalars(select(RequestCase))]

    def bare_write() -> None:
        wb = Workbook(write_only=True)
        ws = wb.create_sheet()
        ws.append(list(HEADERS))
        for row in values:
            ws.append(row)
        wb.save(folder / "bare.xlsx")

    exported = _best(run_export)
    bare_w = _best(bare_write)

    def bare_read() -> None:
        wb = load_workbook(out, read_only=True, data_only=True)
        for _ in wb.active.iter_rows(values_only=True):
            pass
        wb.close()

    def run_import() -> None:
        fresh = open_database(folder / f"fresh-{time.perf_counter_ns()}")
        try:
            with fresh.session_factory.begin() as s:
                report = import_register(s, Actor.system(), out, date(2025, 1, 15))
                assert report.imported == n, report.summary()
        finally:
            fresh.dispose()

    bare_r = _best(bare_read)
    # Opening (and migrating) a fresh database is not the importer's work: time it apart.
    migrate = _best(lambda: open_database(folder / f"empty-{time.perf_counter_ns()}").dispose())
    imported = _best(run_import) - migrate
    db.dispose()

    ok = True
    for name, took, bare, budget in (("export", exported, bare_w, EXPORT_BUDGET),
                                     ("import", imported, bare_r, IMPORT_BUDGET)):
        ratio = took / bare
        verdict = "ok" if ratio <= budget else "OVER BUDGET"
        ok &= ratio <= budget
        print(f"{name}: {took:.2f}s vs bare {bare:.2f}s = {ratio:.2f}× (budget {budget}×) {verdict}")
    print(f"(CPU seconds, best of {RUNS}; {n} cases; opening a fresh database {migrate:.2f}s, not counted)")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
