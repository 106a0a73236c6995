"""导出台账… and 导出目录…: choose the year (and for the catalogue Excel or Word), then the file;
the export runs off the GUI thread with progress and cancel (ctx.run(ExportOp(…)))."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QRadioButton,
    QWidget,
)

from app.disclosure.catalogue import export_catalogue
from app.disclosure.register_export import HEADERS, PRINT_COLUMNS, export_register
from reports.xlsx_print import PrintLayout
from ui.context import AppContext
from ui.print_columns_dialog import remembered_layout
from ui.register_export_flow import ask_register_file, next_cancel_buttons, run_counted_export, with_suffix
from ui.workers import TaskHandle


class ExportChoiceDialog(QDialog):
    """The year of a register, or the cut-off year and the format of the catalogue."""

    def __init__(self, title: str, years: Sequence[int], year: int | None, *, catalogue: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.setWindowTitle(title)
        self.setMinimumWidth(380)
        self._build(years, year)
        self._lay_out()

    # -- build / lay out (the buttons connect themselves: next_cancel_buttons) -----------------
    def _build(self, years: Sequence[int], year: int | None) -> None:
        self.year = QComboBox(self)
        self.year.setObjectName("exportYear")
        if self.catalogue:
            self.year.addItem(self.tr("全部（截至今天）"), None)
        for y in years:
            self.year.addItem(self.tr("截至 {year} 年底").format(year=y) if self.catalogue
                              else self.tr("{year} 年").format(year=y), y)
        self.year.setCurrentIndex(max(self.year.findData(year), 0))
        self.excel = QRadioButton(self.tr("Excel 表格（.xlsx）"), self)
        self.word = QRadioButton(self.tr("Word 文档（.docx，公文格式）"), self)
        self.word.setChecked(True)
        self.format_group = QButtonGroup(self)
        self.format_group.addButton(self.excel)
        self.format_group.addButton(self.word)
        if not self.catalogue:  # a register is always Excel
            self.excel.setChecked(True)
            self.excel.hide()
            self.word.hide()
        self.buttons = next_cancel_buttons(self)

    def _lay_out(self) -> None:
        form = QFormLayout(self)
        form.addRow(self.tr("范围：") if self.catalogue else self.tr("年度："), self.year)
        if self.catalogue:
            formats = QHBoxLayout()
            formats.addWidget(self.word)
            formats.addWidget(self.excel)
            form.addRow(self.tr("格式："), formats)
        form.addRow(self.buttons)

    def chosen_year(self) -> int | None:
        data = self.year.currentData()
        return None if data is None else int(data)

    def suffix(self) -> str:
        return ".docx" if self.word.isChecked() else ".xlsx"


class ExportActions(QObject):
    """Owns the two exports of the tab; `years()` and `year()` give the list's years and filter."""

    def __init__(self, ctx: AppContext, widget: QWidget, years: Callable[[], Sequence[int]],
                 year: Callable[[], int | None]) -> None:
        super().__init__(widget)
        self.ctx, self.widget, self.years, self.year = ctx, widget, years, year
        self.task: TaskHandle[Any] | None = None

    def _years(self) -> list[int]:
        return sorted({*self.years(), self.ctx.today().year}, reverse=True)

    @Slot()
    def register_dialog(self) -> None:
        choice = ExportChoiceDialog(self.tr("导出主动公开事项登记台账"), self._years(),
                                    self.year() or self.ctx.today().year, catalogue=False, parent=self.widget)
        if choice.exec() != QDialog.DialogCode.Accepted:
            return
        year = choice.chosen_year() or self.ctx.today().year
        chosen = ask_register_file(self.widget, self.tr("导出台账"),
                                   self.tr("主动公开事项登记台账_{year}.xlsx").format(year=year), "disclosures",
                                   self.tr("主动公开事项登记台账"), HEADERS, PRINT_COLUMNS)
        if chosen:
            self.export_register(chosen[0], year, chosen[1])

    @Slot()
    def catalogue_dialog(self) -> None:
        choice = ExportChoiceDialog(self.tr("导出政府信息公开目录"), self._years(), self.year(), catalogue=True,
                                    parent=self.widget)
        if choice.exec() != QDialog.DialogCode.Accepted:
            return
        year, suffix = choice.chosen_year(), choice.suffix()
        stem = self.tr("政府信息公开目录") + (f"_{year}" if year else "")
        kinds = self.tr("Word 文档 (*.docx)") if suffix == ".docx" else self.tr("Excel 文件 (*.xlsx)")
        name, _ = QFileDialog.getSaveFileName(self.widget, self.tr("导出目录"), str(Path.home() / (stem + suffix)),
                                              kinds)
        if name:
            self.export_catalogue(with_suffix(name, suffix), year)

    def export_register(self, path: Path, year: int, layout: PrintLayout | None = None) -> TaskHandle[Any]:
        ctx = self.ctx
        layout = layout or remembered_layout("disclosures", HEADERS, PRINT_COLUMNS)
        self.task = run_counted_export(
            ctx, self.widget, self.tr("导出台账"), self.tr("正在导出台账…"),
            lambda s, progress, cancel: export_register(s, ctx.actor, path, year, progress=progress, cancel=cancel,
                                                        layout=layout),
            lambda n: self.tr("已导出 {year} 年的主动公开事项 {n} 条到：\n{path}").format(year=year, n=n, path=path))
        return self.task

    def export_catalogue(self, path: Path, year: int | None) -> TaskHandle[Any]:
        ctx = self.ctx
        self.task = run_counted_export(
            ctx, self.widget, self.tr("导出目录"), self.tr("正在生成政府信息公开目录…"),
            lambda s, progress, cancel: export_catalogue(s, ctx.actor, path, year=year, today=ctx.today(),
                                                         progress=progress, cancel=cancel),
            lambda n: self.tr("政府信息公开目录已导出（{n} 条）到：\n{path}").format(n=n, path=path))
        return self.task
