"""GOVINFO_SMOKE_TEST (ui/launch.py), which the bundle's smoke check and the start-up benchmark use:
the real launcher signs in through authenticate(), shows the main window, says so and quits."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from app.audit.models import AuditEntry
from app.auth.service import create_first_admin
from app.bootstrap import open_database
from ui.launch import SMOKE_MARKER

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "Smoke@2024"


def _start(data_dir: Path, login: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT), GOVINFO_SMOKE_TEST=login,
               XDG_CONFIG_HOME=str(data_dir / "config"))
    return subprocess.run([sys.executable, "-m", "app", "--data-dir", str(data_dir)], capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=120)


def _with_admin(data_dir: Path) -> None:
    db = open_database(data_dir)
    with db.session_factory.begin() as s:
        create_first_admin(s, "admin", "管理员", PASSWORD)
    db.dispose()


def test_signs_in_shows_the_main_window_and_quits(data_dir: Path) -> None:
    _with_admin(data_dir)
    done = _start(data_dir, f"admin:{PASSWORD}")
    assert done.returncode == 0, done.stderr
    assert SMOKE_MARKER in done.stdout


def test_a_wrong_password_is_refused_and_audited(data_dir: Path) -> None:
    _with_admin(data_dir)
    done = _start(data_dir, "admin:wrong-password")
    assert SMOKE_MARKER not in done.stdout
    assert "sign-in failed" in done.stderr
    db = open_database(data_dir)
    with db.session_factory() as s:
        actions = list(s.scalars(select(AuditEntry.action)))
    db.dispose()
    assert "login_failed" in actions
