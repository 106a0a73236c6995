"""What every register export shares: progress and cancel callbacks, the cancelled error, year checks."""

from __future__ import annotations

from collections.abc import Callable

from app.errors import UserError, ValidationError

Progress = Callable[[int, int], None]
CancelFlag = Callable[[], bool]


class ExportCancelled(UserError):
    """The user cancelled the export; no file was written."""

    def __init__(self) -> None:
        super().__init__("已取消导出，没有生成文件。")


def tick(done: int, total: int, progress: Progress | None, cancel: CancelFlag | None) -> None:
    """Report progress and honour a cancel request."""
    if cancel is not None and cancel():
        raise ExportCancelled
    if progress is not None:
        progress(done, total)


def check_year(year: int) -> None:
    if not 1900 <= year <= 2999:
        raise ValidationError(f"年份“{year}”不对，请写四位年份，例如 2024。", field="year")
