"""Start the desktop program: open the database, sign in, show the main window.

`run()` is what `govinfo-desk` (no subcommand) and `python -m app` call. It never lets a
traceback reach the user: the unexpected is logged to <data folder>/logs/govinfo.log and
reported in Chinese.

Smoke test (build_spec/smoke_check.py, bench/run_all.py): with GOVINFO_SMOKE_TEST="user:password"
the launcher signs in without showing the login dialog — through the same `authenticate()`, so a
wrong password still fails and is audited —, prints SMOKE_MARKER once the main window is shown and
closes it GOVINFO_SMOKE_SECONDS (default 0) later. It exists so a built bundle can be started
unattended; it grants nothing a user typing the same password would not get.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import cast

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from sqlalchemy.engine import make_url

from app import paths
from app.attachment_sweep import DamagedAttachmentsFound
from app.auto_backup import run_daily_backup, seconds_until_next_day
from app.bootstrap import Database, load_features, open_database
from app.context import Actor
from app.errors import DatabaseUnreadable, SchemaTooNew, UserError
from app.view_files import clear_view_dir
from ui.app_setup import create_application, install_excepthook, setup_logging
from ui.context import AppContext
from ui.font_size import apply_font_size, saved_font_size
from ui.messages import show_error, show_info
from ui.screen_fit import install_screen_fit
from ui.workers import Progress, run_task, wait_for_all_tasks

log = logging.getLogger("govinfo.ui")

SMOKE_ENV = "GOVINFO_SMOKE_TEST"
SMOKE_SECONDS_ENV = "GOVINFO_SMOKE_SECONDS"
SMOKE_MARKER = "GOVINFO-SMOKE: main window shown"


def smoke_login() -> tuple[str, str] | None:
    """(user name, password) from GOVINFO_SMOKE_TEST="user:password", or None for a normal start."""
    value = os.environ.get(SMOKE_ENV, "")
    if ":" not in value:
        return None
    username, password = value.split(":", 1)
    return username, password


def preload_main_window() -> None:
    """Import what the first main window needs: every feature (its 工作台 provider), the window and its
    first tab. Done while the password is checked, so the two costs overlap instead of adding up
    (bench/run_all.py measures start-up to the window). Cheap once done."""
    load_features()
    import ui.audit_warning
    import ui.dashboard_tab
    import ui.main_window  # noqa: F401


def sqlite_file_for(data_dir: Path, db_url: str | None) -> Path | None:
    """The SQLite file the URL points at (None for a server database or :memory:)."""
    url = make_url(paths.db_url(data_dir, db_url))
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(str(url.database))


class Launcher:
    """The start-up sequence; one instance per process, looping for log-out and restore."""

    def __init__(self, app: QApplication, data_dir: Path, db_url: str | None) -> None:
        self.app = app
        self.data_dir = data_dir
        self.db_url = db_url
        self.backup_note = ""
        self.smoke = smoke_login()
        self.window: QWidget | None = None
        # A PC left running over midnight makes the next day's backup too (issue 13).
        self.backup_timer = QTimer()
        self.backup_timer.setSingleShot(True)

    def run(self) -> int:
        while True:
            db = self.open()
            if db is None:
                return 1
            if db.notice:  # e.g. a server restore that was cut short and has been cleaned up
                show_info(None, QApplication.translate("launch", "请注意"), db.notice, wait=True)
            try:
                self.watch_daily_backup(db)
                outcome, message = self.session(db)
            finally:
                self.stop_daily_backup()
                db.dispose()
            if outcome != "restart":
                return 0
            show_info(None, QApplication.translate("launch", "从备份恢复"), message, wait=True)

    def open(self) -> Database | None:
        """Open the database; offer a restore while it is unreadable. None means: exit."""
        from ui.db_error_dialog import DbErrorDialog

        while True:
            try:
                # The features load during the sign-in (preload_main_window), not before it.
                return open_database(self.data_dir, self.db_url, features=False)
            except SchemaTooNew as exc:
                show_error(None, exc, title=QApplication.translate("launch", "数据库版本过新"), wait=True)
                return None
            except DatabaseUnreadable as exc:
                log.error("Database unreadable: %s", exc)
                dialog = DbErrorDialog(str(exc), self.data_dir, sqlite_file_for(self.data_dir, self.db_url))
                if dialog.exec() != QDialog.DialogCode.Accepted:
                    return None
                if dialog.kept_path is not None:
                    show_info(
                        None, QApplication.translate("launch", "已恢复"),
                        QApplication.translate("launch", "已从备份“{name}”恢复数据库。\n损坏的文件已保留为：\n{kept}")
                        .format(name=dialog.restored_from.name if dialog.restored_from else "", kept=dialog.kept_path),
                        wait=True,
                    )
            except UserError as exc:  # e.g. busy: a message, and no restore offered
                show_error(None, exc, wait=True)
                return None

    def watch_daily_backup(self, db: Database) -> None:
        """Back up (once a day) as soon as the event loop turns — behind the login dialog, or after the
        main window is painted — and again each day after midnight while the program runs."""
        self.backup_timer.timeout.connect(partial(self.start_daily_backup, db))
        self.backup_timer.start(0)

    def stop_daily_backup(self) -> None:
        self.backup_timer.stop()
        self.backup_timer.timeout.disconnect()

    def start_daily_backup(self, db: Database) -> None:
        """Today's automatic backup (audited), off the GUI thread so the login dialog appears at
        once; then the timer waits for the next day."""
        self.backup_timer.start(int(seconds_until_next_day(datetime.now()) * 1000))
        if db.sqlite_path is None:
            return

        def work(_progress: Progress) -> Path | None:
            return run_daily_backup(db)

        def done(path: Path | None) -> None:
            if path is not None:
                log.info("Daily backup written to %s", path)

        def failed(exc: BaseException) -> None:
            # Not worth interrupting the login for; it is logged and shown in the status bar.
            log.error("Daily backup failed", exc_info=exc)
            if isinstance(exc, DamagedAttachmentsFound):  # the backup was made; the check found damage
                self.backup_note = str(exc)
            else:
                self.backup_note = QApplication.translate("launch", "今日自动备份失败：{reason}").format(reason=exc)
            window = self.window
            if window is not None and window.isVisible() and hasattr(window, "statusBar"):
                window.statusBar().showMessage(self.backup_note, 0)

        run_task(None, "", work, done, on_error=failed, show_progress=False)

    def sign_in(self, db: Database) -> Actor | None:
        if self.smoke is not None:
            return self.smoke_sign_in(db, *self.smoke)
        from app.auth.service import has_users
        from ui.first_run_wizard import FirstRunWizard
        from ui.login_dialog import LoginDialog

        with db.reader() as session:
            first_run = not has_users(session)
        if first_run:
            load_features()  # the wizard may fill the demo data: every feature's filler must be there
        else:
            # Loaded while the user types, once the dialog is painted; the window then only waits for the hash.
            QTimer.singleShot(0, preload_main_window)
        dialog: FirstRunWizard | LoginDialog = FirstRunWizard(db) if first_run else LoginDialog(db)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.actor

    def smoke_sign_in(self, db: Database, username: str, password: str) -> Actor | None:
        from sqlalchemy.orm import configure_mappers

        from app.auth.service import authenticate

        outcome: dict[str, object] = {}

        def check() -> None:
            try:
                with db.session_factory.begin() as session:
                    result = authenticate(session, username, password)
                    outcome["actor"] = result.actor if result.ok else None
                    outcome["message"] = result.message
            except BaseException as exc:  # re-raised on the GUI thread below
                outcome["error"] = exc

        # scrypt releases the GIL: the hash runs on its own thread while this one loads the window's
        # modules. The mappers are configured first, so the two threads never configure them at once.
        configure_mappers()
        worker = threading.Thread(target=check, name="sign-in", daemon=True)
        worker.start()
        try:
            preload_main_window()
        finally:
            worker.join()
        if "error" in outcome:
            raise cast(BaseException, outcome["error"])
        actor = cast("Actor | None", outcome["actor"])
        if actor is None:
            print(f"GOVINFO-SMOKE: sign-in failed: {outcome['message']}", file=sys.stderr, flush=True)
        self.smoke = None  # once: after the window closes the launcher must not sign in again
        return actor

    def smoke_shown(self, window: QWidget) -> None:
        # CPU seconds so far: a benchmark on a busy machine compares these, not only wall time.
        print(f"{SMOKE_MARKER} cpu={time.process_time():.3f}", flush=True)
        seconds = float(os.environ.get(SMOKE_SECONDS_ENV) or 0)
        QTimer.singleShot(int(seconds * 1000), window.close)

    def session(self, db: Database) -> tuple[str, str]:
        """Sign in and run main windows until the user quits; ("restart", message) after a restore."""
        while True:
            smoke = self.smoke is not None
            actor = self.sign_in(db)
            if actor is None:
                return "quit", ""
            preload_main_window()  # normally done during the sign-in already
            from ui.main_window import ExitReason, MainWindow

            window = MainWindow(AppContext(db, actor))
            self.window = window
            window.window_closed.connect(self.app.quit)
            if self.backup_note:
                window.statusBar().showMessage(self.backup_note, 20_000)
            window.show()
            from ui.audit_warning import warn_if_tampered

            warn_if_tampered(db, window)
            if smoke:
                # Runs once the event loop has laid out and painted the window.
                QTimer.singleShot(0, partial(self.smoke_shown, window))
            self.app.exec()
            reason, message = window.exit_reason, window.restart_message
            self.window = None
            window.deleteLater()
            if reason is ExitReason.LOGOUT:
                continue
            return ("restart", message) if reason is ExitReason.RESTART else ("quit", "")


def run(data_dir: str | None, db_url: str | None) -> int:
    app = create_application(sys.argv)
    install_screen_fit(app)  # no window opens larger than the screen (1366×768 at 125 %)
    apply_font_size(saved_font_size())  # 界面字号 of this PC, from the login dialog on
    # Windows closing between dialogs must not end the program; the launcher decides when to quit.
    app.setQuitOnLastWindowClosed(False)
    try:
        folder = paths.data_dir(data_dir)
        setup_logging(folder)
    except OSError as exc:
        show_error(None, QApplication.translate("launch", "无法使用数据文件夹：{reason}").format(reason=exc), wait=True)
        return 1
    install_excepthook()
    log.info("Starting with data folder %s", folder)
    _clear_opened_files(folder)  # what an earlier run opened for viewing (e.g. after a crash)
    try:
        return Launcher(app, folder, db_url).run()
    except Exception as exc:
        log.error("Start-up failed", exc_info=exc)
        show_error(None, exc, title=QApplication.translate("launch", "程序无法继续运行"), wait=True, logged=True)
        return 1
    finally:
        wait_for_all_tasks()
        _clear_opened_files(folder)


def _clear_opened_files(folder: Path) -> None:
    """Attachments opened for viewing do not outlive the program (issue 13); one still open in
    another program (locked on Windows) goes at the next start."""
    try:
        left = clear_view_dir(folder)
    except OSError as exc:
        log.warning("Could not clear the opened-files folder: %s", exc)
        return
    if left:
        log.info("%d opened file(s) still in use; removed at the next start", left)
