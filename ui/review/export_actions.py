"""发布审核 outputs from the tab: 打印审核发布单 (the selected post's sheet, opened in Word/WPS to print),
导出稿件登记… (a year's register) and 导出巡检记录… (a month's or a year's inspection log).

Every export is an app/ use case run off the GUI thread by ctx.run(ExportOp(…)): it reads from a read
session and its audit entry is appended once the file exists."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QComboBox, QDialog, QFileDialog, QFormLayout, QWidget
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.review.inspection_export import export_inspections
from app.review.models import Inspection, Post
from app.review.posts import get_post
from app.review.register_export import HEADERS as POST_HEADERS
from app.review.register_export import PRINT_COLUMNS as POST_PRINT_COLUMNS
from app.review.register_export import export_post_register
from app.review.sheet_data import export_review_sheet
from reports.xlsx_print import PrintLayout
from ui.cases import files
from ui.context import AppContext
from ui.messages import show_info
from ui.operations import ExportOp
from ui.print_columns_dialog import remembered_layout
from ui.register_export_flow import ask_register_file, next_cancel_buttons, run_counted_export, with_suffix
from ui.workers import Progress, TaskHandle


class PeriodDialog(QDialog):
    """Choose a year, and for the inspection log a month or 全年."""

    def __init__(self, title: str, years: Sequence[int], year: int, month: int | None, *, with_month: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(340)
        self.year = QComboBox(self)
        self.year.setObjectName("exportYear")
        for y in years:
            self.year.addItem(self.tr("{year} 年").format(year=y), y)
        self.year.setCurrentIndex(max(self.year.findData(year), 0))
        self.month = QComboBox(self)
        self.month.setObjectName("exportMonth")
        self.month.addItem(self.tr("全年"), None)
        for m in range(1, 13):
            self.month.addItem(self.tr("{month} 月").format(month=m), m)
        self.month.setCurrentIndex(max(self.month.findData(month), 0))
        form = QFormLayout(self)
        form.addRow(self.tr("年度："), self.year)
        if with_month:
            form.addRow(self.tr("月份："), self.month)
        form.addRow(next_cancel_buttons(self))

    def chosen(self) -> tuple[int, int | None]:
        month = self.month.currentData()
        return int(self.year.currentData()), None if month is None else int(month)


def _free_path(folder: Path, name: str) -> Path:
    """`name` in `folder`; if an earlier copy is still open in Word (locked on Windows), a numbered name."""
    path = folder / (re.sub(r'[\\/:*?"<>|]', "_", name) or "审核发布单.docx")
    n = 1
    while path.exists():
        with contextlib.suppress(OSError):
            path.unlink()
            break
        n += 1
        path = folder / f"{Path(name).stem}（{n}）{Path(name).suffix}"
    return path


class ReviewExports(QObject):
    """Owns the tab's exports; `task` is the last one started (tests wait for it)."""

    def __init__(self, ctx: AppContext, widget: QWidget) -> None:
        super().__init__(widget)
        self.ctx, self.widget = ctx, widget
        self.task: TaskHandle[Any] | None = None

    def _years(self, *, inspections: bool) -> list[int]:
        """Years that have records, newest first, and always this year."""
        found = {self.ctx.today().year}
        with self.ctx.reader() as s:
            if inspections:
                first, last = s.execute(select(func.min(Inspection.day), func.max(Inspection.day))).one()
                if first is not None and last is not None:
                    found.update(range(first.year, last.year + 1))
            else:  # numbers are "2024-12": the year is the part before the dash
                found.update(int(y) for y in s.scalars(select(func.substr(Post.post_no, 1, 4)).distinct())
                             if str(y).isdigit())
        return sorted(found, reverse=True)

    # -- 打印审核发布单 ------------------------------------------------------------------------
    @Slot(int)
    def print_sheet(self, post_id: int) -> TaskHandle[Any]:
        """Write the sheet to the documents folder and open it in Word/WPS, where the office prints it."""
        ctx = self.ctx

        def work(s: Session, _progress: Progress) -> Path:
            post_no = get_post(s, post_id).post_no
            path = _free_path(files.export_folder(ctx.db.data_dir), f"信息审核发布单_{post_no}.docx")
            return export_review_sheet(s, ctx.actor, post_id, path)

        def done(path: Path) -> None:
            if not files.opener(path):
                show_info(self.widget, self.tr("打印审核发布单"),
                          self.tr("审核发布单已生成，请用 Word 或 WPS 打开后打印：\n{path}").format(path=path))

        self.task = ctx.run(ExportOp(work, on_done=done, parent=self.widget, title=self.tr("打印审核发布单"),
                                     cancellable=False))
        return self.task

    # -- 导出稿件登记 --------------------------------------------------------------------------
    @Slot()
    def register_dialog(self) -> None:
        years = self._years(inspections=False)
        choice = PeriodDialog(self.tr("导出稿件登记台账"), years, years[0], None, with_month=False,
                              parent=self.widget)
        if choice.exec() != QDialog.DialogCode.Accepted:
            return
        year, _ = choice.chosen()
        chosen = ask_register_file(self.widget, self.tr("导出稿件登记"),
                                   self.tr("稿件登记台账_{year}.xlsx").format(year=year), "posts",
                                   self.tr("稿件登记台账"), POST_HEADERS, POST_PRINT_COLUMNS)
        if chosen:
            self.export_register(chosen[0], year, chosen[1])

    def export_register(self, path: Path, year: int, layout: PrintLayout | None = None) -> TaskHandle[Any]:
        ctx = self.ctx
        layout = layout or remembered_layout("posts", POST_HEADERS, POST_PRINT_COLUMNS)
        self.task = run_counted_export(
            ctx, self.widget, self.tr("导出稿件登记"), self.tr("正在导出稿件登记台账…"),
            lambda s, progress, cancel: export_post_register(s, ctx.actor, path, year, progress=progress,
                                                             cancel=cancel, layout=layout),
            lambda n: self.tr("已导出 {year} 年的稿件 {n} 篇到：\n{path}").format(year=year, n=n, path=path))
        return self.task

    # -- 导出巡检记录 --------------------------------------------------------------------------
    def inspections_dialog(self, year: int, month: int | None) -> None:
        years = self._years(inspections=True)
        choice = PeriodDialog(self.tr("导出日常巡检记录"), years, year, month, with_month=True, parent=self.widget)
        if choice.exec() != QDialog.DialogCode.Accepted:
            return
        year, month = choice.chosen()
        scope = f"{year}" + (f"-{month:02d}" if month else "")
        default = str(Path.home() / self.tr("日常巡检记录_{scope}.xlsx").format(scope=scope))
        name, _ = QFileDialog.getSaveFileName(self.widget, self.tr("导出巡检记录"), default,
                                              self.tr("Excel 文件 (*.xlsx)"))
        if name:
            self.export_inspections(with_suffix(name, ".xlsx"), year, month)

    def export_inspections(self, path: Path, year: int, month: int | None) -> TaskHandle[Any]:
        ctx = self.ctx
        scope = self.tr("{y} 年 {m} 月").format(y=year, m=month) if month else self.tr("{y} 年").format(y=year)
        self.task = run_counted_export(
            ctx, self.widget, self.tr("导出巡检记录"), self.tr("正在导出日常巡检记录…"),
            lambda s, progress, cancel: export_inspections(s, ctx.actor, path, year, month, progress=progress,
                                                           cancel=cancel),
            lambda n: self.tr("已导出{scope}的日常巡检记录 {n} 条到：\n{path}").format(scope=scope, n=n, path=path))
        return self.task
