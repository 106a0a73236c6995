"""Register figures: bench/bench_register.py, run as it is, read back from what it prints."""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile

from bench.figure import ROOT, Figure, bench_env

_REGISTER_LINE = re.compile(r"^(export|import): ([0-9.]+)s vs bare ([0-9.]+)s = ([0-9.]+)×", re.MULTILINE)


def measure_register() -> list[Figure]:
    # bench_register.py keeps its databases in a temp folder; TMPDIR puts that inside one removed here.
    with tempfile.TemporaryDirectory(prefix="bench-register-run-") as tmp:
        proc = subprocess.run([sys.executable, str(ROOT / "bench" / "bench_register.py")],
                              capture_output=True, text=True, cwd=ROOT, env=bench_env(TMPDIR=tmp))
    found = {m.group(1): m for m in _REGISTER_LINE.finditer(proc.stdout)}
    if set(found) != {"export", "import"}:
        raise RuntimeError(f"bench_register.py printed no figures:\n{proc.stdout}\n{proc.stderr}")
    figures = []
    for key, label, budget in (("export", "Register export, 10,000 cases (vs bare openpyxl write-only)", 1.5),
                               ("import", "Register import, same file (vs bare openpyxl read-only)", 3.0)):
        m = found[key]
        note = f"{float(m.group(2)):.2f} s CPU" + (" incl. validation and inserts" if key == "import" else "")
        figures.append(Figure(label, float(m.group(4)), "×", budget, float(m.group(3)), note))
    return figures
