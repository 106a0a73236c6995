"""Start-up never loads python-docx, openpyxl or pyahocorasick: they load when first used (issue 8).

The import chain of a start is checked in a fresh interpreter, so modules other tests imported do
not hide a regression (a feature's demo module importing reports.docx_layout at the top, say).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("docx", "openpyxl", "ahocorasick", "pypdfium2", "pikepdf", "PIL", "lxml", "rapidocr_onnxruntime")

# What `govinfo-desk` imports before the main window is shown (see app/cli.py and ui/launch.py).
START_UP = """
import sys
from app.cli import build_parser
build_parser()
import app.bootstrap, app.features, ui.launch, ui.main_window, ui.dashboard_tab
print(",".join(sorted({m.split(".")[0] for m in sys.modules} & set(sys.argv[1:]))))
"""


def test_start_up_imports_no_heavy_module() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", START_UP, *HEAVY], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "", f"loaded at start-up: {done.stdout.strip()}"
