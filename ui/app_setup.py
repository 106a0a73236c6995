"""The QApplication: names, Qt's own Chinese translations, a CJK font, logging of the unexpected."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Sequence
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

APP_NAME = "政务公开工作台"
ORG_NAME = "GovInfoDesk"
PREFERRED_FONTS = ("Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Source Han Sans SC")
FONT_POINT_SIZE = 10
LOG_FILE_NAME = "govinfo.log"

log = logging.getLogger("govinfo.ui")


def create_application(argv: Sequence[str] | None = None) -> QApplication:
    """Return the running QApplication, creating and configuring it on first call."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        configure_application(existing)
        return existing
    app = QApplication(list(argv if argv is not None else sys.argv))
    configure_application(app)
    return app


def configure_application(app: QApplication) -> None:
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    install_translators(app)
    from ui.keyboard import install_keyboard_policy

    install_keyboard_policy(app)
    family = preferred_font_family()
    if family:
        font = QFont(family, FONT_POINT_SIZE)
        app.setFont(font)


def install_translators(app: QCoreApplication) -> list[QTranslator]:
    """Load qtbase_zh_CN so standard buttons and dialogs read 确定/取消. Idempotent."""
    loaded: list[QTranslator] | None = getattr(app, "_govinfo_translators", None)
    if loaded is not None:
        return loaded
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    from ui.qt_gaps import QtGapsTranslator

    # Installed first so that Qt's own catalogue, asked before it, wins wherever it has a text.
    gaps = QtGapsTranslator(app)
    app.installTranslator(gaps)
    loaded = [gaps]
    for name in ("qtbase_zh_CN",):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            loaded.append(translator)
        else:
            log.warning("Qt translation %s not found in %s", name, folder)
    # Translators must outlive this call; keeping them on the app also makes the call idempotent.
    app._govinfo_translators = loaded  # type: ignore[attr-defined]
    return loaded


def preferred_font_family() -> str | None:
    """The first installed font of PREFERRED_FONTS; None leaves Qt's default (which may lack CJK)."""
    available = set(QFontDatabase.families())
    for family in PREFERRED_FONTS:
        if family in available:
            return family
    return None


def setup_logging(data_dir: Path) -> Path:
    """Log to <data folder>/logs/govinfo.log, rotating so an office PC never fills its disk."""
    folder = data_dir / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_FILE_NAME
    root = logging.getLogger()
    if not any(isinstance(h, RotatingFileHandler) and Path(h.baseFilename) == path for h in root.handlers):
        handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def install_excepthook() -> None:
    """An exception escaping a slot is logged and shown as a Chinese message, never a traceback."""

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        log.error("Unhandled exception:\n%s", "".join(traceback.format_exception(exc_type, exc, tb)))
        from ui.messages import show_error

        try:
            show_error(QApplication.activeWindow(), exc, logged=True)
        except Exception:  # the report itself must never raise inside the hook
            log.exception("Could not show the error message")

    sys.excepthook = hook
