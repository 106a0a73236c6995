"""Export audit-trail entries to an Excel register (.xlsx).

Streams rows through openpyxl's write-only workbook, so a trail of hundreds of thousands of
entries never sits in memory. Every text cell is written as a string: a summary or a user name
that starts with = + - @ must stay text and never become a formula (CSV/formula injection).
The file is written under a temporary name in the target folder and moved into place
(app.atomic_file), so an interrupted export never leaves a half-written file under the name the
user chose.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

from app.atomic_file import atomic_write
from app.audit.rows import AuditRow

# Excel refuses cells longer than this; before/after JSON of a large record can exceed it.
MAX_CELL_CHARS = 32_767


def _json_cell(text: str) -> str:
    # An empty object means "nothing recorded"; a blank cell says that more plainly than "{}".
    return "" if text in ("", "{}", "null") else text


# (header, width in characters, value of a row)
COLUMNS: tuple[tuple[str, int, Callable[[AuditRow], Any]], ...] = (
    ("序号", 8, lambda r: r.seq),
    ("时间", 20, lambda r: r.at_local.replace(microsecond=0)),  # Excel keeps only milliseconds
    ("用户名", 14, lambda r: r.username),
    ("姓名", 14, lambda r: r.display_name),
    ("操作系统用户", 14, lambda r: r.os_user),
    ("操作", 12, lambda r: r.action_label),
    ("记录类型", 12, lambda r: r.record_type_label),
    ("记录编号", 12, lambda r: r.record_id),
    ("摘要", 48, lambda r: r.summary),
    ("修改前", 40, lambda r: _json_cell(r.before_json)),
    ("修改后", 40, lambda r: _json_cell(r.after_json)),
)

_THIN = Side(style="thin", color="A6A6A6")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FONT = Font(name="宋体", bold=True, size=11)
_BODY_FONT = Font(name="宋体", size=10)
_HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
_TIME_FORMAT = "yyyy-mm-dd hh:mm:ss"


def clean_text(value: str) -> str:
    """Text Excel accepts: no control characters, not longer than a cell can hold."""
    text = str(ILLEGAL_CHARACTERS_RE.sub("", value))
    if len(text) > MAX_CELL_CHARS:
        text = text[: MAX_CELL_CHARS - 1] + "…"
    return text


def _cell(ws: WriteOnlyWorksheet, value: Any, *, header: bool = False, wrap: bool = False) -> WriteOnlyCell:
    if isinstance(value, str):
        cell = WriteOnlyCell(ws, value=clean_text(value))
        # Assigning the value lets openpyxl guess "f" for "=…"; forcing "s" keeps it literal text.
        cell.data_type = "s"
    else:
        cell = WriteOnlyCell(ws, value=value)
        if isinstance(value, datetime):
            cell.number_format = _TIME_FORMAT
    cell.font = _HEADER_FONT if header else _BODY_FONT
    cell.border = _BORDER
    if header:
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center")
    else:
        cell.alignment = Alignment(vertical="top", wrap_text=wrap)
    return cell


def _setup_sheet(ws: WriteOnlyWorksheet, description: str) -> None:
    # Write-only sheets take layout before the first row is appended.
    for index, (_, width, _) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.orientation = Worksheet.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = False
    ws.oddHeader.center.text = clean_text(f"审计记录（{description}）")
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"


def _abandon(ws: WriteOnlyWorksheet) -> None:
    # A write-only sheet streams into a temporary file of openpyxl's own; finish the stream and
    # remove that file, or every cancelled export would leave one behind in the temp folder.
    with contextlib.suppress(Exception):
        ws.close()
    out = getattr(getattr(ws, "_writer", None), "out", None)
    if isinstance(out, str):
        with contextlib.suppress(OSError):
            os.remove(out)


def write_audit_xlsx(
    rows: Iterable[AuditRow],
    path: str | os.PathLike[str],
    *,
    description: str = "全部记录",
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write `rows` to `path` (replacing it) and return how many entries were written.

    `progress` is called with the running count every 500 rows; it may raise to abandon the
    export, in which case the target file is left untouched.
    """
    target = Path(path)
    wb = Workbook(write_only=True)
    ws: WriteOnlyWorksheet = wb.create_sheet("审计记录")
    _setup_sheet(ws, description)
    ws.append([_cell(ws, title, header=True) for title, _, _ in COLUMNS])
    count = 0
    wrap_columns = {"摘要"}
    try:
        for row in rows:
            ws.append([_cell(ws, get(row), wrap=title in wrap_columns) for title, _, get in COLUMNS])
            count += 1
            if progress is not None and count % 500 == 0:
                progress(count)
    except BaseException:
        _abandon(ws)
        raise
    last_col = get_column_letter(len(COLUMNS))
    ws.auto_filter.ref = f"A1:{last_col}{count + 1}"

    # atomic_write also turns a file held open in Excel/WPS, a full disk or a missing folder
    # into a Chinese UserError, and keeps the office's normal file permissions.
    atomic_write(target, lambda tmp: wb.save(tmp))
    if progress is not None:
        progress(count)
    return count
