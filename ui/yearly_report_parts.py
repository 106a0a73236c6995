"""Pieces of a yearly report page shared by 年度报告 and 政府网站工作年度报表: the year box, the
lock state, the banner that names what changed after publication, and the drill-down dialogs kept open."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QSpinBox, QSplitter, QWidget

from ui.style import Sheet, apply_style

FIRST_REPORT_YEAR = 2008  # 《政府信息公开条例》 took effect in 2008: no report is older

AnyDialog = TypeVar("AnyDialog", bound=QDialog)


def default_year(today: date) -> int:
    # Reports are written in January–March for the year just ended.
    return today.year - 1 if today.month <= 3 else today.year


class ReportYearBox(QSpinBox):
    """The report's year, computed once the year is typed, not per digit; `default_year` unless given."""

    def __init__(self, today: date, object_name: str, parent: QWidget | None = None, *,
                 year: int | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setRange(FIRST_REPORT_YEAR, today.year)
        self.setValue(default_year(today) if year is None else year)
        self.setSuffix(self.tr(" 年"))
        self.setKeyboardTracking(False)


class DifferencesBanner(QLabel):
    """Red, above the figures, while a locked (published) year no longer matches its records."""

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setWordWrap(True)
        apply_style(self, Sheet.DIFFERENCES_BANNER)
        self.hide()

    def show_differences(self, differences: Sequence[str], text: Callable[[str], str]) -> None:
        """Shown with `text(bulleted lines)` when there are differences, hidden otherwise."""
        if differences:
            self.setText(text("\n".join(f"• {d}" for d in differences)))
            self.show()
        else:
            self.hide()


class LockStateLabel(QLabel):
    """正在计算… / 已锁定（已发布）… / 未锁定（草稿）; `colours` (computing, locked, draft) when styled."""

    def __init__(self, object_name: str, parent: QWidget | None = None, *,
                 colours: tuple[str, str, str] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self._colours = colours

    def show_computing(self) -> None:
        self._set(self.tr("正在计算…"), 0)

    def show_locked(self, locked_at: datetime | None, who: str) -> None:
        when = locked_at.strftime("%Y-%m-%d") if locked_at else ""
        self._set(self.tr("已锁定（已发布）：{when} 由 {who} 锁定").format(when=when, who=who), 1)

    def show_draft(self) -> None:
        self._set(self.tr("未锁定（草稿）"), 2)

    def _set(self, text: str, state: int) -> None:
        self.setText(text)
        if self._colours is not None:
            apply_style(self, self._colours[state])


def keep_open(dialogs: list[AnyDialog], dialog: AnyDialog) -> AnyDialog:
    """Show a non-modal drill-down dialog, listed in `dialogs` until it is closed (and deleted)."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.destroyed.connect(lambda *_: dialogs.remove(dialog) if dialog in dialogs else None)
    dialogs.append(dialog)
    dialog.show()
    return dialog


def figures_over_checks(figures: QWidget, checks: QWidget, parent: QWidget, *, figures_stretch: int,
                        sizes: tuple[int, int]) -> QSplitter:
    """The figures above, the checks below; neither can be collapsed out of sight."""
    splitter = QSplitter(Qt.Orientation.Vertical, parent)
    splitter.addWidget(figures)
    splitter.addWidget(checks)
    splitter.setStretchFactor(0, figures_stretch)
    splitter.setStretchFactor(1, 1)
    splitter.setChildrenCollapsible(False)
    splitter.setSizes(list(sizes))
    return splitter
