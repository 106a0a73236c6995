"""One page of a document being redacted: the rendered picture, the marks over it, drawing.

The scene is in PDF points (top-left origin, as app.redaction.model), so marks need no
conversion; the page picture is scaled into it whatever resolution it was rendered at.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QMouseEvent, QPainter, QPen, QPixmap, QWheelEvent
from PySide6.QtWidgets import (
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QWidget,
)

from app.redaction.model import Rect
from ui.style import Colour

ZOOM_STEPS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0)


class PageCanvas(QGraphicsView):
    area_drawn = Signal(object)
    """The clerk dragged over the page; carries the Rect in page points."""

    zoom_changed = Signal(float)
    """The zoom changed (1.0 = 72 pixels per inch of paper)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("redactionCanvas")
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.setBackgroundBrush(QColor("#808080"))
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.zoom = 1.0
        self.page_size = (595.0, 842.0)
        self._paper = QGraphicsRectItem()
        self._picture: QGraphicsPixmapItem | None = None
        self._overlay: list[QGraphicsRectItem | QGraphicsSimpleTextItem] = []
        self._origin: QPointF | None = None
        self._band: QGraphicsRectItem | None = None

    # -- page and marks ------------------------------------------------------------------------
    def show_page(self, width: float, height: float) -> None:
        """A blank sheet of the page's size, until its picture arrives."""
        scene = self.scene()
        scene.clear()
        self._overlay, self._picture, self._band = [], None, None
        self.page_size = (width, height)
        scene.setSceneRect(QRectF(0, 0, width, height))
        self._paper = scene.addRect(QRectF(0, 0, width, height), QPen(Qt.PenStyle.NoPen), QBrush(QColor("white")))

    def set_picture(self, pixmap: QPixmap) -> None:
        if self._picture is not None:
            self.scene().removeItem(self._picture)
        item = QGraphicsPixmapItem(pixmap)
        item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        item.setScale(self.page_size[0] / max(1, pixmap.width()))
        item.setZValue(1)
        self.scene().addItem(item)
        self._picture = item

    @property
    def has_picture(self) -> bool:
        return self._picture is not None

    def set_marks(self, marks: list[tuple[Rect, str, bool]]) -> None:
        """(rect, label, is_suggestion): marks black with their label, open suggestions outlined."""
        for item in self._overlay:
            self.scene().removeItem(item)
        self._overlay = []
        font = QFont()
        for rect, label, suggestion in marks:
            box = QRectF(rect.x0, rect.y0, rect.width, rect.height)
            if suggestion:
                item = self.scene().addRect(box, QPen(QColor("#e65100"), 1.2, Qt.PenStyle.DashLine),
                                            QBrush(QColor(255, 152, 0, 60)))
            else:
                item = self.scene().addRect(box, QPen(Qt.PenStyle.NoPen), QBrush(QColor(0, 0, 0, 200)))
            item.setZValue(2)
            self._overlay.append(item)
            if label and not suggestion and rect.height >= 6 and rect.width >= 3 * len(label):
                text = self.scene().addSimpleText(label)
                font.setPointSizeF(max(3.0, min(10.0, rect.height * 0.6, rect.width * 0.9 / len(label))))
                text.setFont(font)
                text.setBrush(QBrush(QColor("white")))
                text.setPos(rect.x0 + 1, rect.y0 + (rect.height - text.boundingRect().height()) / 2)
                text.setZValue(3)
                self._overlay.append(text)

    # -- zoom ----------------------------------------------------------------------------------
    def set_zoom(self, zoom: float) -> None:
        self.zoom = max(ZOOM_STEPS[0], min(ZOOM_STEPS[-1], zoom))
        self.resetTransform()
        self.scale(self.zoom, self.zoom)
        self.zoom_changed.emit(self.zoom)

    def zoom_in(self) -> None:
        self.set_zoom(next((z for z in ZOOM_STEPS if z > self.zoom + 1e-6), ZOOM_STEPS[-1]))

    def zoom_out(self) -> None:
        self.set_zoom(next((z for z in reversed(ZOOM_STEPS) if z < self.zoom - 1e-6), ZOOM_STEPS[0]))

    def fit_width(self) -> None:
        available = self.viewport().width() - 24
        self.set_zoom(available / self.page_size[0] if available > 0 else 1.0)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            (self.zoom_in if event.angleDelta().y() > 0 else self.zoom_out)()
            event.accept()
            return
        super().wheelEvent(event)

    # -- drawing -------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._origin = self.mapToScene(event.position().toPoint())
            self._band = self.scene().addRect(QRectF(self._origin, self._origin),
                                              QPen(QColor(Colour.LINK), 0), QBrush(QColor(21, 101, 192, 50)))
            self._band.setZValue(4)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._origin is not None and self._band is not None:
            here = self.mapToScene(event.position().toPoint())
            self._band.setRect(QRectF(self._origin, here).normalized())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._origin is not None and event.button() == Qt.MouseButton.LeftButton:
            here = self.mapToScene(event.position().toPoint())
            origin = self._origin
            self._origin = None
            if self._band is not None:
                self.scene().removeItem(self._band)
                self._band = None
            w, h = self.page_size
            rect = Rect.of(max(0.0, min(w, origin.x())), max(0.0, min(h, origin.y())),
                           max(0.0, min(w, here.x())), max(0.0, min(h, here.y())))
            self.area_drawn.emit(rect)
            event.accept()
            return
        super().mouseReleaseEvent(event)
