"""案卷材料: the C.13 checklist, the documents in the case file, letters and the case-file export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.attachments import format_size
from app.availability import Availability
from app.cases.archive import (
    ARCHIVE_ITEMS,
    ChecklistRow,
    DocumentAction,
    add_document,
    document_actions,
    document_content,
    remove_document,
)
from app.cases.case_file import EXPORT_ROLES, export_case_file
from app.cases.handling_form import handling_form
from app.cases.reprint import DRAFT_NOTE, print_copy
from app.changes import RecordKind
from ui.availability import offer, refused
from ui.cases import actions, files
from ui.cases.actions import read
from ui.cases.case_view import CaseView, DocumentView
from ui.cases.form_dialog import FormDialog
from ui.cases.letters_ui import LETTER_KINDS, LETTER_LABELS, open_generated_letter
from ui.context import AppContext
from ui.list_table import list_table
from ui.messages import show_error, show_info
from ui.operations import ExportOp, Op, precheck, read_reported
from ui.rows_model import RowColumn, RowsModel
from ui.style import Colour, Sheet, apply_style
from ui.workers import TaskHandle


def _check_mark(r: ChecklistRow) -> str:
    if r.satisfied:
        return "✓ 已具备" + (f"（{r.documents} 份）" if r.documents else "")
    return "✗ 缺少" if r.required else "—"


class DocumentsPanel(QWidget):
    archive_requested = Signal()
    """The clerk pressed 归档 here (the detail runs the service)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.view: CaseView | None = None
        self.doc_actions: Availability[DocumentAction] | None = None
        self.dialog: FormDialog | None = None
        self._build()
        self._lay_out()
        self._connect()

    def _build(self) -> None:
        self.checklist: RowsModel[ChecklistRow] = RowsModel([
            RowColumn(self.tr("存档材料（县制度第七条）"), lambda r: r.label),
            RowColumn(self.tr("情况"), _check_mark,
                      lambda r: Colour.DONE if r.satisfied else (Colour.ERROR if r.required else None)),
            RowColumn(self.tr("要求"), lambda r: r.when),
        ], self)
        self.check_table = self._table(self.checklist, "checklistTable")
        self.documents: RowsModel[DocumentView] = RowsModel([
            RowColumn(self.tr("文件名"), lambda d: d.filename),
            RowColumn(self.tr("类别"), lambda d: d.category_label),
            RowColumn(self.tr("来源"), lambda d: self.tr("系统生成：") + LETTER_LABELS.get(d.letter_kind, d.letter_kind)
                      if d.letter_kind else self.tr("上传")),
            RowColumn(self.tr("大小"), lambda d: format_size(d.size)),
            RowColumn(self.tr("添加人"), lambda d: d.added_by),
            RowColumn(self.tr("添加时间"), lambda d: d.added_at.strftime("%Y-%m-%d %H:%M")),
            RowColumn(self.tr("备注"), lambda d: d.note),
        ], self)
        self.doc_table = self._table(self.documents, "documentTable")

        self.missing = QLabel(self)
        self.missing.setObjectName("missingItems")
        self.missing.setWordWrap(True)
        self.add_button = QPushButton(self.tr("添加材料…"), self)
        self.add_button.setObjectName("addDocument")
        self.open_button = QPushButton(self.tr("打开"), self)
        self.remove_button = QPushButton(self.tr("删除"), self)
        self.copy_button = QPushButton(self.tr("打印副本"), self)
        self.copy_button.setObjectName("printCopy")
        self.copy_button.setToolTip(self.tr("按已发出的原件（含原文号）打开一份标有“副本”的文书供打印；已归档的案件也可以。"))
        self.letter_button = QToolButton(self)
        self.letter_button.setText(self.tr("生成文书"))
        self.letter_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.letter_button)
        self.letter_actions = {kind: QAction(label, menu) for kind, label in LETTER_KINDS}
        for action in self.letter_actions.values():
            menu.addAction(action)
        self.letter_button.setMenu(menu)
        self.form_button = QPushButton(self.tr("生成办理单"), self)
        self.form_button.setObjectName("handlingForm")
        self.form_button.setToolTip(self.tr("按案件记录生成办理单（A4）并打开；未归档的放入案卷“办理单”，已归档的只打印。"))
        self.export_button = QPushButton(self.tr("导出案卷…"), self)
        self.archive_button = QPushButton(self.tr("归档"), self)
        self.archive_button.setObjectName("archiveFromDocuments")

    def _lay_out(self) -> None:
        left = QWidget(self)
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.check_table, 1)
        ll.addWidget(self.missing)
        right = QWidget(self)
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.doc_table, 1)
        row = QHBoxLayout()
        for b in (self.add_button, self.open_button, self.remove_button, self.copy_button, self.letter_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(self.form_button)
        row.addWidget(self.export_button)
        row.addWidget(self.archive_button)
        rl.addLayout(row)
        split = QSplitter(self)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        QVBoxLayout(self).addWidget(split)

    def _connect(self) -> None:
        self.doc_table.doubleClicked.connect(self.open_selected)
        for kind, action in self.letter_actions.items():
            action.triggered.connect(lambda _=False, k=kind: self.make_letter(k))
        self.add_button.clicked.connect(self.add_dialog)
        self.open_button.clicked.connect(self.open_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.copy_button.clicked.connect(self.print_copy_selected)
        self.form_button.clicked.connect(self.make_handling_form)
        self.doc_table.selectionModel().selectionChanged.connect(self._update_copy_button)
        self.export_button.clicked.connect(self.export_zip)
        self.archive_button.clicked.connect(self.archive_requested)

    def _table(self, model: QAbstractTableModel, name: str) -> QTableView:
        table = list_table(model, (), self, object_name=name)
        table.setAlternatingRowColors(True)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        return table

    def set_case(self, v: CaseView | None) -> None:
        self.view = v
        self.setEnabled(v is not None)
        self.checklist.set_rows(v.checklist if v else [])
        self.documents.set_rows(v.documents if v else [])
        if v is None:
            return
        missing = [r.label for r in v.checklist if r.missing]
        if missing:
            self.missing.setText(self.tr("归档前尚缺：") + "、".join(missing))
            apply_style(self.missing, Sheet.ERROR)
        else:
            self.missing.setText(self.tr("必备材料已齐全。"))
            apply_style(self.missing, Sheet.OK)
        case_id, actor = v.id, self.ctx.actor
        self.doc_actions = read(self.ctx, lambda s: document_actions(s, case_id, actor))
        offer(self.doc_actions, DocumentAction.ADD, self.add_button)
        offer(self.doc_actions, DocumentAction.ADD, self.letter_button)
        offer(self.doc_actions, DocumentAction.REMOVE, self.remove_button)
        self.archive_button.setEnabled(v.status.value == "closed")
        self._update_copy_button()

    @Slot()
    def _update_copy_button(self) -> None:
        doc = self.selected_document()
        # Only letters this program issued: an upload or a draft has no original to copy.
        self.copy_button.setEnabled(doc is not None and bool(doc.letter_kind) and DRAFT_NOTE not in doc.note)

    @Slot()
    def make_handling_form(self) -> bool:
        """办理单 of any case: filed while the case file is open, printed only once archived."""
        if self.view is None:
            return False
        case_id, today, now = self.view.id, self.ctx.today(), self.ctx.now()
        ok, form = self.ctx.run(Op(lambda s: handling_form(s, self.ctx.actor, case_id, today, now),
                                   RecordKind.CASES, parent=self))
        if ok and form is not None:
            files.open_document(form.filename, form.content)
        return ok

    @Slot()
    def print_copy_selected(self) -> bool:
        """打印副本: the stored letter marked 副本, opened for printing; the service audits it."""
        doc = self.selected_document()
        if doc is None:
            return False
        ok, copy = self.ctx.run(Op(lambda s: print_copy(s, self.ctx.actor, doc.id), RecordKind.CASES, parent=self))
        if ok and copy is not None:
            files.open_document(copy.filename, copy.content)
        return ok

    def selected_document(self) -> DocumentView | None:
        rows = self.doc_table.selectionModel().selectedRows()
        return self.documents.row_at(rows[0].row()) if rows else None

    def selected_category(self) -> str:
        rows = self.check_table.selectionModel().selectedRows()
        item = self.checklist.row_at(rows[0].row()) if rows else None
        if item is not None:
            return item.code
        first_missing = next((r for r in (self.view.checklist if self.view else []) if r.missing), None)
        return first_missing.code if first_missing else "other"

    @Slot()
    def add_dialog(self) -> FormDialog | None:
        if self.view is None:
            return None
        dlg = FormDialog(self.tr("添加案卷材料"), self, intro=self.tr(
            "扫描件、PDF、确认受理时间的通话录音等均可作为案卷材料保存在数据库中，随备份一起保存。"))
        dlg.add_choice("category", self.tr("材料类别："), [(i.label, i.code) for i in ARCHIVE_ITEMS],
                       self.selected_category())
        path = dlg.add_line("path", self.tr("文件："), placeholder=self.tr("点“浏览…”选择文件"))
        browse = QPushButton(self.tr("浏览…"), dlg)
        browse.clicked.connect(lambda: self._browse(dlg))
        dlg.form.addRow("", browse)
        dlg.add_line("note", self.tr("备注："))
        path.setMinimumWidth(360)
        dlg.on_submit = lambda d: self.add_file(str(d.choice("category")), Path(d.text("path")), d.text("note"), d)
        self.dialog = dlg
        dlg.open()
        return dlg

    def _browse(self, dlg: FormDialog) -> None:
        name, _ = QFileDialog.getOpenFileName(dlg, self.tr("选择文件"), "", self.tr(
            "常用材料 (*.pdf *.ofd *.jpg *.jpeg *.png *.tif *.tiff *.doc *.docx *.wps *.mp3 *.wav *.m4a *.amr);;"
            "所有文件 (*)"))
        if name:
            dlg.fields["path"].setProperty("text", name)

    def add_file(self, category: str, path: Path, note: str = "", parent: QWidget | None = None) -> bool:
        where = parent or self
        if self.view is None:
            return False
        if not str(path).strip() or not path.is_file():
            show_error(where, self.tr("请选择要添加的文件。"))
            return False
        try:
            content = path.read_bytes()
        except OSError as exc:  # the clerk's own file, before any service is asked
            show_error(where, self.tr("无法读取文件“{name}”：{err}").format(name=path.name, err=exc.strerror or exc))
            return False
        case_id = self.view.id
        return self.ctx.run(Op(lambda s: add_document(
            s, self.ctx.actor, case_id, category, path.name, content, note), RecordKind.CASES, parent=where))[0]

    @Slot()
    def open_selected(self) -> None:
        doc = self.selected_document()
        if doc is None:
            return
        doc_id = doc.id
        ok, content = read_reported(self.ctx, lambda s: document_content(s, doc_id), parent=self)
        if not ok or content is None:
            return  # the refusal (gone, damaged) was shown; a damaged file is on record
        files.open_document(doc.filename, content, self.ctx.db.data_dir)

    @Slot()
    def remove_selected(self) -> bool:
        doc = self.selected_document()
        if doc is None or self.view is None:
            return False
        case_id, actor = self.view.id, self.ctx.actor
        if refused(self, read(self.ctx, lambda s: document_actions(s, case_id, actor)), DocumentAction.REMOVE):
            return False  # told why, never asked first
        if not actions.ask(self, self.tr("删除材料"), self.tr("确定从案卷中删除“{name}”吗？删除记入审计日志。").format(
                name=doc.filename)):
            return False
        return self.ctx.run(Op(lambda s: remove_document(s, self.ctx.actor, doc.id), RecordKind.CASES, parent=self))[0]

    def make_letter(self, kind: str) -> int | None:
        if self.view is None:
            return None
        return open_generated_letter(self, self.ctx, self.view.id, kind)

    @Slot()
    def export_zip(self) -> None:
        if self.view is None:
            return
        if not precheck(lambda: self.ctx.actor.require(*EXPORT_ROLES), parent=self, title=self.tr("导出案卷")):
            return
        default = str(Path.home() / f"{self.view.case_no}_案卷.zip")
        name, _ = QFileDialog.getSaveFileName(self, self.tr("导出案卷"), default, self.tr("压缩文件 (*.zip)"))
        if name:
            self.export_to(Path(name if name.lower().endswith(".zip") else f"{name}.zip"))

    def export_to(self, out: Path) -> TaskHandle[Path]:
        assert self.view is not None
        ctx, case_id = self.ctx, self.view.id

        def done(path: Path) -> None:
            show_info(self, self.tr("导出案卷"), self.tr("案卷已导出到：\n{path}").format(path=path))

        return ctx.run(ExportOp(lambda s, _progress: export_case_file(s, ctx.actor, case_id, out), on_done=done,
                                parent=self, title=self.tr("导出案卷"), label=self.tr("正在导出案卷…")))
