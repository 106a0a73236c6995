"""依申请公开: the case list with its filters above, the selected case below."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QWidget

from app.cases.queries import CaseFilter
from app.changes import RecordKind
from ui.cases.case_detail import CaseDetail
from ui.cases.case_list_model import CaseListModel
from ui.cases.filter_bar import FilterBar
from ui.cases.intake_dialog import IntakeDialog
from ui.cases.register_actions import RegisterActions
from ui.column_layout import column
from ui.context import AppContext
from ui.list_shell import ListDetailShell
from ui.list_tab import ListTab

RECORD_TYPE = "request_case"


class CasesTab(ListTab[CaseDetail]):
    record_type = RECORD_TYPE
    kinds = (RecordKind.CASES,)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 today: Callable[[], date] | None = None) -> None:
        super().__init__(ctx, parent, today=today)
        self.intake: IntakeDialog | None = None

        self._build(today)
        self._lay_out()
        self._connect()

    def _build(self, today: Callable[[], date] | None) -> None:
        self.filters = FilterBar(self)
        self.model = CaseListModel(self.ctx, self, today)
        self.detail = CaseDetail(self.ctx, self, today)
        self.registers = RegisterActions(self.ctx, self, self.current_filter)
        # Sorted by 收到申请日期: Qt's default (受理编号) is the one order no index serves (issue 8).
        self.shell = ListDetailShell(self.ctx, self.model, self.detail, self.filters, name="case",
                                     current_filter=self.current_filter, count_text=self._count_text,
                                     sort_column=5, parent=self)
        shell = self.shell
        self.new_button = shell.add_button(self.tr("登记新申请…"), self.new_case, "newCase", primary=True)
        self.export_button = shell.add_button(self.tr("导出台账…"), self.registers.export_dialog)
        self.import_button = shell.add_button(self.tr("导入台账…"), self.registers.import_dialog)
        self.refresh_button, self.count, self.table, self.splitter = \
            shell.refresh_button, shell.count, shell.table, shell.splitter
        self.count.setObjectName("caseCount")
        self.table.setAlternatingRowColors(False)

    def _lay_out(self) -> None:
        column(self, self.shell, margins=(8, 8, 8, 8))

    def _connect(self) -> None:
        self.ctx.events.changed.connect(self._on_changed)
        self.ctx.events.actor_changed.connect(self.apply_filter)

    # -- the list ----------------------------------------------------------------------------
    def current_filter(self) -> CaseFilter:
        return self.filters.current_filter(self._today(), self.ctx.actor.user_id)

    def _count_text(self) -> str:
        return self.tr("共 {n} 件").format(n=self.model.total)

    select_case = ListTab.select_record

    # -- actions -----------------------------------------------------------------------------
    @Slot()
    def new_case(self) -> IntakeDialog:
        dlg = IntakeDialog(self.ctx, self, today=self._today)
        self.intake = self.open_new(dlg, dlg.case_saved)
        return dlg

    # -- main window contract ----------------------------------------------------------------
    def can_close(self) -> bool:
        return self.detail.reply.can_discard()  # a typed reply draft is not thrown away unasked
