"""The post editor (稿件): title, target, kinds, body with live automated checks, abstract, source,
flags and attachments. Opened non-modally; saving writes a version the next stage sees."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.changes import RecordKind
from app.errors import ConflictError
from app.form_conflict import merged
from app.review.checks import read_text
from app.review.conflict import post_differences
from app.review.enums import PostKind
from app.review.post_actions import PostAction
from app.review.posts import PostForm, create_post, get_post, update_post
from app.review.ui_support import PostView, post_view, targets
from app.review.workflow import submit
from ui.conflict_dialog import ConflictDialog, open_conflict
from ui.context import AppContext
from ui.messages import confirm, show_error
from ui.operations import Op
from ui.review.attachments_panel import AttachmentsPanel
from ui.review.checks_panel import ChecksPanel
from ui.review.post_summary import return_note
from ui.review.source_section import SourceSection
from ui.review.unsaved_prompt import ask_save_or_discard
from ui.shortcuts import connect_form
from ui.style import Sheet, apply_style
from ui.website.interpretation_kind import InterpretationKindBox
from ui.workers import run_task


class PostEditor(QDialog):
    post_saved = Signal(int)
    """A post was created or saved; carries its id."""

    post_submitted = Signal(int)
    """The draft was sent to 初审; carries its id."""

    def __init__(self, ctx: AppContext, post_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.post_id = post_id
        self.view: PostView | None = None
        self.version = 0
        self._original: PostForm | None = None  # as loaded: tells the conflict dialog what was typed
        self.conflict: ConflictDialog | None = None
        self.dirty = False
        self._loading = False
        self._discard = False
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.resize(1180, 780)
        self._build()
        self._lay_out()
        self._connect()
        self.load(post_id)

    def _build(self) -> None:
        self.title_edit = QLineEdit(self)
        self.title_edit.setObjectName("postTitle")
        self.title_edit.setPlaceholderText(self.tr("稿件标题"))
        self.target = QComboBox(self)
        self.target.setObjectName("postTarget")
        self.target.setMinimumWidth(260)
        self.target.addItem(self.tr("（请选择栏目或账号）"), "")
        with self.ctx.reader() as s:
            columns, accounts = targets(s)
        for name in columns:
            self.target.addItem(self.tr("栏目：{name}").format(name=name), name)
        if accounts:
            self.target.insertSeparator(self.target.count())
        for name in accounts:
            self.target.addItem(self.tr("新媒体：{name}").format(name=name), name)
        self.kind_boxes: dict[PostKind, QCheckBox] = {kind: QCheckBox(kind.label, self) for kind in PostKind}
        self.state = QLabel(self)
        self.state.setObjectName("postState")
        apply_style(self.state, Sheet.HINT)
        self.banner = QLabel(self)
        self.banner.setObjectName("returnBanner")
        self.banner.setWordWrap(True)
        apply_style(self.banner, Sheet.ALERT_BANNER)
        self.banner.hide()
        self.interpretation = InterpretationKindBox(self)
        # 正文 with the checks beside it, 摘要 below.
        self.body = QPlainTextEdit(self)
        self.body.setObjectName("postBody")
        self.body.setPlaceholderText(self.tr("在此粘贴或输入正文，也可从 Word（.docx）或文本文件导入"))
        self.import_button = QPushButton(self.tr("从文件导入…"), self)
        self.import_button.setToolTip(self.tr("导入 Word 文档（.docx）或文本文件（.txt）的文字"))
        self.count = QLabel(self)
        apply_style(self.count, Sheet.HINT)
        self.checks = ChecksPanel(self.ctx, self.body, self.post_id, self)
        self.abstract = QPlainTextEdit(self)
        self.abstract.setObjectName("postAbstract")
        self.abstract.setFixedHeight(60)
        self.abstract.setPlaceholderText(self.tr("摘要（可选；录入前须认真审核，第十四条）"))
        self.source = SourceSection(self.ctx, self)
        self.source_scroll = QScrollArea(self)
        self.source_scroll.setWidgetResizable(True)
        self.attachments = AttachmentsPanel(self.ctx, self)
        self.tabs = QTabWidget(self)
        self.save_button = QPushButton(self.tr("保存草稿"), self)
        self.submit_button = QPushButton(self.tr("提交审核"), self)
        apply_style(self.submit_button, Sheet.BOLD)
        self.close_button = QPushButton(self.tr("关闭"), self)

    def _lay_out(self) -> None:
        kinds = QHBoxLayout()
        for box in self.kind_boxes.values():
            kinds.addWidget(box)
        kinds.addStretch(1)
        head = QFormLayout()
        head.addRow(self.tr("标题："), self.title_edit)
        target_row = QHBoxLayout()
        target_row.addWidget(self.target)
        target_row.addSpacing(24)
        target_row.addWidget(QLabel(self.tr("信息形式："), self))
        target_row.addLayout(kinds, 1)
        target_row.addWidget(self.interpretation)
        head.addRow(self.tr("发布到："), target_row)

        body_box = QWidget(self)
        bl = QVBoxLayout(body_box)
        bl.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("正文："), self))
        bar.addStretch(1)
        bar.addWidget(self.count)
        bar.addWidget(self.import_button)
        bl.addLayout(bar)
        bl.addWidget(self.body, 1)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(body_box)
        split.addWidget(self.checks)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setSizes([640, 520])
        split.setChildrenCollapsible(False)
        text_page = QWidget(self)
        tl = QVBoxLayout(text_page)
        tl.addWidget(split, 1)
        tl.addWidget(QLabel(self.tr("摘要："), self))
        tl.addWidget(self.abstract)

        self.source_scroll.setWidget(self.source)
        self.tabs.addTab(text_page, self.tr("正文与自动检查"))
        self.tabs.addTab(self.source_scroll, self.tr("信息来源与请示"))
        self.tabs.addTab(self.attachments, self.tr("附件"))

        buttons = QHBoxLayout()
        buttons.addWidget(self.state, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.submit_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(head)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)

    def _connect(self) -> None:
        connect_form(self, self.save, self.save_button.clicked, self.close_button.clicked, help_page="post_editor")
        self.title_edit.textChanged.connect(self._mark_dirty)
        self.body.textChanged.connect(self._mark_dirty)
        self.body.textChanged.connect(self._update_count)
        self.abstract.textChanged.connect(self._mark_dirty)
        self.target.currentIndexChanged.connect(self._mark_dirty)
        self.interpretation.changed.connect(self._mark_dirty)
        for box in self.kind_boxes.values():
            box.toggled.connect(self._mark_dirty)
        self.source.changed.connect(self._mark_dirty)
        self.source.basis_upload_requested.connect(self._upload_basis)
        self.attachments.attachments_changed.connect(self.source.set_basis_count)
        self.import_button.clicked.connect(self.choose_import)
        self.submit_button.clicked.connect(self.submit_post)

    # -- loading -------------------------------------------------------------------------------
    def load(self, post_id: int | None) -> None:
        self._loading = True
        self.post_id = post_id
        if post_id is None:
            self.view = None
            self.kind_boxes[PostKind.TEXT].setChecked(True)
            self.setWindowTitle(self.tr("新建稿件"))
        else:
            with self.ctx.reader() as s:
                self.view = view = post_view(s, post_id, self.ctx.actor)
            self.version = view.version
            self._original = view.form
            self._fill(view.form)
            self.setWindowTitle(self.tr("稿件 {no}《{title}》").format(no=view.post_no, title=view.form.title))
        editable = self.view is None or self.view.may_edit
        self._set_editable(editable)
        self.attachments.set_post(post_id, editable=editable)
        self.checks.set_post_id(post_id)
        self._update_state()
        self._loading = False
        self.dirty = False

    def _fill(self, form: PostForm) -> None:
        self.title_edit.setText(form.title)
        index = self.target.findData(form.target)
        if index < 0 and form.target:  # a column renamed in settings since the post was written
            self.target.addItem(form.target, form.target)
            index = self.target.count() - 1
        self.target.setCurrentIndex(max(index, 0))
        for kind, box in self.kind_boxes.items():
            box.setChecked(kind in form.kinds)
        if self.body.toPlainText() != form.body:
            self.body.setPlainText(form.body)
        self.abstract.setPlainText(form.abstract)
        self.interpretation.set_kind(form.interpretation_kind)
        self.source.fill(form)

    def _set_editable(self, editable: bool) -> None:
        for edit in (self.title_edit,):
            edit.setReadOnly(not editable)
        self.body.setReadOnly(not editable)
        self.abstract.setReadOnly(not editable)
        for w in (self.target, self.import_button, self.save_button, self.interpretation, *self.kind_boxes.values()):
            w.setEnabled(editable)
        self.source.set_read_only(not editable)
        # A new post is its writer's; a saved one may be submitted by whom app.review.post_actions says.
        self.submit_button.setVisible(self.view is None or self.view.actions.allowed(PostAction.SUBMIT))

    def _update_state(self) -> None:
        v = self.view
        note = return_note(v) if v is not None else ""
        self.banner.setText(note)
        self.banner.setVisible(bool(note))
        if v is None:
            self.state.setText(self.tr("新稿件，尚未保存"))
            return
        self.state.setText(self.tr("编号 {no} · {status} · 第 {round} 轮 · 共 {n} 版 · 采编 {author}{ro}").format(
            no=v.post_no, status=v.status.label, round=v.round, n=v.version_count, author=v.author_name,
            ro="" if v.may_edit else self.tr(" · 只读（当前环节不能修改）")))

    @Slot()
    def _mark_dirty(self) -> None:
        if not self._loading:
            self.dirty = True

    @Slot()
    def _update_count(self) -> None:
        text = self.body.toPlainText()
        self.count.setText(self.tr("{n} 字").format(n=sum(1 for c in text if not c.isspace())))

    # -- the form ------------------------------------------------------------------------------
    def current_form(self) -> PostForm:
        form = PostForm(
            title=self.title_edit.text(), target=str(self.target.currentData() or ""),
            kinds=[k for k, box in self.kind_boxes.items() if box.isChecked()],
            body=self.body.toPlainText(), abstract=self.abstract.toPlainText(),
            interpretation_kind=self.interpretation.kind(),
        )
        return self.source.apply(replace(form))

    def _point_at(self, field: str | None) -> None:
        widgets: dict[str, QWidget] = {"title": self.title_edit, "target": self.target, "body": self.body,
                                       "kinds": self.kind_boxes[PostKind.TEXT]}
        if field == "source":
            self.tabs.setCurrentIndex(1)
        elif field in widgets:
            if field == "body":
                self.tabs.setCurrentIndex(0)
            widgets[field].setFocus()

    @Slot()
    def save(self) -> bool:
        """Create the draft or save the changes; True when saved (or nothing to save)."""
        if self.post_id is not None and not self.dirty:
            return True
        form = self.current_form()
        current, version = self.post_id, self.version
        conflicts: list[ConflictError] = []

        def save(s: Session) -> int:
            if current is None:
                return create_post(s, self.ctx.actor, form).id
            if get_post(s, current).version != version:  # someone saved first: resolved in the conflict dialog
                conflicts.append(ConflictError(self.tr(
                    "该稿件在您打开后已被他人修改并保存。请逐项核对差异（对方的值 / 您的值），"
                    "选定保留哪一个后再保存。")))
                return 0
            return update_post(s, self.ctx.actor, current, form, version).id

        ok, post_id = self.ctx.run(Op(save, RecordKind.REVIEW, parent=self, title=self.tr("保存稿件"),
                                      point_at=self._point_at))
        if conflicts and current is not None:
            self.resolve_conflict(str(conflicts[0]), form)
            return False
        if not ok or post_id is None:
            return False
        self.load(post_id)
        self.post_saved.emit(post_id)
        return True

    def resolve_conflict(self, message: str, mine: PostForm) -> ConflictDialog | None:
        """Someone saved the post first: show what differs, save the chosen values on their version."""
        post_id, original = self.post_id, self._original
        if post_id is None or original is None:
            return None
        with self.ctx.reader() as s:
            fresh = post_view(s, post_id, self.ctx.actor)

        def chosen(keep_mine: set[str]) -> None:
            self._loading = True
            self._fill(merged(fresh.form, mine, keep_mine))
            self._loading = False
            self._original, self.version, self.dirty = fresh.form, fresh.version, True
            self.save()

        self.conflict = open_conflict(self, message, post_differences(original, fresh.form, mine), chosen)
        return self.conflict

    @Slot()
    def submit_post(self) -> bool:
        """Save, then send the draft to 初审 (the service checks the source is complete)."""
        if not self.save() or self.post_id is None:
            return False
        post_id = self.post_id
        if not self.ctx.run(Op(lambda s: submit(s, self.ctx.actor, post_id), RecordKind.REVIEW, parent=self,
                               title=self.tr("提交审核"), point_at=self._point_at)).ok:
            return False
        self.post_submitted.emit(self.post_id)
        self.dirty = False
        self.accept()
        return True

    # -- import and attachments ----------------------------------------------------------------
    @Slot()
    def choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("导入正文"), "",
                                              self.tr("Word 文档或文本文件 (*.docx *.txt);;所有文件 (*)"))
        if not path:
            return
        if self.body.toPlainText().strip() and not confirm(
                self, self.tr("导入正文"), self.tr("导入的内容将替换当前正文，是否继续？")):
            return
        self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        """Read a .docx or .txt off the GUI thread and put its text into the body."""
        run_task(self, self.tr("导入正文"), lambda _p: read_text(path), on_done=self.body.setPlainText,
                 label=self.tr("正在读取“{name}”…").format(name=path.name), cancellable=False)

    @Slot()
    def _upload_basis(self) -> None:
        self.tabs.setCurrentWidget(self.attachments)
        self.attachments.choose_purpose("basis")
        if self.post_id is None:
            show_error(self, self.tr("请先保存草稿，再添加批示或公函扫描件。"), title=self.tr("添加附件"))
            return
        self.attachments.choose_files()

    # -- closing -------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if self.dirty and not self._discard:
            event.ignore()
            self._ask_unsaved()
            return
        super().closeEvent(event)  # QDialog turns this into reject()

    def reject(self) -> None:
        """Esc, 关闭 and the window's close button all ask about unsaved changes first."""
        if self.dirty and not self._discard:
            self._ask_unsaved()
            return
        super().reject()

    def _ask_unsaved(self) -> None:
        def discard() -> None:
            self._discard = True
            self.reject()

        ask_save_or_discard(self, self.tr("稿件尚未保存"), self.tr("稿件有未保存的修改，是否保存？"),
                            self.save, discard)
