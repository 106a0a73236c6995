"""The one date field every form uses: what the clerk types is the date that is saved.

QDateEdit edits section by section: focused with Tab and typed "2026-11-28" it became 2026-12-11,
which on a 收到申请日期 moves the legal deadline without anyone noticing. These fields are line
edits instead:
- the first character typed after the field gets focus (by Tab or by mouse, wherever the cursor
  is) replaces the whole date, so typing a complete date always gives exactly that date; Backspace,
  Delete or the arrow keys first switch to ordinary editing of the text;
- 2026-11-28, 2026/11/28, 20261128 and 2026年11月28日 are read alike (ui/date_text.py);
- text that is not a date (2026-02-30) or lies outside the allowed range is not taken: the field
  goes back to its previous date and says why, next to the field;
- Alt+Down or F4 open the calendar, ↑/↓ move a day, PgUp/PgDn a month; one Tab leaves the field.

The API mirrors QDateEdit/QDateTimeEdit (date(), setDate(), dateChanged, setMaximumDate …) so a form
swaps one for the other without other changes.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QPoint, QPointF, QSize, Qt, QTime, Signal, Slot
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QIcon,
    QInputMethodEvent,
    QKeyEvent,
    QPainter,
    QPixmap,
    QPolygonF,
    QRegularExpressionValidator,
)
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFrame,
    QLineEdit,
    QSizePolicy,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from ui.date_text import (
    ALLOWED_CHARS,
    EXAMPLE_DATE,
    EXAMPLE_DATETIME,
    format_date,
    format_datetime,
    parse_date,
    parse_datetime,
)

_Day = date  # DateField.date() shadows the type inside the class body
_MIN = datetime(1900, 1, 1)
_MAX = datetime(2999, 12, 31, 23, 59)


def _to_py(value: Any) -> datetime:
    """A QDate/QDateTime/date/datetime as a naive datetime."""
    if isinstance(value, QDateTime):
        d, t = value.date(), value.time()
        return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())
    if isinstance(value, QDate):
        return datetime(value.year(), value.month(), value.day())
    if isinstance(value, datetime):
        return value.replace(second=0, microsecond=0, tzinfo=None)
    if isinstance(value, date):
        return datetime.combine(value, time())
    raise TypeError(f"not a date: {value!r}")


def _qdate(value: datetime) -> QDate:
    return QDate(value.year, value.month, value.day)


def _qdatetime(value: datetime) -> QDateTime:
    return QDateTime(_qdate(value), QTime(value.hour, value.minute))


def _arrow_icon() -> QIcon:
    """A small drop-down triangle like a combo box's (the style's SP_ArrowDown is twice as big)."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#555555"))
    painter.drawPolygon(QPolygonF([QPointF(4, 6), QPointF(12, 6), QPointF(8, 11)]))
    painter.end()
    return QIcon(pixmap)


class _CalendarPopup(QFrame):
    """The calendar under the field; a click or Enter on a day picks it, Esc closes."""

    def __init__(self, field: TypedDateField) -> None:
        super().__init__(field, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.field = field
        self.calendar = QCalendarWidget(self)
        self.calendar.setObjectName("dateFieldCalendar")
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.addWidget(self.calendar)
        self.calendar.activated.connect(self._picked)
        self.calendar.clicked.connect(self._picked)

    @Slot(QDate)
    def _picked(self, day: QDate) -> None:
        self.hide()
        self.field.pick_day(date(day.year(), day.month(), day.day()))
        self.field.setFocus(Qt.FocusReason.PopupFocusReason)


class TypedDateField(QLineEdit):
    """Shared behaviour of DateField and DateTimeField; the value is a naive datetime (or None)."""

    input_rejected = Signal(str)
    """Typed text was not taken; carries the Chinese reason shown next to the field."""

    date_edited = Signal()
    """The user changed the date (typed, picked in the calendar or stepped with the arrow keys)."""

    with_time = False

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._value: datetime | None = None  # follows complete dates while typing
        self._committed: datetime | None = None  # the value before the typing began
        self._minimum, self._maximum = _MIN, _MAX
        self._special = ""  # shown (as placeholder) while the value is the minimum: "not filled in"
        self._fresh = True  # the next printable key starts a new date instead of editing the text
        self._popup: _CalendarPopup | None = None
        allowed = "".join("\\" + c if c in "-\\]^[" else c for c in ALLOWED_CHARS)
        self.setValidator(QRegularExpressionValidator(f"[{allowed}]{{0,20}}", self))
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)  # a date's width, like QDateEdit
        self.setToolTip(self._hint())
        self.popup_action = self.addAction(_arrow_icon(), QLineEdit.ActionPosition.TrailingPosition)
        self.popup_action.setToolTip(self.tr("打开日历（Alt+↓）"))
        self.popup_action.triggered.connect(self.show_calendar)
        self.editingFinished.connect(self.commit)
        self.textEdited.connect(self._live)

    # -- the QDateEdit-like surface ----------------------------------------------------------
    def setCalendarPopup(self, _enable: bool) -> None:
        """Always on; kept so code written for QDateEdit reads the same."""

    def setDisplayFormat(self, _format: str) -> None:
        """The format is fixed (yyyy-MM-dd, with HH:mm for date and time); kept for QDateEdit code."""

    def setSpecialValueText(self, text: str) -> None:
        self._special = text
        self.setPlaceholderText(text)

    def calendarWidget(self) -> QCalendarWidget:
        return self._calendar_popup().calendar

    def value(self) -> datetime | None:
        return self._value

    def set_value(self, value: datetime | None) -> None:
        """Show and keep `value` (None = not filled in), within the range; emits the change signal."""
        if value is not None:
            value = min(max(value, self._minimum), self._maximum)
            if not self.with_time:
                value = datetime.combine(value.date(), time())
        changed = value != self._value
        self._value = self._committed = value
        self._fresh = True
        self.setText("" if value is None or (self._special and value == self._minimum) else self._format(value))
        if changed:
            self._emit_changed()

    # -- subclass hooks ----------------------------------------------------------------------
    def _example(self) -> str:
        return EXAMPLE_DATETIME if self.with_time else EXAMPLE_DATE

    def _hint(self) -> str:
        if self.with_time:
            return self.tr("可输入 2026-11-28 09:30、2026/11/28 9:30、202611280930 或 2026年11月28日9时30分；"
                           "Alt+↓ 或 F4 打开日历")
        return self.tr("可输入 2026-11-28、2026/11/28、20261128 或 2026年11月28日；Alt+↓ 或 F4 打开日历")

    def _format(self, value: datetime) -> str:
        return format_datetime(value) if self.with_time else format_date(value.date())

    def _parse(self, text: str) -> datetime | None:
        if self.with_time:
            return parse_datetime(text)
        day = parse_date(text)
        return None if day is None else datetime.combine(day, time())

    def _emit_changed(self) -> None:
        raise NotImplementedError

    # -- typing ------------------------------------------------------------------------------
    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self._fresh = True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        alt = bool(mods & Qt.KeyboardModifier.AltModifier)
        if key == Qt.Key.Key_F4 or (alt and key == Qt.Key.Key_Down):
            self.show_calendar()
            return
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown) and not alt:
            self._step(key)
            return
        if key == Qt.Key.Key_Escape and self._text_of(self._committed) != self.text():
            self._revert()  # Esc first undoes the typing; a second Esc reaches the dialog
            return
        if key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete, Qt.Key.Key_Left, Qt.Key.Key_Right,
                   Qt.Key.Key_Home, Qt.Key.Key_End):
            self._fresh = False
        elif self._fresh and event.text() and event.text() in ALLOWED_CHARS and not (
                mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)):
            self.setText("")  # a new date, whatever section the cursor was in
            self._fresh = False
        super().keyPressEvent(event)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        # A Chinese input method delivers "2026年11月28日" here rather than as key presses.
        if self._fresh and event.commitString() and not self.isReadOnly():
            self.setText("")
            self._fresh = False
        super().inputMethodEvent(event)

    def _step(self, key: int) -> None:
        self.commit()
        base = self._value or datetime.combine(date.today(), time())
        if base == self._minimum and self._special:
            base = datetime.combine(date.today(), time())
        q = _qdatetime(base)
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            q = q.addDays(1 if key == Qt.Key.Key_Up else -1)
        else:
            q = q.addMonths(1 if key == Qt.Key.Key_PageUp else -1)
        self.set_value(_to_py(q))
        self.date_edited.emit()

    @Slot(str)
    def _live(self, text: str) -> None:
        """A complete date counts at once, so what depends on it (答复期限 …) follows the typing.

        Only with every digit typed (2026-11-28, not 2026-11-2 on the way to 2026-11-28), so nothing
        reacts to a date the clerk is still typing."""
        value = self._parse(text)
        digits = sum(ch.isdigit() for ch in text)
        if (value is not None and digits >= (12 if self.with_time else 8)
                and self._minimum <= value <= self._maximum and value != self._value):
            self._value = value
            self._emit_changed()

    def _text_of(self, value: datetime | None) -> str:
        if value is None or (self._special and value == self._minimum):
            return ""
        return self._format(value)

    def _revert(self) -> None:
        self.set_value(self._committed)

    @Slot()
    def commit(self) -> bool:
        """Take the typed text; False (and the previous date back, with the reason shown) if it is no date."""
        text = self.text().strip()
        if text == self._text_of(self._value):
            self.set_value(self._value)  # a live value becomes the committed one
            return True
        if not text and self._special:
            self.set_value(self._minimum)
            return True
        value = self._parse(text)
        reason = ""
        if value is None:
            reason = self.tr("“{text}”不是有效的日期，应写作 {example}，已恢复原日期。").format(
                text=text, example=self._example())
        elif value < self._minimum and not self._special:
            reason = self.tr("日期不能早于 {d}，已恢复原日期。").format(d=self._format(self._minimum))
        elif value > self._maximum:
            reason = self.tr("日期不能晚于 {d}，已恢复原日期。").format(d=self._format(self._maximum))
        if reason:
            self._revert()
            QToolTip.showText(self.mapToGlobal(QPoint(0, self.height())), reason)  # no owner: may outlive it
            self.input_rejected.emit(reason)
            return False
        self.set_value(value)
        return True

    def focusOutEvent(self, event: QFocusEvent) -> None:
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.commit()
        super().focusOutEvent(event)

    # -- calendar ----------------------------------------------------------------------------
    def _calendar_popup(self) -> _CalendarPopup:
        if self._popup is None:
            self._popup = _CalendarPopup(self)
        return self._popup

    @Slot()
    def show_calendar(self) -> None:
        """Open the calendar under the field at the shown date."""
        if self.isReadOnly():
            return
        self.commit()
        popup = self._calendar_popup()
        popup.calendar.setDateRange(_qdate(self._minimum), _qdate(self._maximum))
        shown = self._value if self._value is not None and not (self._special and self._value == self._minimum) \
            else datetime.combine(date.today(), time())
        popup.calendar.setSelectedDate(_qdate(shown))
        popup.adjustSize()
        popup.move(self.mapToGlobal(QPoint(0, self.height())))
        popup.show()
        popup.calendar.setFocus()

    def is_calendar_open(self) -> bool:
        return self._popup is not None and self._popup.isVisible()

    def pick_day(self, day: date) -> None:
        """The calendar's choice; a date-and-time field keeps its time of day."""
        keep = self._value.time() if self._value is not None and self.with_time else time()
        self.set_value(datetime.combine(day, keep))
        self.date_edited.emit()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        width = self.fontMetrics().horizontalAdvance(self._example() + "0000") + 40
        return QSize(width, hint.height())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()


class DateField(TypedDateField):
    """A date: date() / setDate() / dateChanged like QDateEdit."""

    dateChanged = Signal(QDate)
    """The date changed (typed, picked or set)."""

    def __init__(self, value: QDate | _Day | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.set_value(_to_py(value if value is not None else date.today()))

    def _emit_changed(self) -> None:
        self.dateChanged.emit(self.date())

    def date(self) -> QDate:
        return _qdate(self._value or self._minimum)

    def setDate(self, value: QDate | _Day) -> None:
        self.set_value(_to_py(value))

    def minimumDate(self) -> QDate:
        return _qdate(self._minimum)

    def maximumDate(self) -> QDate:
        return _qdate(self._maximum)

    def setMinimumDate(self, value: QDate | _Day) -> None:
        self._minimum = _to_py(value)
        self._clamp()

    def setMaximumDate(self, value: QDate | _Day) -> None:
        self._maximum = _to_py(value)
        self._clamp()

    def setDateRange(self, low: QDate | _Day, high: QDate | _Day) -> None:
        self._minimum, self._maximum = _to_py(low), _to_py(high)
        self._clamp()

    def _clamp(self) -> None:
        if self._value is not None:
            self.set_value(self._value)


class DateTimeField(TypedDateField):
    """A date and time of day (yyyy-MM-dd HH:mm): dateTime() / setDateTime() like QDateTimeEdit."""

    dateTimeChanged = Signal(QDateTime)
    """The date or time changed."""

    with_time = True

    def __init__(self, value: QDateTime | datetime | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.set_value(_to_py(value if value is not None else datetime.now()))

    def _emit_changed(self) -> None:
        self.dateTimeChanged.emit(self.dateTime())

    def dateTime(self) -> QDateTime:
        return _qdatetime(self._value or self._minimum)

    def setDateTime(self, value: QDateTime | datetime) -> None:
        self.set_value(_to_py(value))

    def setMinimumDateTime(self, value: QDateTime | datetime) -> None:
        self._minimum = _to_py(value)
        if self._value is not None:
            self.set_value(self._value)
