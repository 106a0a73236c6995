"""Figures of the work on the data: annual report, deadline recompute, automated checks, documents."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.figure import TODAY, Figure, best, cpu_wall, open_db, run_section


def section_annual(data: Path) -> dict[str, Any]:
    from app.annual.service import compute

    db = open_db(data)
    with db.session_factory() as s:
        c, w = time.process_time(), time.perf_counter()
        report = compute(s, 2024)
        cold = (time.process_time() - c, time.perf_counter() - w)
        fastest = best(lambda: compute(s, 2024))
        assert report.checks_ok, [c.message for c in report.checks if not c.ok]
        total = report.part3["new"][-1]
    db.dispose()
    return {"annual_cold": cold, "annual": fastest, "annual_new": total}


def section_recompute(data: Path) -> dict[str, Any]:
    from datetime import date

    from sqlalchemy import update

    from app.cases.enums import CaseStatus
    from app.cases.models import RequestCase
    from app.context import Actor
    from app.workdays.calendar import builtin_years
    from app.workdays.service import set_year_arrangement

    db = open_db(data)
    year = date.fromisoformat(TODAY).year
    import chinese_calendar

    # The State Council's arrangement for the year, plus one extra day off: many due dates move.
    assert year in builtin_years()
    off = [*chinese_calendar.get_holidays(date(year, 1, 1), date(year, 12, 31), include_weekends=False),
           date(year, 7, 1)]
    work = [d for d in chinese_calendar.get_workdays(date(year, 1, 1), date(year, 12, 31), include_weekends=True)
            if d.weekday() >= 5]
    out: dict[str, Any] = {}
    for key, reopen in (("recompute", False), ("recompute_all_open", True)):
        cpu, wall, changed = [], [], {}
        for _ in range(3):
            with db.session_factory() as s:
                if reopen:  # the worst case: every one of the cases open at once
                    s.execute(update(RequestCase).values(status=CaseStatus.IN_PROGRESS.value))
                c, w = time.process_time(), time.perf_counter()
                changed = set_year_arrangement(s, Actor.system(), year, off, work, "bench")
                cpu.append(time.process_time() - c)
                wall.append(time.perf_counter() - w)
                s.rollback()
        out[key] = (min(cpu), min(wall))
        out[key + "_changed"] = changed.get("cases", 0)
    db.dispose()
    return out


def section_checks(_data: Path) -> dict[str, Any]:
    # The generator of bench/bench_checks.py, reused: same word list, same post.
    import random

    from app.review.checks import prepare, run_checks
    from bench.bench_checks import make_lists, make_text

    rng = random.Random(20240315)
    lists = make_lists(rng)
    text = make_text(rng)
    prepare(lists)
    times = [best(lambda: run_checks(text, lists), 1) for _ in range(15)]
    median = (statistics.median(t[0] for t in times), statistics.median(t[1] for t in times))
    return {"checks": median, "checks_words": len(lists.sensitive_words), "checks_chars": len(text)}


def section_documents(data: Path) -> dict[str, Any]:
    import random

    from sqlalchemy import select

    from app.cases.archive import add_document
    from app.cases.case_file import export_case_file
    from app.cases.enums import CaseStatus
    from app.cases.letters import generate_letter
    from app.cases.models import RequestCase
    from app.context import Actor

    db = open_db(data)
    actor = Actor.system()
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="bench-docs-") as tmp, db.session_factory() as s:
        folder = Path(tmp)
        case_id = s.scalar(select(RequestCase.id).where(
            RequestCase.status == CaseStatus.CLOSED.value, RequestCase.reply_type != "",
        ).order_by(RequestCase.id.desc()).limit(1))
        assert case_id is not None
        # The first letter of a session: python-docx is imported and the templates written now.
        c, w = time.process_time(), time.perf_counter()
        generate_letter(s, actor, case_id, "reply", folder / "templates")
        out["letter_cold"] = (time.process_time() - c, time.perf_counter() - w)
        out["letter"] = best(lambda: generate_letter(s, actor, case_id, "reply", folder / "templates"))
        # 20 scans of 100 KB–1 MB (incompressible, as scans are), PDF-shaped so pages are counted.
        rng = random.Random(20)
        for i in range(20):
            pages = b"<< /Type /Page >>\n" * rng.randint(1, 4)
            body = b"%PDF-1.4\n" + pages + rng.randbytes(rng.randint(100_000, 1_000_000))
            add_document(s, actor, case_id, "other", f"扫描件{i + 1}.pdf", body, "")
        target = folder / "case.zip"
        out["case_file"] = best(lambda: export_case_file(s, actor, case_id, target), 3)
        out["case_file_mb"] = target.stat().st_size / 2**20
        s.rollback()
    db.dispose()
    return out


def data_figures(data: Path, cases: int) -> list[Figure]:
    figures = []
    r = run_section("annual", data)
    figures.append(Figure(f"Annual report 2024, {cases:,} cases", r["annual"][0], "s", 1.0, None,
                          f"{cpu_wall(r['annual'])}; first {r['annual_cold'][0] * 1000:.0f} ms"))
    r = run_section("recompute", data)
    figures.append(Figure("Calendar change: recompute open deadlines", r["recompute"][0], "s", 2.0, None,
                          f"{cpu_wall(r['recompute'])}; {r['recompute_changed']} changed"))
    figures.append(Figure(f"Calendar change: all {cases:,} cases open (worst case)", r["recompute_all_open"][0],
                          "s", 2.0, None,
                          f"{cpu_wall(r['recompute_all_open'])}; {r['recompute_all_open_changed']} changed"))
    r = run_section("checks", data)
    figures.append(Figure("Automated checks, 50,000 chars, 20,000 words", r["checks"][0], "s", 0.030, None,
                          f"median of 15; {cpu_wall(r['checks'])}"))
    r = run_section("documents", data)
    figures.append(Figure("Reply letter (first of the session)", r["letter_cold"][0], "s", 0.300, None,
                          f"{cpu_wall(r['letter_cold'])}; again {r['letter'][0] * 1000:.0f} ms"))
    figures.append(Figure("Case file zip, 20 attachments", r["case_file"][0], "s", 2.0, None,
                          f"{cpu_wall(r['case_file'])}; {r['case_file_mb']:.1f} MB"))
    return figures
