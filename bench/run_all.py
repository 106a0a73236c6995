"""Every performance budget of issue 8 in one run: prints each figure against its budget and exits 1
when one is missed.

Run from the repository root:  python bench/run_all.py [--cases 100000] [--data DIR] [--quick]

The 100,000-case database comes from bench/make_data.py (fixed seed) and is kept in bench/out/
between runs; every measurement that writes rolls back, so the data stays as made. Each section
runs in its own process (fresh memory, cold imports, and Qt's teardown kept out of this one).

This file is the runner; the figures are defined beside what they measure: bench/figure.py (the
Figure row, how time is taken), bench/figures_startup.py (start-up and the quick check at start),
bench/figures_case_list.py, bench/figures_register.py and bench/figures_data.py (annual report,
deadline recompute, automated checks, documents).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.figure import OUT, RUNS, Figure
from bench.figures_case_list import case_list_figures, section_case_list
from bench.figures_data import (
    data_figures,
    section_annual,
    section_checks,
    section_documents,
    section_recompute,
)
from bench.figures_register import measure_register
from bench.figures_startup import measure_start_check, measure_startup

# Run in a child process each: `run_all.py --section NAME --data DIR` (bench.figure.run_section).
SECTIONS: dict[str, Callable[[Path], dict[str, Any]]] = {
    "case_list": section_case_list,
    "annual": section_annual,
    "recompute": section_recompute,
    "checks": section_checks,
    "documents": section_documents,
}


def ensure_data(cases: int, data: Path | None) -> tuple[Path, str]:
    from bench.make_data import PASSWORD, SEED, make_data

    if data is not None:
        return data, PASSWORD  # the caller's own make_data folder
    folder = OUT / f"data-{cases}-{SEED}"
    stamp = folder / "made.json"
    if not stamp.exists():
        if folder.exists() and any(folder.iterdir()):
            raise SystemExit(f"{folder} exists but was not made by make_data; remove it or pass --data")
        print(f"making {cases} cases in {folder} …", flush=True)
        summary = make_data(folder, cases, SEED)
        stamp.write_text(json.dumps({"cases": cases, "seed": SEED, "open": summary.open_cases}), encoding="utf-8")
        for line in summary.lines():
            print("  " + line, flush=True)
    return folder, PASSWORD


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run every benchmark of issue 8 against its budget.")
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--data", type=Path, help="a data folder made by bench/make_data.py (default: bench/out/…)")
    parser.add_argument("--quick", action="store_true", help="skip the register bench (about a minute)")
    parser.add_argument("--section", choices=sorted(SECTIONS), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.section:
        result = SECTIONS[args.section](args.data)
        print("RESULT " + json.dumps(result), flush=True)
        os._exit(0)  # PySide6 may crash while tearing down at exit; the result is already out

    started = time.perf_counter()
    data, password = ensure_data(args.cases, args.data)
    figures: list[Figure] = []
    print("start-up …", flush=True)
    figures += measure_startup(data, password)
    figures += measure_start_check(data)
    print("case list …", flush=True)
    figures += case_list_figures(data)
    if not args.quick:
        print("register (bench/bench_register.py) …", flush=True)
        figures += measure_register()
    print("annual report, recompute, checks, documents …", flush=True)
    figures += data_figures(data, args.cases)

    print()
    print("| Figure | Measured | Baseline | Budget | Result | Notes |")
    print("|---|---|---|---|---|---|")
    for f in figures:
        print(f.row())
    missed = [f.name for f in figures if not f.ok]
    print(f"\nCPU seconds of the measuring process, best of {RUNS} unless noted; "
          f"{time.perf_counter() - started:.0f} s in all.")
    print("All budgets hold." if not missed else "OVER BUDGET: " + "; ".join(missed))
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
