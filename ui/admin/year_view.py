"""A whole year as twelve small month grids, painted: days off red, make-up working days blue.

Painted rather than built from twelve QCalendarWidgets because those cannot show a whole year
legibly in the space of one page, and their own selection/navigation would only distract here.
"""

from __future__ import annotations

import calendar as pycalendar
from datetime import date, timedelta
from enum import Enum

from PySide6.QtCore import QEvent, QLineF, QPoint, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QHelpEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from app.workdays.calendar import WorkCalendar


class DayKind(Enum):
    WORKDAY = "workday"
    WEEKEND = "weekend"
    HOLIDAY = "holiday"  # a day off: a statutory holiday, including weekend days inside it
    MAKEUP = "makeup"  # a weekend day worked (调休上班)


# (background, text)
COLOURS: dict[DayKind, tuple[QColor | None, QColor]] = {
    DayKind.WORKDAY: (None, QColor("#202020")),
    DayKind.WEEKEND: (None, QColor("#a0a0a0")),
    DayKind.HOLIDAY: (QColor("#fbdad7"), QColor("#c42b1c")),
    DayKind.MAKEUP: (QColor("#d6e4fa"), QColor("#1a56c4")),
}

_WEEKDAYS = "一二三四五六日"
_COLUMNS, _ROWS = 4, 3


def classify(cal: WorkCalendar, day: date, off_days: frozenset[date] = frozenset()) -> DayKind:
    """The kind of `day`; `off_days` are days an administrator listed as off (weekend or not)."""
    work = cal.is_workday(day)
    weekend = day.weekday() >= 5
    if work:
        return DayKind.MAKEUP if weekend else DayKind.WORKDAY
    if not weekend or day in off_days or cal.day_name(day):
        return DayKind.HOLIDAY
    return DayKind.WEEKEND


def year_kinds(cal: WorkCalendar, year: int, off_days: frozenset[date] = frozenset()) -> dict[date, DayKind]:
    day, out = date(year, 1, 1), {}
    while day.year == year:
        out[day] = classify(cal, day, off_days)
        day += timedelta(days=1)
    return out


class YearView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.year = date.today().year
        self.kinds: dict[date, DayKind] = {}
        self.names: dict[date, str] = {}
        self._cells: list[tuple[QRectF, date]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def set_year(self, year: int, kinds: dict[date, DayKind], names: dict[date, str]) -> None:
        self.year = year
        self.kinds = dict(kinds)
        self.names = dict(names)
        self.update()

    def kind_of(self, day: date) -> DayKind | None:
        return self.kinds.get(day)

    def sizeHint(self) -> QSize:
        return QSize(820, 560)

    def minimumSizeHint(self) -> QSize:
        return QSize(620, 430)

    # --- painting -------------------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        self._cells = []
        gap = 14.0
        month_w = (self.width() - gap * (_COLUMNS + 1)) / _COLUMNS
        month_h = (self.height() - gap * (_ROWS + 1)) / _ROWS
        for month in range(1, 13):
            col, row = (month - 1) % _COLUMNS, (month - 1) // _COLUMNS
            rect = QRectF(gap + col * (month_w + gap), gap + row * (month_h + gap), month_w, month_h)
            self._paint_month(painter, rect, month)
        painter.end()

    def _paint_month(self, painter: QPainter, rect: QRectF, month: int) -> None:
        base = QFont(self.font())
        title_h = rect.height() * 0.14
        head_h = rect.height() * 0.11
        cell_w = rect.width() / 7
        cell_h = (rect.height() - title_h - head_h) / 6

        title_font = QFont(base)
        title_font.setBold(True)
        title_font.setPointSizeF(max(8.0, base.pointSizeF() * 1.1))
        painter.setFont(title_font)
        painter.setPen(QColor("#1f3b63"))
        painter.drawText(QRectF(rect.left() + 2, rect.top(), rect.width(), title_h),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, f"{month}月")
        painter.setPen(QPen(QColor("#d0d7e2"), 1))
        painter.drawLine(QLineF(rect.left(), rect.top() + title_h, rect.right(), rect.top() + title_h))

        small = QFont(base)
        small.setPointSizeF(max(7.0, base.pointSizeF() * 0.85))
        painter.setFont(small)
        for i, name in enumerate(_WEEKDAYS):
            painter.setPen(QColor("#a0a0a0") if i >= 5 else QColor("#505050"))
            painter.drawText(QRectF(rect.left() + i * cell_w, rect.top() + title_h, cell_w, head_h),
                             Qt.AlignmentFlag.AlignCenter, name)

        day_font = QFont(base)
        first_weekday, days = pycalendar.monthrange(self.year, month)
        top = rect.top() + title_h + head_h
        today = date.today()
        for d in range(1, days + 1):
            index = first_weekday + d - 1
            cell = QRectF(rect.left() + (index % 7) * cell_w, top + (index // 7) * cell_h, cell_w, cell_h)
            day = date(self.year, month, d)
            self._cells.append((cell, day))
            kind = self.kinds.get(day, DayKind.WEEKEND if day.weekday() >= 5 else DayKind.WORKDAY)
            background, text = COLOURS[kind]
            inner = cell.adjusted(1.5, 1.5, -1.5, -1.5)
            if background is not None:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(background)
                painter.drawRoundedRect(inner, 3, 3)
            if day == today:
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.setPen(QPen(QColor("#e08a00"), 1.5))
                painter.drawRoundedRect(inner, 3, 3)
            day_font.setBold(kind in (DayKind.MAKEUP, DayKind.HOLIDAY))
            painter.setFont(day_font)
            painter.setPen(text)
            painter.drawText(cell, Qt.AlignmentFlag.AlignCenter, str(d))

    # --- tooltips -------------------------------------------------------------------------
    def day_at(self, pos: QPoint) -> date | None:
        for rect, day in self._cells:
            if rect.contains(pos.toPointF()):
                return day
        return None

    def tooltip_for(self, day: date) -> str:
        kind = self.kinds.get(day)
        name = self.names.get(day, "")
        text = f"{day.year}年{day.month}月{day.day}日 星期{_WEEKDAYS[day.weekday()]}"
        if kind is DayKind.HOLIDAY:
            text += "\n" + self.tr("放假") + (f"（{name}）" if name else "")
        elif kind is DayKind.MAKEUP:
            text += "\n" + self.tr("调休上班") + (f"（{name}）" if name and name != "调休上班" else "")
        elif kind is DayKind.WEEKEND:
            text += "\n" + self.tr("周末")
        return text

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            day = self.day_at(event.pos())
            if day is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self.tooltip_for(day), self)
            return True
        return super().event(event)


class LegendSwatch(QWidget):
    """A small coloured square with the day number style of one DayKind, for the legend."""

    def __init__(self, kind: DayKind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.setFixedSize(22, 18)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        background, text = COLOURS[self.kind]
        rect = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        painter.setPen(QPen(QColor("#c8c8c8"), 1) if background is None else Qt.PenStyle.NoPen)
        painter.setBrush(background if background is not None else QColor("#ffffff"))
        painter.drawRoundedRect(rect, 3, 3)
        font = QFont(self.font())
        font.setBold(self.kind in (DayKind.MAKEUP, DayKind.HOLIDAY))
        painter.setFont(font)
        painter.setPen(text)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, "8")
        painter.end()
