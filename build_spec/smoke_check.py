"""Smoke check of the BUILT program (issue 8): run it as an office would, offscreen, in a temp folder.

    python build_spec/smoke_check.py [dist/govinfo-desk]

Runs the bundle's executable (never the sources: the working folder is a temp folder and
PYTHONPATH is cleared) to: print its version from the package metadata; fill a fresh data folder
with the demo; compute a deadline; generate a reply letter and an Excel register, which are then
opened with python-docx and openpyxl; start the GUI offscreen (signed in through
GOVINFO_SMOKE_TEST, see ui/launch.py) until the main window is shown, and again on a virtual X
server with the xcb plugin when Xvfb is installed. On Linux with strace, the letter export and the
GUI run are traced and must not open a single internet socket. Exit 0 when every step passes.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEMO_LOGIN = "admin:Demo@2024"  # app.demo.DEMO_PASSWORD; the demo's administrator
MARKER = "GOVINFO-SMOKE: main window shown"
TIMEOUT = 180


class Failed(Exception):
    pass


class Check:
    def __init__(self, program: Path, work: Path) -> None:
        self.program = program
        self.work = work
        self.data = work / "data"
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "GOVINFO_"))}
        self.env.update(QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(work / "config"), HOME=str(work / "home"))
        (work / "home").mkdir()
        self.trace = shutil.which("strace") if sys.platform.startswith("linux") else None

    def run(self, *args: str, env: dict[str, str] | None = None, trace: str = "",
            prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
        command = [*prefix, str(self.program), "--data-dir", str(self.data), *args]
        if trace and self.trace:
            command = [self.trace, "-f", "-qq", "-e", "trace=connect,sendto,sendmsg", "-o", trace, *command]
        done = subprocess.run(command, capture_output=True, text=True, cwd=self.work, env=env or self.env,
                              timeout=TIMEOUT)
        if done.returncode != 0:
            raise Failed(f"exit {done.returncode}: {' '.join(args)}\n{done.stdout}\n{done.stderr}")
        return done

    def no_internet(self, trace: str) -> str:
        """AF_INET/AF_INET6 sockets in a strace log (local X11/D-Bus sockets are AF_UNIX)."""
        if not self.trace:
            return "not traced (no strace)"
        log = Path(trace).read_text(encoding="utf-8", errors="replace")
        if "ptrace" in log and "Operation not permitted" in log:
            return "not traced (ptrace not permitted)"
        hits = [line for line in log.splitlines() if "AF_INET" in line]
        if hits:
            raise Failed("network access:\n" + "\n".join(hits[:10]))
        return "no internet sockets (strace)"

    # -- the steps ------------------------------------------------------------------------------
    def version(self) -> str:
        out = self.run("--version").stdout.strip()
        if "0.0.0+source" in out or not re.search(r"\d+\.\d+", out):
            raise Failed(f"version not read from the package metadata: {out!r}")
        return out

    def demo(self) -> str:
        lines = self.run("demo").stdout.strip().splitlines()
        return f"{len(lines)} lines, e.g. {lines[1] if len(lines) > 1 else lines[0]}"

    def deadline(self) -> str:
        first = self.run("deadline", "2024-09-20").stdout.splitlines()[0].strip()
        if first != "2024-10-23":
            raise Failed(f"deadline 2024-09-20: first line {first!r}, expected 2024-10-23")
        return first

    def closed_case(self) -> tuple[str, int]:
        conn = sqlite3.connect(f"file:{(self.data / 'govinfo.db').as_posix()}?mode=ro", uri=True)
        try:
            row = conn.execute(
                "SELECT case_no, received_on FROM request_cases WHERE status = 'closed' AND reply_type != '' "
                "ORDER BY id LIMIT 1").fetchone()
        finally:
            conn.close()
        if row is None:
            raise Failed("the demo made no closed case with a reply")
        return str(row[0]), int(str(row[1])[:4])

    def letter(self) -> str:
        from docx import Document

        case_no, _year = self.closed_case()
        out = self.work / "答复书.docx"
        trace = str(self.work / "letter.strace")
        self.run("export", "letter", case_no, "--kind", "reply", "-o", str(out), trace=trace)
        text = "\n".join(p.text for p in Document(str(out)).paragraphs)
        if "答复" not in text:
            raise Failed(f"{out.name} has no 答复 in it")
        return f"{case_no}: {len(text)} characters; {self.no_internet(trace)}"

    def register(self) -> str:
        from openpyxl import load_workbook

        case_no, year = self.closed_case()
        out = self.work / "台账.xlsx"
        self.run("export", "register", "requests", "--year", str(year), "-o", str(out))
        book = load_workbook(out, read_only=True)
        try:
            values = [str(v) for row in book.active.iter_rows(values_only=True) for v in row if v is not None]
        finally:
            book.close()
        if case_no not in values:
            raise Failed(f"{out.name} does not list {case_no}")
        return f"{year}: {len(values)} cells, {case_no} listed"

    def gui(self, platform: str = "offscreen") -> str:
        env = dict(self.env, GOVINFO_SMOKE_TEST=DEMO_LOGIN, GOVINFO_SMOKE_SECONDS="3", QT_QPA_PLATFORM=platform)
        prefix: tuple[str, ...] = ()
        trace = ""
        if platform == "xcb":
            prefix = ("xvfb-run", "-a", "-s", "-screen 0 1280x1024x24")
        else:
            trace = str(self.work / "gui.strace")
        done = self.run(env=env, trace=trace, prefix=prefix)
        if MARKER not in done.stdout:
            raise Failed(f"no '{MARKER}' line:\n{done.stdout}\n{done.stderr}")
        # ui/app_setup.py logs a warning when Qt's own Chinese translation (确定/取消) is missing.
        log = (self.data / "logs" / "govinfo.log").read_text(encoding="utf-8")
        if "Qt translation" in log:
            raise Failed("qtbase_zh_CN.qm was not found in the bundle")
        result = f"main window shown and closed ({platform}), Qt translation loaded"
        return f"{result}; {self.no_internet(trace)}" if trace else result


def main(argv: list[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else ROOT / "dist" / "govinfo-desk"
    name = "govinfo-desk-cli.exe" if sys.platform == "win32" else "govinfo-desk"
    program = (folder / name).resolve()
    if not program.exists():
        print(f"没有找到已构建的程序：{program}（先运行 scripts/build_bundle.sh）", file=sys.stderr)
        return 2
    failures = 0
    with tempfile.TemporaryDirectory(prefix="govinfo-smoke-") as tmp:
        check = Check(program, Path(tmp))
        steps: list[tuple[str, Callable[[], str]]] = [
            ("version", check.version),
            ("demo data", check.demo),
            ("deadline", check.deadline),
            ("reply letter", check.letter),
            ("Excel register", check.register),
            ("GUI offscreen", check.gui),
        ]
        if sys.platform.startswith("linux") and shutil.which("xvfb-run"):
            steps.append(("GUI on X11 (Xvfb)", lambda: check.gui("xcb")))
        for label, step in steps:
            try:
                print(f"ok    {label}: {step()}", flush=True)
            except (Failed, subprocess.TimeoutExpired, OSError) as exc:
                failures += 1
                print(f"FAIL  {label}: {exc}", flush=True)
    print("smoke check passed" if not failures else f"smoke check FAILED ({failures} step(s))")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
