"""Locking the screen after a period without input, and the lock screen that unlocks it.

IdleWatcher is an application-wide event filter: any key, mouse or wheel input restarts a timer;
when it runs out, `idle_timed_out` fires and the main window swaps its content for LockScreen.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.auth.service import authenticate
from app.settings.registry import get_setting
from ui.context import AppContext
from ui.dialog_parts import password_field
from ui.operations import Op, busy_cursor
from ui.style import Sheet, apply_style

INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


def idle_timeout_ms(ctx: AppContext) -> int:
    """The security.idle_lock_minutes setting in milliseconds; 0 means never lock."""
    with ctx.reader() as session:
        minutes = int(get_setting(session, "security.idle_lock_minutes"))
    return max(0, minutes) * 60_000


class IdleWatcher(QObject):
    idle_timed_out = Signal()
    """No input arrived for the whole timeout."""

    def __init__(self, timeout_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timeout)
        self._paused = False
        self._stopped = False
        self._installed = False
        self.set_timeout_ms(timeout_ms)

    @property
    def timeout_ms(self) -> int:
        return self._timeout_ms

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def set_timeout_ms(self, timeout_ms: int) -> None:
        self._timeout_ms = max(0, int(timeout_ms))
        self._install(self._timeout_ms > 0)
        self._restart()

    def _install(self, on: bool) -> None:
        # Installed once and never removed: removing a Python filter from the application with
        # removeEventFilter crashes PySide6 6.12 later on. The filter dies with its parent
        # (Qt drops deleted filters itself); while disabled it only reads the event type.
        app = QApplication.instance()
        if app is None or not on or self._installed:
            return
        app.installEventFilter(self)
        self._installed = True

    def pause(self) -> None:
        """While the screen is locked, input must not restart the countdown."""
        self._paused = True
        self._timer.stop()

    def resume(self) -> None:
        if not self._stopped:
            self._paused = False
            self._restart()

    def stop(self) -> None:
        """For good (the window closes)."""
        self._stopped = True
        self.pause()

    def _restart(self) -> None:
        if self._timeout_ms > 0 and not self._paused:
            self._timer.start(self._timeout_ms)
        else:
            self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._paused and self._timeout_ms > 0 and event.type() in INPUT_EVENTS:
            self._timer.start(self._timeout_ms)
        return False

    @Slot()
    def _on_timeout(self) -> None:
        if not self._paused:
            self.idle_timed_out.emit()


class LockScreen(QWidget):
    """Covers the main window's content; only the same user's password (or logging out) leaves it."""

    unlocked = Signal()
    """The signed-in user entered their password."""

    switch_user_requested = Signal()
    """The person at the PC chose to log out so someone else can sign in."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("lockScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)  # else the style sheet paints nothing
        apply_style(self, Sheet.LOCK_SCREEN)
        self._build()
        self._lay_out()
        self._connect()

    def _build(self) -> None:
        self.card = QFrame(self)
        self.card.setObjectName("lockCard")
        apply_style(self.card, Sheet.LOCK_CARD)
        self.card.setFixedWidth(420)
        self.title = QLabel(self.tr("屏幕已锁定"), self.card)
        apply_style(self.title, Sheet.LOCK_TITLE)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.who = QLabel(
            self.tr("当前用户：{name}（{user}）\n请输入密码解锁。").format(
                name=self.ctx.actor.display_name, user=self.ctx.actor.username
            ),
            self.card,
        )
        self.who.setAlignment(Qt.AlignmentFlag.AlignCenter)
        apply_style(self.who, Sheet.HINT)
        self.password = password_field(self.card, self.tr("密码"))
        self.message = QLabel(self.card)
        self.message.setObjectName("lockMessage")
        self.message.setWordWrap(True)
        apply_style(self.message, Sheet.ERROR)
        self.message.hide()
        self.unlock_button = QPushButton(self.tr("解锁"), self.card)
        self.unlock_button.setDefault(True)
        self.switch_button = QPushButton(self.tr("切换用户"), self.card)

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.switch_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        inner = QVBoxLayout(self.card)
        inner.setContentsMargins(28, 24, 28, 24)
        inner.setSpacing(12)
        inner.addWidget(self.title)
        inner.addWidget(self.who)
        inner.addWidget(self.password)
        inner.addWidget(self.message)
        inner.addLayout(buttons)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(self.card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)

    def _connect(self) -> None:
        self.password.returnPressed.connect(self.try_unlock)
        self.unlock_button.clicked.connect(self.try_unlock)
        self.switch_button.clicked.connect(self.switch_user_requested)

    def reset(self) -> None:
        self.password.clear()
        self.message.hide()
        self.password.setFocus()

    @Slot()
    def try_unlock(self) -> None:
        """Check the signed-in user's password in a committed unit of work (lockout counts)."""
        if not self.password.text():
            self._fail(self.tr("请输入密码。"))
            return
        username, password = self.ctx.actor.username, self.password.text()
        with busy_cursor():
            ok, result = self.ctx.run(Op(lambda s: authenticate(s, username, password, purpose="unlock"),
                                         message=self.message, title=self.tr("解锁")))
        if not ok or result is None:
            return
        self.password.clear()
        if not result.ok:
            self._fail(result.message)
            return
        self.message.hide()
        # The account as it is now: roles changed or removed while the screen was locked apply.
        self.ctx.actor = result.actor
        self.unlocked.emit()

    def _fail(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
        self.password.setFocus()
