"""The redaction view (遮盖处理): pages, thumbnails, zoom, drawing and selecting marks, suggestions.

Opened from the case's 区分处理 tab for one 拟公开材料. Slow work — rendering, reading text,
suggestions, OCR, generating the copy — runs off the GUI thread; marks are edited in an
app.redaction.editing.MarkEditor and saved with app.redaction.service.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Signal, Slot
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.changes import RecordKind
from app.redaction import ocr
from app.redaction.editing import MarkEditor
from app.redaction.grounds import GROUND_CHOICES, Ground
from app.redaction.model import Rect
from app.redaction.specs import MarkSpec
from app.review.wordlists_db import load_wordlists
from ui.availability import offer
from ui.cases import actions
from ui.cases.actions import read
from ui.cases.redaction_canvas import PageCanvas
from ui.cases.redaction_docx import DocxText
from ui.cases.redaction_pages import PageLoader
from ui.cases.redaction_side import RedactionSide
from ui.cases.redaction_work import docx_suggestions_of, page_suggestions_of, read_pages, released_copy_of
from ui.context import AppContext
from ui.messages import show_info
from ui.operations import Op, announce
from ui.workers import TaskHandle, run_task


class RedactionDialog(QDialog):
    copy_generated = Signal(int)
    """A released copy was stored: its case-document id."""

    def __init__(self, ctx: AppContext, source_id: int, filename: str, data: bytes, marks: list[MarkSpec],
                 output_format: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("redactionDialog")
        self.setWindowTitle(self.tr("遮盖处理 — {name}").format(name=filename))
        self.ctx = ctx
        self.source_id = source_id
        self.filename = filename
        self.editor = MarkEditor(marks)
        self.output_format = output_format
        self.current = 0
        self.last_selection = ""
        self.task: TaskHandle[Any] | None = None
        self.is_docx = filename.lower().endswith(".docx")

        self.loader: PageLoader | None = None
        self._build(output_format)
        self._lay_out()
        self._connect()
        self._offer_saving()
        self._open_document(data, filename)

    def _build(self, output_format: str) -> None:
        self.ground_box = QComboBox(self)
        self.ground_box.setObjectName("groundBox")
        for g in GROUND_CHOICES:
            self.ground_box.addItem(f"{g.label}（{g.article}）", g.value)
        self.ground_box.setCurrentIndex(GROUND_CHOICES.index(Ground.PRIVACY))
        self.rect_mode = QRadioButton(self.tr("框选区域"), self)
        self.text_mode = QRadioButton(self.tr("选择文字"), self)
        self.text_mode.setChecked(True)
        modes = QButtonGroup(self)
        modes.addButton(self.rect_mode)
        modes.addButton(self.text_mode)
        self.everywhere_button = QPushButton(self.tr("标记所有相同文字"), self)
        self.everywhere_button.setObjectName("markEverywhere")
        self.everywhere_button.setEnabled(False)
        self.prev_button = QPushButton(self.tr("上一页"), self)
        self.next_button = QPushButton(self.tr("下一页"), self)
        self.page_label = QLabel(self)
        self.zoom_out_button = QPushButton(self.tr("缩小"), self)
        self.zoom_in_button = QPushButton(self.tr("放大"), self)
        self.fit_button = QPushButton(self.tr("适合宽度"), self)
        self.zoom_label = QLabel(self)

        self.side = RedactionSide(self.editor, self)
        self.side.setMinimumWidth(330)
        self.format_box = QComboBox(self)
        self.format_box.setObjectName("formatBox")
        self.format_box.addItem(self.tr("PDF 公开件"), "pdf")
        if self.is_docx:
            self.format_box.addItem(self.tr("Word 公开件（.docx）"), "docx")
        self.format_box.setCurrentIndex(max(0, self.format_box.findData(output_format)))
        self.save_button = QPushButton(self.tr("保存标记"), self)
        self.save_button.setObjectName("saveMarks")
        self.generate_button = QPushButton(self.tr("生成公开件"), self)
        self.generate_button.setObjectName("generateCopy")
        self.close_button = QPushButton(self.tr("关闭"), self)

        self.thumbs = QListWidget(self)
        self.thumbs.setObjectName("thumbnails")
        self.thumbs.setIconSize(QSize(72, 100))
        self.thumbs.setFixedWidth(110)
        self.canvas = PageCanvas(self)
        self.text_view = DocxText(self)
        self.text_view.ground_of = lambda: self.ground

    def _lay_out(self) -> None:
        tools = QHBoxLayout()
        tools.addWidget(QLabel(self.tr("理由："), self))
        tools.addWidget(self.ground_box)
        tools.addSpacing(8)
        tools.addWidget(self.text_mode)
        tools.addWidget(self.rect_mode)
        tools.addWidget(self.everywhere_button)
        tools.addStretch(1)
        for w in (self.prev_button, self.page_label, self.next_button, self.zoom_out_button, self.zoom_label,
                  self.zoom_in_button, self.fit_button):
            tools.addWidget(w)

        center: QWidget = self.text_view if self.is_docx else self.canvas
        split = QSplitter(self)
        if not self.is_docx:
            split.addWidget(self.thumbs)
        split.addWidget(center)
        split.addWidget(self.side)
        split.setStretchFactor(split.count() - 2, 3)
        split.setStretchFactor(split.count() - 1, 1)
        split.setSizes([110, 800, 360] if not self.is_docx else [900, 360])
        # The widget of the other kind of document stays out of sight (it is not in the splitter).
        (self.thumbs if self.is_docx else self.text_view).hide()

        bottom = QHBoxLayout()
        bottom.addWidget(QLabel(self.tr("生成："), self))
        bottom.addWidget(self.format_box)
        bottom.addStretch(1)
        for b in (self.save_button, self.generate_button, self.close_button):
            bottom.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(tools)
        layout.addWidget(split, 1)
        layout.addLayout(bottom)
        self.resize(1280, 700)  # fits 1366x768 with the taskbar

    def _connect(self) -> None:
        self.ground_box.currentIndexChanged.connect(self._ground_changed)
        self.prev_button.clicked.connect(lambda: self.go_to(self.current - 1))
        self.next_button.clicked.connect(lambda: self.go_to(self.current + 1))
        self.zoom_in_button.clicked.connect(self.canvas.zoom_in)
        self.zoom_out_button.clicked.connect(self.canvas.zoom_out)
        self.fit_button.clicked.connect(self.canvas.fit_width)
        self.canvas.zoom_changed.connect(self._zoom_changed)
        self.canvas.area_drawn.connect(self.area_drawn)
        self.thumbs.currentRowChanged.connect(self.go_to)
        self.everywhere_button.clicked.connect(self.mark_everywhere)
        self.side.marks_changed.connect(self.redraw)
        self.side.page_requested.connect(self.go_to)
        self.side.suggest_requested.connect(self.suggest)
        self.save_button.clicked.connect(self.save)
        self.generate_button.clicked.connect(self.generate)
        self.close_button.clicked.connect(self.close)
        self.text_view.selection_marked.connect(self._docx_marked)
        if not self.is_docx:
            self.side.ocr_box.toggled.connect(self._ocr_toggled)

    def _open_document(self, data: bytes, filename: str) -> None:
        """A Word document's text, or a PDF's pages (rendered off the GUI thread) from the first."""
        if self.is_docx:
            hidden: tuple[QWidget, ...] = (
                self.rect_mode, self.prev_button, self.next_button, self.page_label, self.zoom_in_button,
                self.zoom_out_button, self.fit_button, self.zoom_label,
            )
            for widget in hidden:
                widget.hide()
            self.text_view.load(data, self.editor)
        else:
            from app.redaction.document import PageDocument

            self.loader = PageLoader(PageDocument(data, filename), self)
            self.loader.rendered.connect(self._rendered)
            self.loader.page_loaded.connect(self._page_loaded)
            self.loader.thumbnail_ready.connect(self._thumbnail)
            for i in range(self.loader.page_count):
                self.thumbs.addItem(QListWidgetItem(str(i + 1)))
            self.canvas.set_zoom(1.25)
            self.go_to(0)
            self.loader.load_thumbnails()

    # -- pages ---------------------------------------------------------------------------------
    @property
    def ground(self) -> Ground:
        return Ground(self.ground_box.currentData())

    @Slot(int)
    def go_to(self, index: int) -> None:
        if self.loader is None or not 0 <= index < self.loader.page_count:
            return
        self.current = index
        page = self.loader.page(index)
        self.canvas.show_page(*((page.width, page.height) if page else self.loader.doc.page_size(index)))
        self.page_label.setText(self.tr("第 {n} / {total} 页").format(n=index + 1, total=self.loader.page_count))
        self.prev_button.setEnabled(index > 0)
        self.next_button.setEnabled(index + 1 < self.loader.page_count)
        if self.thumbs.currentRow() != index:
            self.thumbs.setCurrentRow(index)
        self._show_picture()
        self.redraw()
        # The next page is rendered now, so paging forward shows it at once.
        if index + 1 < self.loader.page_count:
            self.loader.pixmap(index + 1, self._dpi())

    def _dpi(self) -> float:
        return round(72.0 * self.canvas.zoom * self.devicePixelRatioF(), 1)

    def _show_picture(self) -> None:
        if self.loader is None:  # closed while a picture was on its way
            return
        pixmap = self.loader.pixmap(self.current, self._dpi())
        if pixmap is not None:
            self.canvas.set_picture(pixmap)
            self.redraw()

    @Slot(int, float)
    def _rendered(self, index: int, dpi: float) -> None:
        if self.loader is not None and index == self.current and abs(dpi - self._dpi()) < 0.05:
            self._show_picture()

    @Slot(int)
    def _page_loaded(self, index: int) -> None:
        if index == self.current:
            self.redraw()
        page = self.loader.cached_page(index) if self.loader is not None else None
        if index == 0 and page is not None and page.text_source == "none":
            # A scan: OCR is likely to be asked for, so its engine (a few seconds) starts loading now.
            ocr.warm_up()

    @Slot(bool)
    def _ocr_toggled(self, on: bool) -> None:
        if on:
            ocr.warm_up()

    @Slot(int, QImage)
    def _thumbnail(self, index: int, image: QImage) -> None:
        item = self.thumbs.item(index)
        if item is not None:
            item.setIcon(QIcon(QPixmap.fromImage(image)))

    @Slot(float)
    def _zoom_changed(self, zoom: float) -> None:
        self.zoom_label.setText(f"{round(zoom * 100)}%")
        if self.loader is not None:
            self._show_picture()

    @Slot(int)
    def _ground_changed(self, _index: int) -> None:
        self.side.current_ground = self.ground

    @Slot()
    def redraw(self) -> None:
        self.side.refresh()
        if self.is_docx:
            self.text_view.show_marks(self.editor)
            return
        shown: list[tuple[Rect, str, bool]] = []
        for _, m in self.editor.on_page(self.current):
            shown += [(Rect(*r), m.ground.article, False) for r in m.rects]
        for s in self.editor.suggestions:
            if s.answer == "open" and s.spec.page == self.current + 1:
                shown += [(Rect(*r), "", True) for r in s.spec.rects]
        self.canvas.set_marks(shown)

    # -- marking -------------------------------------------------------------------------------
    @Slot(object)
    def area_drawn(self, rect: Rect) -> None:
        page = self.loader.cached_page(self.current) if self.loader is not None else None
        if page is None:
            return
        if self.rect_mode.isChecked() or page.text_source == "none":
            self.editor.add_rect(page, rect, self.ground)
        else:
            self.last_selection = self.editor.selection_text(page, rect).strip()
            self.editor.add_selection(page, rect, self.ground)
        self.everywhere_button.setEnabled(bool(self.last_selection))
        self.everywhere_button.setToolTip(self.last_selection)
        self.redraw()

    @Slot(str)
    def _docx_marked(self, text: str) -> None:
        self.last_selection = text.strip()
        self.everywhere_button.setEnabled(bool(self.last_selection))
        self.redraw()

    @Slot()
    def mark_everywhere(self) -> TaskHandle[Any] | None:
        text, ground = self.last_selection, self.ground
        if not text:
            return None
        if self.is_docx:
            self.text_view.mark_everywhere(self.editor, text, ground)
            self.redraw()
            return None
        assert self.loader is not None
        work = read_pages(self.loader.doc, self.tr("正在查找“{t}”…").format(t=text))

        def done(pages: list[Any]) -> None:
            self.editor.mark_everywhere(pages, text, ground)
            self.redraw()

        self.task = run_task(self, self.tr("标记所有相同文字"), work, on_done=done)
        return self.task

    @Slot()
    def suggest(self) -> TaskHandle[Any] | None:
        """Suggestions for every page in the background, with progress and cancel."""
        lists = read(self.ctx, load_wordlists)
        ocr = self.side.ocr_box.isChecked()
        if self.is_docx:
            docx_work = docx_suggestions_of(self.text_view.data, lists, self.tr("正在分析…"))
            self.task = run_task(self, self.tr("自动识别"), docx_work, on_done=self._docx_suggested)
            return self.task
        assert self.loader is not None
        work = page_suggestions_of(self.loader.doc, lists, ocr, self.tr("正在分析第 {n} / {t} 页…"))

        def done(result: tuple[list[Any], list[Any]]) -> None:
            marks, pages = result
            if self.loader is None:  # the view was closed meanwhile
                return
            for page in pages:
                self.loader.replace_page(page)
            self.editor.set_page_suggestions(marks)
            self.side.setCurrentIndex(1)
            self.redraw()
            if not marks:
                show_info(self, self.tr("自动识别"), self.tr("未发现需要遮盖的个人信息或词库中的词。"))

        self.task = run_task(self, self.tr("自动识别"), work, on_done=done)
        return self.task

    def _docx_suggested(self, marks: list[Any]) -> None:
        self.editor.set_docx_suggestions(marks)
        self.side.setCurrentIndex(1)
        self.redraw()

    # -- saving --------------------------------------------------------------------------------
    @Slot()
    def save(self) -> bool:
        from app.redaction.service import save_marks

        marks, fmt, source_id = list(self.editor.marks), str(self.format_box.currentData()), self.source_id
        ok: bool = self.ctx.run(Op(lambda s: save_marks(s, self.ctx.actor, source_id, marks, fmt) and None,
                                   RecordKind.CASES, parent=self))[0]
        if ok:
            self.editor.changed = False
        return ok

    @Slot()
    def generate(self) -> TaskHandle[Any] | None:
        """Save the marks, then make the released copy in the background (progress, cancel)."""
        if not self.save():
            return None
        ctx = self.ctx
        work = released_copy_of(ctx, self.source_id, self.side.ocr_box.isChecked(), self.tr("正在生成第 {n} / {t} 页…"))

        def done(copy_id: int) -> None:
            announce(ctx, RecordKind.CASES)
            self.copy_generated.emit(copy_id)
            show_info(self, self.tr("生成公开件"), self.tr("公开件已生成并保存到案卷（类别：公开件）。"))

        self.task = run_task(self, self.tr("生成公开件"), work, on_done=done)
        return self.task

    def _offer_saving(self) -> bool:
        """Saving (and the copy) as app.redaction.service.mark_actions allows now; the buttons say why not."""
        from app.redaction.service import MarkAction, mark_actions

        source_id, actor = self.source_id, self.ctx.actor
        allowed = read(self.ctx, lambda s: mark_actions(s, source_id, actor))
        offer(allowed, MarkAction.SAVE, self.save_button)
        return offer(allowed, MarkAction.SAVE, self.generate_button)

    def _leave(self) -> None:
        """Offer to save changed marks once, and release the document."""
        # Only someone who may save is asked whether to (the buttons told the others why not).
        if self.editor.changed and self._offer_saving():
            if actions.ask(self, self.tr("遮盖处理"), self.tr("遮盖标记已修改，是否保存？")):
                self.save()
            self.editor.changed = False
        if self.loader is not None:
            self.loader.close()
            self.loader = None

    def closeEvent(self, event: Any) -> None:
        self._leave()
        super().closeEvent(event)

    def done(self, result: int) -> None:
        self._leave()
        super().done(result)

