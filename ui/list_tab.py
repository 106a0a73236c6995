"""The part of an area's tab around its list-and-detail shell (ui/list_shell.py) that the three areas
(依申请公开, 发布审核, 主动公开) share: the list follows the filter, this PC's changes to the area's
records reload it, a dashboard item opens its record, and a new record is shown once registered.

    class CasesTab(ListTab[CaseDetail]):
        record_type, kinds = "request_case", (RecordKind.CASES,)

A subclass builds `self.shell` (and `self.detail`, the panel under the list) in its own _build and
connects `ctx.events.changed` to `_on_changed` in its _connect.
"""

from __future__ import annotations

from functools import partial
from typing import ClassVar, Generic, Protocol, TypeVar

from PySide6.QtCore import SignalInstance, Slot

from app.changes import Changes, RecordKind
from ui.area_page import AreaPage
from ui.list_shell import ListDetailShell, RecordDetail


class _Opens(Protocol):
    def open(self) -> None: ...


D = TypeVar("D", bound=_Opens)
P = TypeVar("P", bound=RecordDetail)


class ListTab(AreaPage, Generic[P]):
    record_type: ClassVar[str]
    """The dashboard's name for the area's records (show_record)."""

    kinds: ClassVar[tuple[RecordKind, ...]]
    """The changes, made on this PC, after which the list and the record below are read again."""

    shell: ListDetailShell
    detail: P

    # -- the list ----------------------------------------------------------------------------
    @Slot()
    def apply_filter(self) -> None:
        self.shell.apply_filter()

    @Slot()
    def refresh(self) -> None:
        self.shell.refresh()

    @Slot()
    def refresh_list(self) -> None:
        """Another PC changed something: the list, and the record below unless a form there has typing."""
        self.shell.refresh_remote()

    @Slot(object)
    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(*self.kinds):
            self.refresh()

    def select_record(self, record_id: int) -> None:
        """Show `record_id` below and select it in the list when the filter includes it. The
        dashboard and a new registration come here too: typed input below is not lost unasked."""
        go = partial(self._select_now, record_id)
        if record_id == self.detail.record_id or self.detail.may_leave(record_id, go):
            go()

    def _select_now(self, record_id: int) -> None:
        self.show_list()
        self.shell.select(record_id)

    def show_list(self) -> None:
        """Bring the list to the front (a tab with more pages than the list overrides this)."""

    def open_new(self, dialog: D, saved: SignalInstance) -> D:
        """Open a dialog that registers a new record (`saved` is its signal carrying the new id):
        the record is shown and selected once saved."""
        saved.connect(self.select_record)
        dialog.open()
        return dialog

    # -- main window contract ----------------------------------------------------------------
    def show_record(self, record_type: str, record_id: int | None) -> None:
        if record_type == self.record_type and record_id is not None:
            self.select_record(record_id)

    def can_close(self) -> bool:
        return True
