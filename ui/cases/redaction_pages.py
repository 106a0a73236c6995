"""Pages of the document being redacted, rendered off the GUI thread and cached.

Rendering, text extraction and suggestions run as worker tasks (ui.workers); pdfium calls take
turns under app.redaction.pdf_source.PDFIUM_LOCK. Finished pictures come back as signals on the
GUI thread; the view asks again for what it needs and gets cached pixmaps at once.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QWidget

from app.redaction.document import PageDocument
from app.redaction.model import Page
from ui.workers import Progress, TaskHandle, run_task

THUMB_DPI = 14.0
CACHE_PIXMAPS = 24  # about 24 MB at screen resolution: enough to page back and forth at once


def to_qimage(image: Any) -> QImage:
    """A PIL RGB image as a QImage that owns its pixels (safe to hand to another thread)."""
    rgb = image.convert("RGB")
    data = rgb.tobytes("raw", "RGB")
    return QImage(data, rgb.width, rgb.height, rgb.width * 3, QImage.Format.Format_RGB888).copy()


class PageLoader(QObject):
    rendered = Signal(int, float)
    """Page (0-based) is now cached at this dpi."""

    thumbnail_ready = Signal(int, QImage)
    """A thumbnail of page (0-based)."""

    page_loaded = Signal(int)
    """The text (characters and boxes) of a page is available through `page()`."""

    def __init__(self, doc: PageDocument, owner: QWidget) -> None:
        super().__init__(owner)
        self.doc = doc
        self.owner = owner
        self._pixmaps: OrderedDict[tuple[int, float], QPixmap] = OrderedDict()
        self._pending: set[tuple[int, float]] = set()
        self._pages: dict[int, Page] = {}
        self._tasks: list[TaskHandle[Any]] = []
        self._images_ready = _Bridge(self)
        self._images_ready.image.connect(self._store)
        self._images_ready.page.connect(self._store_page)
        self._images_ready.thumb.connect(self.thumbnail_ready)

    @property
    def page_count(self) -> int:
        return self.doc.page_count

    def close(self) -> None:
        """Stop the background work and release the document (a task still inside pdfium finishes
        its page first: closing waits for the pdfium lock)."""
        for task in self._tasks:
            task.cancel()
        self._tasks.clear()
        self.doc.close()

    # -- pictures ------------------------------------------------------------------------------
    def pixmap(self, index: int, dpi: float) -> QPixmap | None:
        """The cached picture, or None after asking for it in the background."""
        key = (index, round(dpi, 1))
        cached = self._pixmaps.get(key)
        if cached is not None:
            self._pixmaps.move_to_end(key)
            return cached
        if key not in self._pending:
            self._pending.add(key)
            doc, bridge = self.doc, self._images_ready

            def work(progress: Progress) -> None:
                progress.check()
                bridge.image.emit(key[0], key[1], to_qimage(doc.render(key[0], key[1])))

            self._track(run_task(self.owner, "", work, show_progress=False, on_error=lambda exc: None))
        return None

    def _store(self, index: int, dpi: float, image: QImage) -> None:
        key = (index, dpi)
        self._pending.discard(key)
        self._pixmaps[key] = QPixmap.fromImage(image)
        while len(self._pixmaps) > CACHE_PIXMAPS:
            self._pixmaps.popitem(last=False)
        self.rendered.emit(index, dpi)

    def load_thumbnails(self) -> None:
        doc, bridge, count = self.doc, self._images_ready, self.doc.page_count

        def work(progress: Progress) -> None:
            for index in range(count):
                progress.check()
                bridge.thumb.emit(index, to_qimage(doc.render(index, THUMB_DPI)))

        self._track(run_task(self.owner, "", work, show_progress=False, on_error=lambda exc: None))

    # -- text ----------------------------------------------------------------------------------
    def page(self, index: int) -> Page | None:
        """The page's characters if loaded; otherwise None after asking for them."""
        if index in self._pages:
            return self._pages[index]
        doc, bridge = self.doc, self._images_ready

        def work(progress: Progress) -> None:
            bridge.page.emit(index, doc.page(index))

        self._track(run_task(self.owner, "", work, show_progress=False, on_error=lambda exc: None))
        return None

    def cached_page(self, index: int) -> Page | None:
        return self._pages.get(index)

    def _store_page(self, index: int, page: Page) -> None:
        self._pages[index] = page
        self.page_loaded.emit(index)

    def replace_page(self, page: Page) -> None:
        """A page read again (after OCR) replaces the cached one."""
        self._store_page(page.index, page)

    def _track(self, handle: TaskHandle[Any]) -> None:
        self._tasks = [t for t in self._tasks if not t.is_finished]
        self._tasks.append(handle)


class _Bridge(QObject):
    """Signals emitted from worker threads; Qt queues them to the GUI thread where this object lives."""

    image = Signal(int, float, QImage)
    """A rendered page: index, dpi, picture."""

    thumb = Signal(int, QImage)
    """A thumbnail: index, picture."""

    page = Signal(int, object)
    """A page's text: index, app.redaction.model.Page."""
