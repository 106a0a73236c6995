"""The order every year register export (台账 of disclosure items, of posts) follows: the actor's
role, the year, the .xlsx name, the rows, the sheet written with progress and cancel, one audit
entry. An area says only what its register is (`RegisterSheet`), its title and its rows."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict, Unpack

from sqlalchemy.orm import Session

from app.audit.anchor import footer_code
from app.auth.roles import Role
from app.context import Actor
from app.errors import ValidationError
from app.export_progress import CancelFlag, Progress, write_register_xlsx
from app.export_unit import record_export
from app.years import check_year

if TYPE_CHECKING:
    from reports.xlsx_print import PrintLayout


@dataclass(frozen=True)
class RegisterSheet:
    name: str  # the sheet's name, also what the audit summary calls the register
    headers: Sequence[str]
    widths: Sequence[float]
    wrap_columns: Collection[int]
    print_columns: Sequence[str]  # what the paper file shows unless the office chose otherwise
    roles: Sequence[Role]  # who may take it out
    audit_kind: str  # the audit entry's record kind, e.g. "post_register"
    unit: str  # how rows are counted in the audit entry: 条, 篇
    step: int = 50  # rows between progress reports / cancel checks


class ExportOptions(TypedDict, total=False):
    """What the GUI passes to a register export besides the file and the year."""

    progress: Progress | None  # progress(done, total) while writing
    cancel: CancelFlag | None  # returning True stops with ExportCancelled and no file
    layout: PrintLayout | None  # the print sheet's columns; default the register's print_columns on A4


def check_xlsx(path: str | Path) -> Path:
    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        raise ValidationError(f"文件名“{target.name}”应以 .xlsx 结尾。", field="path")
    return target


def export_year_register(
    session: Session,
    actor: Actor,
    sheet: RegisterSheet,
    path: str | Path,
    year: int,
    title: Callable[[Session, int], str],
    rows: Callable[[], tuple[int, Iterable[Sequence[Any]]]],
    **options: Unpack[ExportOptions],
) -> int:
    """Write `year`'s register to `path`; returns the row count. `rows()` (called after the checks)
    gives the count and the rows, which may be produced while the sheet is written.

    `progress(done, total)` is called while writing; `cancel()` returning True stops with
    ExportCancelled and no file. One audit entry (action "export") records the export.
    """
    actor.require(*sheet.roles)
    check_year(year)
    target = check_xlsx(path)
    total, values = rows()
    heading = title(session, year)
    progress, cancel, layout = options.get("progress"), options.get("cancel"), options.get("layout")
    if layout is None:
        from reports.xlsx_print import PrintLayout  # late: openpyxl loads only when exporting

        layout = PrintLayout(tuple(sheet.print_columns))
    write_register_xlsx(target, sheet.name, heading, sheet.headers, sheet.widths, values, total,
                        wrap_columns=sheet.wrap_columns, step=sheet.step, progress=progress, cancel=cancel,
                        layout=layout, footer_note=footer_code(session))
    record_export(session, actor, sheet.audit_kind, str(year),
                  after={"文件": target.name, f"{sheet.unit}数": total, "范围": heading},
                  summary=f"导出{sheet.name} {year} 年 {total} {sheet.unit}（{target.name}）")
    return total
