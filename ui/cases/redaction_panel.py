"""区分处理 tab of a case: the 拟公开材料, their released copies, the statement, the no-copy reason."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Slot
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.cases.archive import document_content
from app.changes import RecordKind
from app.redaction.service import (
    ReleaseItem,
    StatementRow,
    add_release_source,
    get_redaction,
    load_marks,
    no_copy_reason,
    record_no_copy_reason,
    release_items,
    review_released_copy,
    statement_rows,
)
from ui.cases import files
from ui.cases.actions import read
from ui.cases.case_view import CaseView
from ui.context import AppContext
from ui.list_table import list_table
from ui.messages import show_error
from ui.operations import Op
from ui.rows_model import RowColumn, RowsModel
from ui.style import Colour

FILE_FILTER = "可遮盖的材料 (*.pdf *.png *.jpg *.jpeg *.tif *.tiff *.docx);;所有文件 (*)"


def _state(item: ReleaseItem) -> str:
    if item.released_id is None:
        return "未生成公开件"
    return "标记已修改，需重新生成" if item.outdated else "已生成公开件"


class RedactionPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("redactionPanel")
        self.ctx = ctx
        self.view: CaseView | None = None
        self.dialog: QWidget | None = None
        self._build()
        self._lay_out()
        self._connect()

    def _build(self) -> None:
        self.items: RowsModel[ReleaseItem] = RowsModel([
            RowColumn(self.tr("拟公开材料"), lambda r: r.filename),
            RowColumn(self.tr("遮盖标记"), lambda r: self.tr("{n} 处").format(n=r.mark_count)),
            RowColumn(self.tr("公开件"), lambda r: r.released_name or "—"),
            RowColumn(self.tr("情况"), _state,
                      lambda r: Colour.DONE if r.released_id and not r.outdated else Colour.ERROR),
            RowColumn(self.tr("复核"), lambda r: self.tr("已由{who}复核").format(who=r.reviewed_by)
                      if r.reviewed_by else "—"),
        ], self)
        self.table = self._table(self.items, "releaseTable")
        self.statement: RowsModel[StatementRow] = RowsModel([
            RowColumn(self.tr("公开件"), lambda r: r.document),
            RowColumn(self.tr("页码"), lambda r: str(r.page) if r.page is not None else "—"),
            RowColumn(self.tr("不予公开的理由"), lambda r: r.ground.label),
            RowColumn(self.tr("依据"), lambda r: f"《条例》{r.ground.citation}"),
            RowColumn(self.tr("处数"), lambda r: str(r.count)),
        ], self)
        self.statement_table = self._table(self.statement, "statementTable")

        self.add_button = QPushButton(self.tr("添加拟公开材料…"), self)
        self.add_button.setObjectName("addReleaseSource")
        self.redact_button = QPushButton(self.tr("遮盖处理…"), self)
        self.redact_button.setObjectName("openRedaction")
        self.open_copy_button = QPushButton(self.tr("打开公开件"), self)
        self.review_button = QPushButton(self.tr("复核公开件"), self)
        self.review_button.setObjectName("reviewCopy")
        self.review_button.setToolTip(self.tr("由遮盖标记人以外的工作人员核对公开件后确认（系统参数可要求必须复核）"))
        self.reason = QLineEdit(self)
        self.reason.setObjectName("noCopyReason")
        self.reason.setPlaceholderText(self.tr("如以摘录方式提供、口头告知等；无需公开件时填写"))
        self.reason_button = QPushButton(self.tr("保存理由"), self)
        self.reason_button.setObjectName("saveNoCopyReason")

    def _lay_out(self) -> None:
        intro = QLabel(self.tr(
            "条例第三十七条：申请公开的信息中含有不应当公开的内容，但能够作区分处理的，应当提供可以公开的内容。"
            "拟公开材料原件保存在案卷中、不对外提供；遮盖处理后生成的公开件作为答复书附件。"), self)
        intro.setWordWrap(True)
        row = QHBoxLayout()
        for b in (self.add_button, self.redact_button, self.open_copy_button, self.review_button):
            row.addWidget(b)
        row.addStretch(1)
        statement_box = QGroupBox(self.tr("区分处理说明（答复书据此写明理由和依据）"), self)
        QVBoxLayout(statement_box).addWidget(self.statement_table)
        reason_row = QHBoxLayout()
        reason_row.addWidget(QLabel(self.tr("无需公开件的理由："), self))
        reason_row.addWidget(self.reason, 1)
        reason_row.addWidget(self.reason_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 2)
        layout.addLayout(row)
        layout.addWidget(statement_box, 2)
        layout.addLayout(reason_row)

    def _connect(self) -> None:
        self.table.doubleClicked.connect(self._open_row)
        self.add_button.clicked.connect(self.add_dialog)
        self.redact_button.clicked.connect(self.open_selected)
        self.open_copy_button.clicked.connect(self.open_copy)
        self.reason_button.clicked.connect(self.save_reason)
        self.review_button.clicked.connect(self.review_selected)

    def _table(self, model: QAbstractTableModel, name: str) -> QTableView:
        table = list_table(model, (), self, object_name=name)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        return table

    def set_case(self, v: CaseView | None) -> None:
        self.view = v
        self.setEnabled(v is not None)
        if v is None:
            self.items.set_rows([])
            self.statement.set_rows([])
            return
        case_id = v.id
        items, rows, reason = read(self.ctx, lambda s: (
            release_items(s, case_id), statement_rows(s, case_id), no_copy_reason(s, case_id)))
        self.items.set_rows(items)
        self.statement.set_rows(rows)
        self.reason.setText(reason)
        editable = v.status.value not in ("closed", "archived")
        for w in (self.add_button, self.redact_button, self.reason_button, self.reason, self.review_button):
            w.setEnabled(editable)

    def selected(self) -> ReleaseItem | None:
        rows = self.table.selectionModel().selectedRows()
        return self.items.row_at(rows[0].row()) if rows else None

    @Slot()
    def add_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("添加拟公开材料"), "", self.tr(FILE_FILTER))
        if name:
            self.add_file(Path(name))

    def add_file(self, path: Path) -> bool:
        if self.view is None:
            return False
        try:
            content = path.read_bytes()
        except OSError as exc:
            show_error(self, self.tr("无法读取文件“{name}”：{err}").format(name=path.name, err=exc.strerror or exc))
            return False
        case_id = self.view.id
        ok: bool = self.ctx.run(Op(lambda s: add_release_source(s, self.ctx.actor, case_id, path.name, content)
                                   and None, RecordKind.CASES, parent=self))[0]
        return ok

    @Slot(QModelIndex)
    def _open_row(self, index: QModelIndex) -> None:
        self.table.selectRow(index.row())
        self.open_selected()

    @Slot()
    def open_selected(self) -> QWidget | None:
        """Open the redaction view for the selected document (the first one if none is selected)."""
        from ui.cases.redaction_view import RedactionDialog

        item = self.selected() or self.items.row_at(0)
        if item is None:
            show_error(self, self.tr("请先添加拟公开材料。"))
            return None
        source_id = item.source_id
        try:
            data, marks, fmt = read(self.ctx, lambda s: (
                document_content(s, source_id), load_marks(s, source_id), get_redaction(s, source_id).output_format))
        except Exception as exc:
            show_error(self, exc)
            return None
        dlg = RedactionDialog(self.ctx, source_id, item.filename, data, marks, fmt, self)
        self.dialog = dlg
        dlg.open()
        return dlg

    @Slot()
    def open_copy(self) -> None:
        item = self.selected()
        if item is None or item.released_id is None:
            show_error(self, self.tr("请先选择已生成公开件的材料。"))
            return
        copy_id = item.released_id
        try:
            content = read(self.ctx, lambda s: document_content(s, copy_id))
        except Exception as exc:
            show_error(self, exc)
            return
        files.open_document(item.released_name, content, self.ctx.db.data_dir)

    @Slot()
    def review_selected(self) -> bool:
        item = self.selected()
        if item is None or item.released_id is None:
            show_error(self, self.tr("请先选择已生成公开件的材料，打开公开件核对后再确认复核。"))
            return False
        source_id = item.source_id
        ok: bool = self.ctx.run(Op(lambda s: review_released_copy(s, self.ctx.actor, source_id) and None,
                                   RecordKind.CASES, parent=self))[0]
        return ok

    @Slot()
    def save_reason(self) -> bool:
        if self.view is None:
            return False
        case_id, text = self.view.id, self.reason.text()
        ok: bool = self.ctx.run(Op(lambda s: record_no_copy_reason(s, self.ctx.actor, case_id, text),
                                   RecordKind.CASES, parent=self))[0]
        return ok
