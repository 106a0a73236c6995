"""导出 Word… / 导出 Excel… of the annual report: computed and written off the GUI thread, then audited."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from app.annual.service import ReportData, compute
from app.audit.service import record
from reports.annual_report_docx import write_annual_docx
from reports.annual_report_xlsx import write_annual_xlsx
from ui.annual import prompts
from ui.context import AppContext
from ui.messages import show_error, show_info
from ui.workers import Progress, TaskHandle, run_task

if TYPE_CHECKING:
    from ui.annual.report_page import ReportPage

Writer = Callable[[ReportData, Path], Path]


class ReportExport(QObject):
    def __init__(self, ctx: AppContext, page: ReportPage) -> None:
        super().__init__(page)
        self.ctx = ctx
        self.page = page
        self.task: TaskHandle[Any] | None = None

    def export_word(self, path: Path | None = None) -> TaskHandle[Any] | None:
        return self._export(path, "docx", self.tr("Word 文档 (*.docx)"), write_annual_docx)

    def export_excel(self, path: Path | None = None) -> TaskHandle[Any] | None:
        return self._export(path, "xlsx", self.tr("Excel 文件 (*.xlsx)"), write_annual_xlsx)

    def _ask_path(self, suffix: str, filters: str) -> Path | None:
        loaded = self.page.loaded
        name = loaded.data.title if loaded else self.tr("{year}年政府信息公开工作年度报告").format(
            year=self.page.current_year)
        chosen = prompts.save_file(self.page, self.tr("导出年度报告"), str(Path.home() / f"{name}.{suffix}"), filters)
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix.lower() == f".{suffix}" else path.with_name(f"{path.name}.{suffix}")

    def _export(self, path: Path | None, suffix: str, filters: str, writer: Writer) -> TaskHandle[Any] | None:
        title = self.tr("导出年度报告")
        if self.page.texts.is_dirty():
            # The file is written from the saved text; exporting silently without the edits would mislead.
            show_error(self.page, self.tr("报告文字有未保存的修改，请先保存后再导出。"), title=title)
            return None
        part1, part5, _part6 = self.page.texts.texts()
        if suffix == "docx" and not (part1.strip() and part5.strip()) and not prompts.ask(
                self.page, title, self.tr("第一部分或第五部分的文字尚未填写，Word 文件中这些部分将是一句提示，"
                                          "不能直接发布。仍要导出吗？")):
            return None
        path = path or self._ask_path(suffix, filters)
        if path is None:
            return None
        ctx, year = self.ctx, self.page.current_year
        kind = "Word" if suffix == "docx" else "Excel"

        def work(progress: Progress) -> tuple[Path, list[str]]:
            progress.report(0, 0, self.tr("正在计算 {year} 年度报告…").format(year=year))
            with ctx.reader() as session:
                data = compute(session, year)
            progress.check()
            progress.report(0, 0, self.tr("正在写入“{name}”…").format(name=path.name))
            written = writer(data, path)
            with ctx.unit_of_work() as session:  # audited only once the file really exists
                record(session, ctx.actor, "export", "annual_report", year, after={"文件": str(written)},
                       summary=f"导出 {year} 年度报告（{kind}）")
            return written, [c.name for c in data.checks if not c.ok]

        def done(result: tuple[Path, list[str]]) -> None:
            written, failed = result
            text = self.tr("已导出到：\n{path}").format(path=written)
            if failed:
                text += self.tr("\n\n注意：以下校验未通过，发布前请先改正：\n{names}").format(names="\n".join(failed))
            show_info(self.page, title, text)

        self.task = run_task(self.page, title, work, on_done=done)
        return self.task
