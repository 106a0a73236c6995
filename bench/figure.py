"""What every figure of bench/run_all.py shares: the Figure row, where things live, how time is taken.

How figures are taken: CPU seconds of the measuring process, best of several runs — on a shared
2-core machine, wall time measures the neighbours (other test runs) as much as the program;
wall times are printed beside them. Ratios compare with a baseline measured in the same run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
RUN_ALL = ROOT / "bench" / "run_all.py"
RUNS = 5
STARTUP_RUNS = 5
TODAY = "2025-06-30"  # bench/make_data.py's default "today"


@dataclass
class Figure:
    name: str
    value: float  # seconds, a ratio, megabytes or a count — see unit
    unit: str  # "s", "×", "MB", ""
    budget: float | None  # None: reported only
    baseline: float | None = None  # seconds, when the figure is a ratio
    note: str = ""

    @property
    def ok(self) -> bool:
        return self.budget is None or self.value <= self.budget

    def row(self) -> str:
        def show(v: float, unit: str) -> str:
            if unit == "s":
                return f"{v * 1000:.0f} ms" if v < 10 else f"{v:.1f} s"
            if unit == "×":
                return f"{v:.2f}×"
            return f"{v:.0f} {unit}".strip()

        budget = "—" if self.budget is None else f"≤ {show(self.budget, self.unit)}"
        verdict = "info" if self.budget is None else ("ok" if self.ok else "OVER BUDGET")
        base = "" if self.baseline is None else show(self.baseline, "s")
        return f"| {self.name} | {show(self.value, self.unit)} | {base} | {budget} | {verdict} | {self.note} |"


def best(fn: Callable[[], object], runs: int = RUNS) -> tuple[float, float]:
    """(best CPU seconds, best wall seconds) of `runs` calls."""
    cpu, wall = [], []
    for _ in range(runs):
        c, w = time.process_time(), time.perf_counter()
        fn()
        cpu.append(time.process_time() - c)
        wall.append(time.perf_counter() - w)
    return min(cpu), min(wall)


def cpu_wall(pair: list[float]) -> str:
    return f"wall {pair[1] * 1000:.0f} ms"


def rss_mb() -> float:
    """Resident memory of this process; the growth includes Qt's own allocations, not only Python's."""
    with open("/proc/self/statm", encoding="ascii") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def open_db(data: Path) -> Any:
    from app.bootstrap import open_database

    return open_database(data)


def bench_env(**extra: str) -> dict[str, str]:
    # Bytecode is cached (outside the source tree), as an installed program or the bundle has it:
    # compiling the sources on every start would add 0.2 s that no user ever waits for.
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT),
               PYTHONPYCACHEPREFIX=str(OUT / "pycache"), **extra)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("GOVINFO_DB_URL", None)
    return env


def run_section(name: str, data: Path) -> dict[str, Any]:
    """One section in its own process (fresh memory, cold imports, Qt's teardown kept out of this one):
    `run_all.py --section NAME --data DIR` prints one RESULT line of JSON."""
    proc = subprocess.run(
        [sys.executable, str(RUN_ALL), "--section", name, "--data", str(data)],
        capture_output=True, text=True, cwd=ROOT, env=bench_env(),
    )
    lines = [line for line in proc.stdout.splitlines() if line.startswith("RESULT ")]
    if not lines:
        raise RuntimeError(f"section {name} failed (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    result: dict[str, Any] = json.loads(lines[-1][len("RESULT "):])
    return result
