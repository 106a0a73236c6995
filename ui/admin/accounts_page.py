"""账户管理: list accounts, create, edit, deactivate/reactivate, reset passwords."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.auth.service import AccountAction, account_actions, list_users, set_active
from app.changes import RecordKind
from app.db.base import utcnow
from ui import messages
from ui.admin.rows_table import admin_table
from ui.admin.user_dialog import ResetPasswordDialog, UserDialog
from ui.admin.users_model import UserRow, UsersModel
from ui.availability import refused
from ui.context import AppContext
from ui.operations import Op, announce, read


class AccountsPage(QWidget):
    users_changed = Signal()
    """An account was created, changed, (de)activated or had its password reset."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._build()
        self._lay_out()
        self._connect()
        self.refresh()

    # -- build / lay out / connect -----------------------------------------------------------
    def _build(self) -> None:
        self.model = UsersModel(self)
        self.title = QLabel(self.tr("账户管理"), self)
        self.title.setObjectName("pageTitle")
        self.hint = QLabel(
            self.tr("每人使用自己的账户，不共用登录名。人员调整时停用账户即可，其办理记录和审计记录都会保留。"),
            self,
        )
        self.hint.setObjectName("pageHint")
        self.hint.setWordWrap(True)

        self.table = admin_table(self.model, self)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)  # 角色 (column 3) takes the rest of the width instead
        for col, width in enumerate((130, 110, 130, 300, 120, 150)):
            self.table.setColumnWidth(col, width)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)

        self.new_button = QPushButton(self.tr("新建账户…"), self)
        self.edit_button = QPushButton(self.tr("编辑…"), self)
        self.toggle_button = QPushButton(self.tr("停用"), self)
        self.reset_button = QPushButton(self.tr("重置密码…"), self)
        self.refresh_button = QPushButton(self.tr("刷新"), self)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("pageHint")

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        for b in (self.new_button, self.edit_button, self.toggle_button, self.reset_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

    def _connect(self) -> None:
        self.table.doubleClicked.connect(self._on_double_clicked)
        self.new_button.clicked.connect(self.new_user)
        self.edit_button.clicked.connect(self.edit_selected)
        self.toggle_button.clicked.connect(self.toggle_selected)
        self.reset_button.clicked.connect(self.reset_selected)
        self.refresh_button.clicked.connect(self.refresh)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

    # --- data -----------------------------------------------------------------------------
    @Slot()
    def refresh(self) -> None:
        """Reload the accounts, keeping the selected one selected."""
        keep = self.selected_row()
        now = utcnow()
        with self.ctx.reader() as s:
            rows = [UserRow.from_user(u, now) for u in list_users(s)]
        self.model.set_rows(rows)
        if keep is None and rows:
            keep = rows[0]
        active = sum(1 for r in rows if r.active)
        self.count_label.setText(self.tr("共 {n} 个账户，其中启用 {a} 个。").format(n=len(rows), a=active))
        if keep is not None:
            self.select_user(keep.id)
        self._update_buttons()

    def selected_row(self) -> UserRow | None:
        indexes = self.table.selectionModel().selectedRows()
        return self.model.row_at(indexes[0].row()) if indexes else None

    def select_user(self, user_id: int) -> None:
        row = self.model.row_of(user_id)
        if row >= 0:
            self.table.selectRow(row)

    @Slot()
    def _update_buttons(self) -> None:
        row = self.selected_row()
        for b in (self.edit_button, self.toggle_button, self.reset_button):
            b.setEnabled(row is not None)
        self.toggle_button.setText(self.tr("启用") if row is not None and not row.active else self.tr("停用"))

    def _changed(self, user_id: int | None = None) -> None:
        self.refresh()
        if user_id is not None:
            self.select_user(user_id)
        self.users_changed.emit()
        announce(self.ctx, RecordKind.USERS)

    # --- actions --------------------------------------------------------------------------
    @Slot()
    def new_user(self) -> None:
        """Open the 新建账户 dialog (window-modal, not blocking)."""
        dialog = UserDialog(self.ctx, None, self)
        dialog.user_saved.connect(self._on_user_saved)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    @Slot()
    def edit_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        dialog = UserDialog(self.ctx, row, self)
        dialog.user_saved.connect(self._on_user_saved)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    @Slot(QModelIndex)
    def _on_double_clicked(self, _index: QModelIndex) -> None:
        self.edit_selected()

    @Slot(int)
    def _on_user_saved(self, user_id: int) -> None:
        self._changed(user_id)

    @Slot()
    def toggle_selected(self) -> None:
        """Deactivate the selected account (after confirmation) or reactivate it."""
        row = self.selected_row()
        if row is None:
            return
        user_id, actor = row.id, self.ctx.actor
        action = AccountAction.DEACTIVATE if row.active else AccountAction.REACTIVATE
        if refused(self, read(self.ctx, lambda s: account_actions(s, user_id, actor)), action):
            return  # told why (e.g. one's own account), never asked first
        if row.active and not messages.confirm(
            self,
            self.tr("停用账户"),
            self.tr("停用账户“{name}（{user}）”后，该用户不能再登录，但其办理记录和审计记录都会保留，"
                    "以后可以重新启用。\n\n确定停用吗？").format(name=row.display_name, user=row.username),
        ):
            return
        # _changed announces the change once the list shows it.
        if self.ctx.run(Op(lambda s: set_active(s, self.ctx.actor, row.id, not row.active), parent=self,
                           title=self.tr("停用账户") if row.active else self.tr("启用账户"))).ok:
            self._changed(row.id)

    @Slot()
    def reset_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        dialog = ResetPasswordDialog(self.ctx, row, self)
        dialog.password_reset.connect(self._on_password_reset)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    @Slot(int)
    def _on_password_reset(self, user_id: int) -> None:
        self._changed(user_id)
        row = self.model.row_at(self.model.row_of(user_id))
        name = row.display_name if row else ""
        messages.show_info(self, self.tr("重置密码"),
                           self.tr("已为“{name}”设置临时密码，请当面告知本人，并提醒其登录后立即修改。").format(name=name))
