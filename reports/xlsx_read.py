"""Read a register from an .xlsx file that people have kept by hand for years.

The header row is found by its texts, not by position: our own export has a title in row 1
and the header in row 2, REGISTER.md's exchange format has the header in row 1, and hand
kept files often have a title or a note above it. Everything that can go wrong with a file
a user picked becomes a `UserError` that says what to do.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any
from xml.etree.ElementTree import ParseError

from openpyxl import load_workbook
from openpyxl.utils.datetime import CALENDAR_WINDOWS_1900
from openpyxl.utils.exceptions import InvalidFileException

from app.errors import UserError

__all__ = ["HEADER_SCAN_ROWS", "SheetTable", "normalize_header", "read_table"]

HEADER_SCAN_ROWS = 10
_XLSX_SUFFIXES = {".xlsx", ".xlsm", ".xltx", ".xltm"}
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0"  # .xls, and also any password-protected .xlsx
_SPACE_RE = re.compile(r"\s+")
_CORRUPT_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile, zlib.error, EOFError, KeyError, ParseError, ValueError, TypeError, IndexError,
)
try:  # openpyxl parses with lxml when it is installed; its syntax error is not a ParseError
    from lxml.etree import XMLSyntaxError

    _CORRUPT_ERRORS += (XMLSyntaxError,)
except ImportError:  # pragma: no cover - lxml is a python-docx dependency
    pass


def normalize_header(value: object) -> str:
    """A header text as compared: no whitespace at all, no trailing required-field star."""
    if value is None:
        return ""
    return _SPACE_RE.sub("", str(value)).rstrip("*＊")


@dataclass
class SheetTable:
    """An open register sheet; use as a context manager or call `close()` (Windows keeps
    the file locked while it is open)."""

    path: Path
    sheet_name: str
    header_row: int  # 1-based Excel row number
    columns: dict[str, int]  # normalised header text → 0-based column index
    width: int
    _workbook: Any = field(repr=False)
    _sheet: Any = field(repr=False)

    def rows(self) -> Iterator[tuple[int, tuple[Any, ...]]]:
        """(Excel row number, values) for each non-blank row below the header.

        Values are as openpyxl reads them (str, int, float, datetime, bool, None), padded or
        cut to the header width. Formulas give their last computed value.
        """
        start = self.header_row + 1
        try:
            for number, values in enumerate(self._sheet.iter_rows(min_row=start, values_only=True), start):
                if _is_blank(values):
                    continue
                row = tuple(values[: self.width])
                if len(row) < self.width:
                    row += (None,) * (self.width - len(row))
                yield number, row
        except _CORRUPT_ERRORS as exc:
            raise _corrupt(self.path) from exc

    @property
    def epoch(self) -> datetime:
        """The workbook's date system: 1899-12-30 (Windows Excel) or 1904-01-01 ("1904 日期系统").
        Cells formatted as dates are already read with it; a bare serial needs it too."""
        epoch = getattr(self._workbook, "epoch", CALENDAR_WINDOWS_1900)
        return epoch if isinstance(epoch, datetime) else CALENDAR_WINDOWS_1900

    def close(self) -> None:
        self._workbook.close()

    def __enter__(self) -> SheetTable:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def read_table(path: str | Path, required_headers: Sequence[str]) -> SheetTable:
    """Open `path` read-only and locate the first sheet whose header row holds every
    required header (scanning the first `HEADER_SCAN_ROWS` rows of each sheet, the active
    sheet first). Raises `UserError` naming the missing headers or the problem with the file.
    """
    path = Path(path)
    workbook = _open(path)
    try:
        return _locate(path, workbook, [normalize_header(h) for h in required_headers])
    except BaseException:
        workbook.close()
        raise


def _open(path: Path) -> Any:
    name = path.name
    if not path.is_file():
        raise UserError(f"找不到文件“{name}”，请确认文件存在后重新选择。")
    suffix = path.suffix.lower()
    if suffix in {".xls", ".et"}:
        raise UserError(f"文件“{name}”是旧版表格格式（{suffix}），请在 Excel/WPS 中“另存为” .xlsx 格式后再导入。")
    if suffix not in _XLSX_SUFFIXES:
        raise UserError(f"文件“{name}”不是 Excel 工作簿（.xlsx），请选择 .xlsx 文件。")
    head = b""
    try:
        with path.open("rb") as fh:
            head = fh.read(4)
        return load_workbook(path, read_only=True, data_only=True)
    except PermissionError as exc:
        raise UserError(f"无法读取文件“{name}”：没有访问权限，或文件正被其他程序独占。请关闭该文件后重试。") from exc
    except InvalidFileException as exc:
        raise UserError(f"文件“{name}”不是 Excel 工作簿（.xlsx），请选择 .xlsx 文件。") from exc
    except _CORRUPT_ERRORS as exc:
        if head == _OLE2_MAGIC:
            raise UserError(
                f"文件“{name}”实际是旧版 .xls 格式，或设置了打开密码。"
                "请在 Excel/WPS 中取消密码并“另存为” .xlsx 格式后再导入。"
            ) from exc
        raise _corrupt(path) from exc
    except OSError as exc:
        raise UserError(f"无法读取文件“{name}”：{exc.strerror or exc}。") from exc


def _corrupt(path: Path) -> UserError:
    return UserError(
        f"文件“{path.name}”已损坏或不完整（例如没有保存完、复制中断），无法作为 .xlsx 读取。"
        "请在 Excel/WPS 中打开并重新保存后再试。"
    )


_PRINT_SHEET_PREFIX = "打印"  # reports.xlsx_print.PRINT_SHEET_PREFIX (not imported: it imports this module)


def _locate(path: Path, workbook: Any, required: list[str]) -> SheetTable:
    sheets = list(workbook.worksheets)
    active = workbook.active
    if active in sheets:  # the sheet the user last looked at is most likely the register
        sheets.remove(active)
        sheets.insert(0, active)
    # A print sheet (reports.xlsx_print) holds only some columns: read it only when nothing else fits.
    sheets.sort(key=lambda sheet: str(getattr(sheet, "title", "")).startswith(_PRINT_SHEET_PREFIX))
    best: tuple[int, str, int, list[str]] | None = None  # (found, sheet, row, missing)
    try:
        for sheet in sheets:
            if not hasattr(sheet, "iter_rows"):  # chart sheets
                continue
            sheet.reset_dimensions()  # some writers store wrong dimensions; never trust them
            scan = sheet.iter_rows(min_row=1, max_row=HEADER_SCAN_ROWS, values_only=True)
            for number, values in enumerate(scan, start=1):
                headers = [normalize_header(v) for v in values]
                missing = [h for h in required if h not in headers]
                if not missing:
                    return _table(path, workbook, sheet, number, headers)
                found = len(required) - len(missing)
                if found and (best is None or found > best[0]):
                    best = (found, sheet.title, number, missing)
    except _CORRUPT_ERRORS as exc:
        raise _corrupt(path) from exc
    if best is None:
        raise UserError(
            f"在文件“{path.name}”中没有找到表头（列标题）。表头应位于前{HEADER_SCAN_ROWS}行之内，"
            f"并包含以下列：{'、'.join(required)}。"
        )
    _, sheet_name, row, missing = best
    raise UserError(
        f"文件“{path.name}”的工作表“{sheet_name}”（表头在第{row}行）缺少必需的列：{'、'.join(missing)}。"
        "请补上这些列，或把列标题改成与模板一致的文字后再导入。"
    )


def _table(path: Path, workbook: Any, sheet: Any, header_row: int, headers: list[str]) -> SheetTable:
    columns: dict[str, int] = {}
    for index, text in enumerate(headers):
        if text and text not in columns:  # a repeated header: the leftmost one counts
            columns[text] = index
    width = max(columns.values()) + 1
    return SheetTable(path, sheet.title, header_row, columns, width, workbook, sheet)


def _is_blank(values: Sequence[Any]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)
