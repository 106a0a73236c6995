"""导出 Word… / 导出 Excel… of the annual report: computed and written off the GUI thread, then audited."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from sqlalchemy.orm import Session

from app.annual.report_export import Prepared, check_export, export_annual_report, year_ended
from ui.annual import prompts
from ui.context import AppContext
from ui.messages import show_error, show_info
from ui.operations import ExportOp, precheck
from ui.workers import Progress, TaskHandle

if TYPE_CHECKING:
    from ui.annual.report_page import ReportPage

class ReportExport(QObject):
    def __init__(self, ctx: AppContext, page: ReportPage) -> None:
        super().__init__(page)
        self.ctx = ctx
        self.page = page
        self.task: TaskHandle[Any] | None = None

    def export_word(self, path: Path | None = None) -> TaskHandle[Any] | None:
        return self._export(path, "docx", self.tr("Word 文档 (*.docx)"))

    def export_excel(self, path: Path | None = None) -> TaskHandle[Any] | None:
        return self._export(path, "xlsx", self.tr("Excel 文件 (*.xlsx)"))

    def _ask_path(self, suffix: str, filters: str) -> Path | None:
        loaded = self.page.loaded
        name = loaded.data.title if loaded else self.tr("{year}年政府信息公开工作年度报告").format(
            year=self.page.current_year)
        chosen = prompts.save_file(self.page, self.tr("导出年度报告"), str(Path.home() / f"{name}.{suffix}"), filters)
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix.lower() == f".{suffix}" else path.with_name(f"{path.name}.{suffix}")

    def _export(self, path: Path | None, suffix: str, filters: str) -> TaskHandle[Any] | None:
        title = self.tr("导出年度报告")
        if self.page.texts.is_dirty():
            # The file is written from the saved text; exporting silently without the edits would mislead.
            show_error(self.page, self.tr("报告文字有未保存的修改，请先保存后再导出。"), title=title)
            return None
        ctx, year = self.ctx, self.page.current_year
        part1, part5, _part6 = self.page.texts.texts()
        # The export's own refusals (role, empty parts), before the clerk is asked anything.
        if not precheck(lambda: check_export(ctx.actor, year, part1, part5), parent=self.page, title=title):
            return None
        today = self.page.today()  # the page's day (tests and demonstrations set it), not the machine's
        final = year_ended(year, today) or prompts.ask(self.page, self.tr("作为正式稿导出？"), self.tr(
            "{year} 年尚未结束，报告中的数字还会变化。\n\n选“确定”：作为正式稿导出（不标“草稿”）；\n"
            "选“取消”：导出的文件标明“草稿”及数据截止日期。").format(year=year))
        path = path or self._ask_path(suffix, filters)
        if path is None:
            return None

        def work(session: Session, progress: Progress) -> tuple[Path, Prepared]:
            def step(text: str) -> None:
                progress.check()
                progress.report(0, 0, text)

            return export_annual_report(session, ctx.actor, year, path, final=final, today=today, step=step)

        def done(result: tuple[Path, Prepared]) -> None:
            written, prepared = result
            text = self.tr("已导出到：\n{path}").format(path=written)
            if prepared.draft:
                text += self.tr("\n\n该年度尚未结束，文件已标明“草稿”。")
            failed = [c.name for c in prepared.data.checks if not c.ok]
            if failed:
                text += self.tr("\n\n注意：以下校验未通过，发布前请先改正：\n{names}").format(names="\n".join(failed))
            show_info(self.page, title, text)

        self.task = ctx.run(ExportOp(work, on_done=done, parent=self.page, title=title))
        return self.task
