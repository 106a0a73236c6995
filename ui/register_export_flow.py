"""What the tabs' exports share: asking for the register's file and its print columns, and running
an app/ export use case with progress, cancel and a closing message (ctx.run(ExportOp(…)))."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QWidget
from sqlalchemy.orm import Session

from reports.xlsx_print import PrintLayout
from ui.context import AppContext
from ui.messages import show_info
from ui.operations import ExportOp
from ui.print_columns_dialog import PrintColumnsDialog
from ui.translate import translator
from ui.workers import Progress, TaskHandle

# An export use case called with the session and the progress and cancel callbacks; returns the count.
CountedExport = Callable[[Session, Callable[[int, int], None], Callable[[], bool]], int]


_tr = translator("RegisterExport")


def with_suffix(name: str, suffix: str) -> Path:
    """The chosen file name, with `suffix` added when the user left it out."""
    return Path(name if name.lower().endswith(suffix) else name + suffix)


def ask_register_file(widget: QWidget, title: str, default_name: str, layout_key: str, sheet_title: str,
                      headers: Sequence[str], print_columns: Sequence[str]) -> tuple[Path, PrintLayout] | None:
    """The .xlsx to write and the columns for paper; None when the user cancels either question."""
    name, _ = QFileDialog.getSaveFileName(widget, title, str(Path.home() / default_name), _tr("Excel 文件 (*.xlsx)"))
    if not name:
        return None
    columns = PrintColumnsDialog(layout_key, sheet_title, headers, print_columns, parent=widget)
    if columns.exec() != QDialog.DialogCode.Accepted:
        return None
    return with_suffix(name, ".xlsx"), columns.chosen()


def run_counted_export(ctx: AppContext, widget: QWidget, title: str, text: str, export: CountedExport,
                       message: Callable[[int], str]) -> TaskHandle[Any]:
    """Run `export` off the GUI thread under a progress dialog titled `title` showing `text`; on
    success tell the user `message(count)`."""

    def work(s: Session, progress: Progress) -> int:
        return export(s, lambda done, total: progress.report(done, total, text), lambda: progress.cancelled)

    def done(n: int) -> None:
        show_info(widget, title, message(n))

    return ctx.run(ExportOp(work, on_done=done, parent=widget, title=title))


def next_cancel_buttons(dialog: QDialog) -> QDialogButtonBox:
    """下一步… / 取消 for a dialog that asks the first of several questions before an export."""
    buttons = QDialogButtonBox(dialog)
    buttons.addButton(_tr("下一步…"), QDialogButtonBox.ButtonRole.AcceptRole)
    buttons.addButton(_tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons
