"""Choose which register columns go on paper, and the paper size; remembered on this PC.

A register workbook opens on its print sheet (reports.xlsx_print); this dialog, shown after the
file name in every register export, picks that sheet's columns. The choice is per register and
per PC (QSettings), like window sizes: each clerk prints on their own printer.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSettings, Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reports.xlsx_print import PAPERS, PrintLayout
from ui.dialog_parts import ok_cancel_buttons

__all__ = ["PrintColumnsDialog", "remembered_layout"]

_PAPER_LABELS = {"A4": "A4 横向", "A3": "A3 横向"}


def _keys(register: str) -> tuple[str, str]:
    return f"print/{register}/columns", f"print/{register}/paper"


def remembered_layout(register: str, headers: Sequence[str], default: Sequence[str],
                      settings: QSettings | None = None) -> PrintLayout:
    """The columns and paper last chosen for `register` on this PC (the default the first time);
    columns a newer version no longer has are dropped."""
    store = settings if settings is not None else QSettings()
    columns_key, paper_key = _keys(register)
    stored = store.value(columns_key)
    if isinstance(stored, str):  # an ini file returns a one-item list as its item
        stored = [stored]
    chosen = [str(h) for h in stored] if isinstance(stored, list) else list(default)
    columns = tuple(h for h in headers if h in chosen) or tuple(default)
    paper = str(store.value(paper_key, "A4"))
    return PrintLayout(columns, paper if paper in PAPERS else "A4")


class PrintColumnsDialog(QDialog):
    """Tick the columns of the print sheet; OK stays off while none is ticked."""

    def __init__(self, register: str, title: str, headers: Sequence[str], default: Sequence[str],
                 settings: QSettings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("打印哪些列 — {title}").format(title=title))
        self.register = register
        self.headers = tuple(headers)
        self.default = tuple(default)
        self.settings = settings if settings is not None else QSettings()
        self._build(remembered_layout(register, headers, default, self.settings))
        self._lay_out()
        self._connect()
        self.resize(420, 520)  # fits 1366×768
        self._update()

    def _build(self, current: PrintLayout) -> None:
        self.explain = QLabel(self.tr(
            "导出的工作簿第一张表是打印用表，只含下面勾选的列（字号不小于 9 磅，长文字自动换行）；"
            "第二张表保留全部列，供查询和导入。"), self)
        self.explain.setWordWrap(True)
        self.columns = QListWidget(self)
        self.columns.setObjectName("printColumns")
        for header in self.headers:
            item = QListWidgetItem(header, self.columns)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if header in current.columns else Qt.CheckState.Unchecked)
        self.columns.setMinimumHeight(260)
        self.paper = QComboBox(self)
        self.paper.setObjectName("printPaper")
        for code in PAPERS:
            self.paper.addItem(self.tr(_PAPER_LABELS.get(code, code)), code)
        self.paper.setCurrentIndex(max(0, self.paper.findData(current.paper)))
        self.buttons = ok_cancel_buttons(self)
        self.restore_button = QPushButton(self.tr("恢复默认列"), self)
        self.restore_button.setObjectName("restorePrintColumns")
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ResetRole)

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("纸张"), self.paper)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        layout.addWidget(self.columns, 1)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def _connect(self) -> None:
        self.restore_button.clicked.connect(self._restore)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.columns.itemChanged.connect(self._update)

    def chosen(self) -> PrintLayout:
        columns = tuple(self.columns.item(i).text() for i in range(self.columns.count())
                        if self.columns.item(i).checkState() == Qt.CheckState.Checked)
        return PrintLayout(columns, str(self.paper.currentData()))

    @Slot()
    def _update(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(any(self.columns.item(i).checkState() == Qt.CheckState.Checked
                          for i in range(self.columns.count())))

    @Slot()
    def _restore(self) -> None:
        for i in range(self.columns.count()):
            item = self.columns.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.text() in self.default else Qt.CheckState.Unchecked)

    def accept(self) -> None:
        layout = self.chosen()
        if not layout.columns:
            return
        columns_key, paper_key = _keys(self.register)
        self.settings.setValue(columns_key, list(layout.columns))
        self.settings.setValue(paper_key, layout.paper)
        super().accept()
