"""What every register export shares: progress and cancel callbacks, the cancelled error, the sheet writer."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.errors import UserError

if TYPE_CHECKING:
    from reports.xlsx_print import PrintLayout

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


def write_register_xlsx(
    target: Path, sheet: str, title: str, headers: Sequence[str], widths: Sequence[float],
    rows: Iterable[Sequence[Any]], total: int, *, wrap_columns: Collection[int] = (), step: int = 50,
    progress: Progress | None = None, cancel: CancelFlag | None = None, layout: PrintLayout | None = None,
    footer_note: str = "",
) -> None:
    """Write a register to `target` (temp name, then rename), reporting progress every `step` rows
    and stopping with ExportCancelled (and no file) when asked to. With a print `layout`, the
    workbook opens on a print sheet of the chosen columns, beside the full sheet. `footer_note`:
    app.audit.anchor.footer_code, printed in the footer of both sheets."""
    from app.atomic_file import atomic_write
    from reports.xlsx_print import save_register

    def counted() -> Iterator[Sequence[Any]]:
        for done, row in enumerate(rows, start=1):
            yield row
            if done % step == 0:
                tick(done, total, progress, cancel)

    def writer(tmp: Path) -> None:
        save_register(tmp, sheet, title, headers, widths, counted(), wrap_columns=wrap_columns, layout=layout,
                      footer_note=footer_note)

    tick(0, total, progress, cancel)
    atomic_write(target, writer)
    if progress is not None:
        progress(total, total)
