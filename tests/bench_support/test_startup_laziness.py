"""What a start does not load until it is needed (bench/run_all.py's start-up figure depends on it).

Each check runs in a fresh interpreter, so modules other tests imported do not hide a regression.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from app.auth.service import create_first_admin
from app.bootstrap import open_database
from ui.launch import SMOKE_MARKER

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "Lazy@2024"
# The tabs other than the 工作台, and what only the features bring (their hooks and services).
TAB_MODULES = ("ui.review.tab", "ui.disclosure.tab", "ui.cases.tab", "ui.annual.tab", "ui.admin.tab")
FEATURE_MODULES = ("app.features", "app.cases.hooks", "app.review.hooks", "app.disclosure.hooks",
                   "app.guide.hooks", "app.website.hooks")


def _run(code: str, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    full_env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT), **env)
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=full_env,
                          cwd=ROOT, timeout=120)


def _loaded(output: str, label: str) -> set[str]:
    line = next(ln for ln in output.splitlines() if ln.startswith(label + " "))
    return {m for m in line[len(label) + 1:].split(",") if m}


def test_importing_the_main_window_loads_no_tab_and_no_feature() -> None:
    done = _run("import sys, ui.main_window, ui.launch\n"
                "print('LOADED ' + ','.join(m for m in sys.argv[1:] if m in sys.modules))",
                *TAB_MODULES, *FEATURE_MODULES)
    assert done.returncode == 0, done.stderr
    assert _loaded(done.stdout, "LOADED") == set()


def test_the_desktop_opens_the_database_without_the_features_and_loads_them_for_the_window(data_dir: Path) -> None:
    code = """
import sys
from app.bootstrap import load_features, open_database
from app.dashboard import _PROVIDERS
db = open_database(sys.argv[1], features=False)
print("OPENED " + ",".join(m for m in sys.argv[2:] if m in sys.modules))
load_features()
print("LOADED " + ",".join(m for m in sys.argv[2:] if m in sys.modules))
print("PROVIDERS " + ",".join(sorted(_PROVIDERS)))
db.dispose()
"""
    done = _run(code, str(data_dir), *FEATURE_MODULES)
    assert done.returncode == 0, done.stderr
    assert _loaded(done.stdout, "OPENED") == set()
    assert _loaded(done.stdout, "LOADED") == set(FEATURE_MODULES)
    assert _loaded(done.stdout, "PROVIDERS") == {"cases", "review", "disclosure", "guide", "website"}


# The real launcher, signed in by the smoke start: when the window is shown, only the 工作台's module is
# loaded; choosing 依申请公开 loads that tab's module, and only it.
SIGNED_IN = """
import sys
from PySide6.QtCore import QTimer
import ui.launch as launch

tabs = sys.argv[2:]
def shown(self, window):
    print("SHOWN " + ",".join(m for m in tabs if m in sys.modules), flush=True)
    window.tabs.setCurrentIndex(window.tab_titles().index("依申请公开"))
    print("AFTER " + ",".join(m for m in tabs if m in sys.modules), flush=True)
    print("DASHBOARD " + ",".join(m for m in ("ui.dashboard_tab", "app.features") if m in sys.modules), flush=True)
    QTimer.singleShot(0, window.close)
launch.Launcher.smoke_shown = shown
from app.cli import main
raise SystemExit(main(["--data-dir", sys.argv[1]]))
"""


def test_a_tab_module_loads_when_the_tab_is_first_shown(data_dir: Path) -> None:
    db = open_database(data_dir)
    with db.session_factory.begin() as s:
        create_first_admin(s, "admin", "管理员", PASSWORD)
    db.dispose()
    done = _run(SIGNED_IN, str(data_dir), *TAB_MODULES, GOVINFO_SMOKE_TEST=f"admin:{PASSWORD}",
                XDG_CONFIG_HOME=str(data_dir / "config"))
    assert done.returncode == 0, done.stderr
    assert _loaded(done.stdout, "SHOWN") == set(), done.stdout
    assert _loaded(done.stdout, "AFTER") == {"ui.cases.tab"}
    assert _loaded(done.stdout, "DASHBOARD") == {"ui.dashboard_tab", "app.features"}
    assert SMOKE_MARKER not in done.stdout  # the probe replaced the marker: it really ran this code


def test_a_plain_start_reads_its_options_without_the_command_modules() -> None:
    code = """
import sys
import ui.launch
ui.launch.run = lambda data_dir, db_url: print(f"GUI {data_dir} {db_url}") or 0
from app.cli import COMMAND_MODULES, main
main(["--data-dir", "/tmp/x", "--db=sqlite:///y.db"])
print("LOADED " + ",".join(m for m in COMMAND_MODULES if m in sys.modules))
"""
    done = _run(code)
    assert done.returncode == 0, done.stderr
    assert "GUI /tmp/x sqlite:///y.db" in done.stdout
    assert _loaded(done.stdout, "LOADED") == set()
    # Anything else still goes through the full parser: a subcommand, or a mistake it explains.
    wrong = _run("from app.cli import main; main(['--data-dir'])")
    assert wrong.returncode == 2 and "--data-dir" in wrong.stderr
