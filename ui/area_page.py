"""What every page of an area starts with: the application context, and today's date, which a test
may fix (`today=lambda: TODAY`) and which otherwise is the context's clock (app/clock.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QWidget

from ui.context import AppContext


class AreaPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 today: Callable[[], date] | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._today: Callable[[], date] = today or ctx.today
