"""A small grouped bar chart painted with QPainter (no chart library is bundled with the app)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

AXIS = QColor("#555")
GRID = QColor("#e2e5e9")
HIGHLIGHT_BG = QColor("#fff6d6")


@dataclass(frozen=True)
class Series:
    name: str
    colour: str
    values: tuple[int, ...]


def nice_step(maximum: int, ticks: int = 5) -> int:
    """A round step (1, 2, 5 × 10ⁿ) giving about `ticks` grid lines up to `maximum`."""
    if maximum <= ticks:
        return 1
    raw = maximum / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * power:
            return int(factor * power)
    return int(10 * power)


class BarChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = ""
        self.categories: list[str] = []
        self.series: list[Series] = []
        self.highlight: frozenset[int] = frozenset()
        self.empty_text = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(360, 240)

    def sizeHint(self) -> QSize:
        return QSize(520, 320)

    def set_data(self, title: str, categories: Sequence[str], series: Sequence[Series],
                 highlight: frozenset[int] = frozenset(), empty_text: str = "") -> None:
        self.title, self.categories, self.series = title, list(categories), list(series)
        self.highlight, self.empty_text = highlight, empty_text
        self.update()

    def maximum(self) -> int:
        return max((v for s in self.series for v in s.values), default=0)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        font = QFont(self.font())
        bold = QFont(font)
        bold.setBold(True)
        metrics = painter.fontMetrics()
        line = metrics.height()
        painter.setFont(bold)
        painter.setPen(AXIS)
        painter.drawText(QRectF(0, 6, self.width(), line + 4), Qt.AlignmentFlag.AlignHCenter, self.title)
        painter.setFont(font)
        self._legend(painter, line)
        maximum = self.maximum()
        left, right, top, bottom = 44.0, 12.0, 2.5 * line + 14, 2.4 * line + 10
        plot = QRectF(left, top, max(self.width() - left - right, 10), max(self.height() - top - bottom, 10))
        if not self.categories or maximum == 0:
            painter.setPen(QColor("#888"))
            painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, self.empty_text)
            painter.end()
            return
        step = nice_step(maximum)
        top_value = step * math.ceil(maximum / step)
        slot = plot.width() / len(self.categories)
        for i in self.highlight:
            painter.fillRect(QRectF(plot.left() + i * slot, plot.top(), slot, plot.height()), HIGHLIGHT_BG)
        # Horizontal grid with the value scale on the left.
        for value in range(0, top_value + 1, step):
            y = plot.bottom() - plot.height() * value / top_value
            painter.setPen(QPen(GRID if value else AXIS, 1))
            painter.drawLine(int(plot.left()), int(y), int(plot.right()), int(y))
            painter.setPen(AXIS)
            painter.drawText(QRectF(0, y - line / 2, left - 6, line),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, str(value))
        self._bars(painter, plot, slot, top_value, line)
        painter.end()

    def _bars(self, painter: QPainter, plot: QRectF, slot: float, top_value: int, line: int) -> None:
        n = max(len(self.series), 1)
        bar = min(slot * 0.8 / n, 28.0)
        group = bar * n
        for i, category in enumerate(self.categories):
            x0 = plot.left() + i * slot + (slot - group) / 2
            for k, s in enumerate(self.series):
                value = s.values[i] if i < len(s.values) else 0
                h = plot.height() * value / top_value
                rect = QRectF(x0 + k * bar, plot.bottom() - h, bar - 1, h)
                painter.fillRect(rect, QColor(s.colour))
                if value and bar >= 12:
                    painter.setPen(AXIS)
                    painter.drawText(QRectF(rect.left() - 6, rect.top() - line, bar + 12, line),
                                     Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, str(value))
            painter.setPen(AXIS)
            label_rect = QRectF(plot.left() + i * slot, plot.bottom() + 4, slot, 2.2 * line)
            painter.drawText(label_rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
                             | Qt.TextFlag.TextWordWrap, category)

    def _legend(self, painter: QPainter, line: int) -> None:
        metrics = painter.fontMetrics()
        widths = [line + 6 + metrics.horizontalAdvance(s.name) + 16 for s in self.series]
        x = (self.width() - sum(widths)) / 2
        y = 12 + line
        for s, width in zip(self.series, widths, strict=True):
            painter.fillRect(QRectF(x, y + 3, line - 4, line - 4), QColor(s.colour))
            painter.setPen(AXIS)
            painter.drawText(QRectF(x + line, y, width - line, line), Qt.AlignmentFlag.AlignVCenter, s.name)
            x += width
