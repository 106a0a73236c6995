"""公开指南: export the 政府信息公开指南 and the 申请表 from the settings, mark an edition published.

The export runs off the GUI thread (app.guide.service, the same use case as the command line);
the page shows which edition is published and whether the settings changed since.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from app.changes import Changes, RecordKind
from app.guide.publish import mark_published
from app.guide.service import EditionRow, GuideStatus, export_guide, export_request_form, guide_status
from app.paths import templates_dir
from ui.annual import prompts
from ui.annual.guide_publish_dialog import GuidePublishDialog
from ui.context import AppContext
from ui.messages import show_info
from ui.operations import ExportOp, Op, announce
from ui.style import Sheet, apply_style
from ui.workers import Progress, TaskHandle

WATCHED_KINDS = (RecordKind.SETTINGS, RecordKind.DISCLOSURE, RecordKind.GUIDE)


def edition_text(row: EditionRow) -> str:
    return f"{row.exported_on.isoformat()}版（{row.exported_by}导出）"


class GuidePage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 today: Callable[[], date] = date.today) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._today = today
        self.status: GuideStatus | None = None
        self.task: TaskHandle[Any] | None = None
        self.publish_dialog: GuidePublishDialog | None = None
        self._build()
        self._lay_out()
        self._connect()
        self.reload()

    def _build(self) -> None:
        self.page_title = QLabel(self.tr("政府信息公开指南"), self)
        self.page_title.setObjectName("pageTitle")
        self.hint = QLabel(self.tr(
            "指南按条例第十二条编制：主动公开的范围、渠道和时限，受理机构的地址、办公时间、电话、传真、电子邮箱，"
            "已开通的申请渠道，申请、办理、收费和救济。"
            "这些信息取自“系统设置 → 系统参数”的机关信息、公开指南和救济途径；"
            "文字可在数据文件夹 templates 中的“政府信息公开指南.docx”“政府信息公开申请表.docx”里修改。"), self)
        self.hint.setObjectName("pageHint")
        self.hint.setWordWrap(True)
        self.box = QGroupBox(self.tr("发布情况"), self)
        self.published_label = QLabel(self.box)
        self.latest_label = QLabel(self.box)
        self.warning_label = QLabel(self.box)
        self.warning_label.setObjectName("warning")
        apply_style(self.warning_label, Sheet.ERROR)
        for label in (self.published_label, self.latest_label, self.warning_label):
            label.setWordWrap(True)
        self.export_button = QPushButton(self.tr("导出公开指南…"), self)
        self.form_button = QPushButton(self.tr("导出申请表…"), self)
        self.publish_button = QPushButton(self.tr("标记为已发布…"), self)
        self.publish_button.setToolTip(self.tr("指南发布到门户网站后，记录发布日期"))

    def _lay_out(self) -> None:
        box_layout = QVBoxLayout(self.box)
        box_layout.addWidget(self.published_label)
        box_layout.addWidget(self.latest_label)
        box_layout.addWidget(self.warning_label)
        bar = QHBoxLayout()
        bar.addWidget(self.export_button)
        bar.addWidget(self.form_button)
        bar.addWidget(self.publish_button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.page_title)
        layout.addWidget(self.hint)
        layout.addWidget(self.box)
        layout.addLayout(bar)
        layout.addStretch(1)

    def _connect(self) -> None:
        self.export_button.clicked.connect(lambda: self.export_guide())
        self.form_button.clicked.connect(lambda: self.export_form())
        self.publish_button.clicked.connect(self.open_publish_dialog)
        self.ctx.events.changed.connect(self._on_changed)

    # --- state ----------------------------------------------------------------------------
    @Slot(object)
    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(*WATCHED_KINDS):
            self.reload()

    @Slot()
    def reload(self) -> None:
        with self.ctx.reader() as s:
            self.status = guide_status(s)
        published, latest = self.status.published, self.status.latest
        if published is None:
            self.published_label.setText(self.tr("尚未标记发布任何一版指南。"))
        else:
            assert published.published_on is not None
            text = self.tr("已发布：{edition}，{day} 发布").format(
                edition=edition_text(published), day=published.published_on.isoformat())
            if published.disclosure_item_no:
                text += self.tr("，主动公开事项 {no}").format(no=published.disclosure_item_no)
            self.published_label.setText(text + "。")
        self.latest_label.setText(
            self.tr("最近导出：{edition}。").format(edition=edition_text(latest)) if latest else
            self.tr("尚未导出过指南。"))
        warnings = []
        if self.status.stale and published is not None:
            warnings.append(self.tr("已发布的指南已过期：发布后系统参数“{names}”已修改。请重新导出，发布到门户网站后标记为已发布。")
                            .format(names="”“".join(published.changed)))
        if latest is not None and latest.changed and latest.published_on is None:
            warnings.append(self.tr("最近导出的指南之后系统参数已修改，请重新导出。"))
        self.warning_label.setText("\n".join(warnings))
        self.warning_label.setVisible(bool(warnings))
        can_publish = latest is not None and latest.published_on is None and not latest.changed
        self.publish_button.setEnabled(can_publish)

    # --- export ---------------------------------------------------------------------------
    def _ask_path(self, name: str) -> Path | None:
        chosen = prompts.save_file(self, self.tr("导出{name}").format(name=name), str(Path.home() / f"{name}.docx"),
                                   self.tr("Word 文档 (*.docx)"))
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix.lower() == ".docx" else path.with_name(path.name + ".docx")

    def export_guide(self, path: Path | None = None) -> TaskHandle[Any] | None:
        """Write the guide off the GUI thread; the new edition then shows in the status."""
        path = path or self._ask_path(self.tr("政府信息公开指南"))
        if path is None:
            return None
        ctx, today = self.ctx, self._today()
        folder = templates_dir(ctx.db.data_dir)

        def work(session: Session, _progress: Progress) -> Path:
            return export_guide(session, ctx.actor, path, folder, today=today).path

        def done(written: Path) -> None:
            self.reload()
            announce(self.ctx, RecordKind.GUIDE)
            show_info(self, self.tr("导出公开指南"), self.tr(
                "已导出到：\n{path}\n\n发布到门户网站后，请点“标记为已发布”记录发布日期。").format(path=written))

        self.task = ctx.run(ExportOp(work, on_done=done, parent=self, title=self.tr("导出公开指南"),
                                     label=self.tr("正在生成“{name}”…").format(name=path.name)))
        return self.task

    def export_form(self, path: Path | None = None) -> TaskHandle[Any] | None:
        path = path or self._ask_path(self.tr("政府信息公开申请表"))
        if path is None:
            return None
        ctx = self.ctx
        folder = templates_dir(ctx.db.data_dir)

        def work(session: Session, _progress: Progress) -> Path:
            return export_request_form(session, ctx.actor, path, folder)

        def done(written: Path) -> None:
            show_info(self, self.tr("导出申请表"), self.tr("已导出到：\n{path}").format(path=written))

        self.task = ctx.run(ExportOp(work, on_done=done, parent=self, title=self.tr("导出申请表"),
                                     label=self.tr("正在生成“{name}”…").format(name=path.name)))
        return self.task

    # --- publish --------------------------------------------------------------------------
    @Slot()
    def open_publish_dialog(self) -> GuidePublishDialog | None:
        latest = self.status.latest if self.status else None
        if latest is None:
            return None
        dialog = GuidePublishDialog(edition_text(latest), self._today(), self)
        dialog.publish_requested.connect(lambda: self._publish(latest.id, dialog))
        self.publish_dialog = dialog
        dialog.open()
        return dialog

    def _publish(self, edition_id: int, dialog: GuidePublishDialog) -> None:
        def publish(s: Session) -> bool:
            edition = mark_published(s, self.ctx.actor, edition_id, dialog.chosen_date(), today=self._today(),
                                     register=dialog.register_choice(), item_no=dialog.item_no.text())
            return edition.disclosure_item_id is not None

        # Refused, the dialog stays open with what was entered, so a wrong item number is fixed in place.
        ok, created = self.ctx.run(Op(publish, parent=dialog, title=self.tr("未能标记发布")))
        if not ok:
            return
        dialog.accept()
        self.reload()
        announce(self.ctx, (RecordKind.GUIDE, RecordKind.DISCLOSURE) if created else RecordKind.GUIDE)
