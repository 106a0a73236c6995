"""登记 / 修改 / 登记新版本: every field of an ItemForm, with the deadline it will get shown live."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import Enum

from PySide6.QtCore import QDate, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.changes import RecordKind
from app.disclosure.conflict import item_differences
from app.disclosure.enums import CATEGORIES, DocKind
from app.disclosure.queries import ItemView, category_label, doc_no_hint, load_item
from app.disclosure.service import PUBLISH_DAYS, ItemForm, create_item, new_version, update_item
from app.errors import ConflictError
from app.form_conflict import merged
from app.settings import get_setting
from app.workdays.service import load_calendar
from ui.conflict_dialog import ConflictDialog, open_conflict
from ui.context import AppContext
from ui.date_field import DateField
from ui.discard_guard import DiscardGuard
from ui.disclosure.actions import error_label, read
from ui.enum_combo import add_labelled
from ui.operations import Op
from ui.shortcuts import connect_form
from ui.style import Sheet, apply_style


class FormMode(Enum):
    CREATE = "create"
    EDIT = "edit"
    NEW_VERSION = "new_version"


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def date_edit(parent: QWidget, day: date, *, latest: date | None = None) -> DateField:
    edit = DateField(day, parent)
    if latest is not None:
        edit.setMaximumDate(to_qdate(latest))
    return edit


class ItemFormDialog(QDialog):
    item_saved = Signal(int)
    """The item (or its new version) was saved; carries its id."""

    def __init__(self, ctx: AppContext, mode: FormMode = FormMode.CREATE, view: ItemView | None = None,
                 parent: QWidget | None = None, *, today: Callable[[], date] | None = None) -> None:
        super().__init__(parent)
        if mode is not FormMode.CREATE and view is None:
            raise ValueError("editing needs the item")
        self.ctx, self.mode, self.view, self._today = ctx, mode, view, today or ctx.today
        self.saved_id: int | None = None
        # What the form was opened with and the version to save on; both move to the other PC's
        # record once a conflict is resolved (issue 19).
        self._original: ItemForm | None = view.form() if view is not None else None
        self._version: int | None = view.version if view is not None else None
        self.conflict: ConflictDialog | None = None
        self.calendar, sections = read(ctx, lambda s: (load_calendar(s), list(get_setting(s, "org.sections"))))
        titles = {FormMode.CREATE: self.tr("登记公开事项"),
                  FormMode.EDIT: self.tr("修改公开事项 — {no}"),
                  FormMode.NEW_VERSION: self.tr("登记新版本 — {no}")}
        self.setWindowTitle(titles[mode].format(no=view.item_no if view else ""))
        self.setMinimumWidth(680)
        self._build(sections)
        self._lay_out()
        self._connect()
        if view is not None:
            self.fill(view.form())
            if mode is FormMode.NEW_VERSION:
                self.formed_on.setDate(to_qdate(self._today()))
        self._update_deadline()
        self.guard = DiscardGuard(self, what=self.tr("公开事项的内容"))  # after filling: loading is no edit

    def _build(self, sections: list[str]) -> None:
        self.title = QLineEdit(self)
        self.title.setObjectName("itemTitle")
        self.title.setPlaceholderText(self.tr("信息或文件的标题，如：锦屏县人民政府关于印发……的通知"))
        self.category = QComboBox(self)
        self.category.setObjectName("itemCategory")
        for i in range(len(CATEGORIES)):
            self.category.addItem(category_label(i), i)
        self.category.setPlaceholderText(self.tr("请选择第四条所列的类别"))
        self.category.setCurrentIndex(-1)
        self.section = QComboBox(self)
        self.section.setObjectName("itemSection")
        for name in sections:
            self.section.addItem(name, name)
        self.section.setPlaceholderText(self.tr("请选择责任科室"))
        self.section.setCurrentIndex(-1)
        self.doc_no = QLineEdit(self)
        self.doc_no.setObjectName("itemDocNo")
        self.doc_no.setPlaceholderText(self.tr("如 锦府办发〔2024〕5号；没有文号的不填"))
        self.doc_no_hint = QLabel(self)
        apply_style(self.doc_no_hint, Sheet.WARN)
        self.doc_no_hint.hide()
        self.doc_kind = QComboBox(self)
        self.doc_kind.setObjectName("itemDocKind")
        add_labelled(self.doc_kind, (DocKind.NONE, DocKind.NORMATIVE, DocKind.RULE))
        self.doc_kind.setToolTip(self.tr("行政规范性文件和规章计入年度报告第二部分的制发、废止、现行有效件数"))
        self.formed_on = date_edit(self, self._today(), latest=self._today())
        self.formed_on.setObjectName("itemFormedOn")
        self.deadline = QLabel(self)
        self.deadline.setObjectName("deadlinePreview")
        apply_style(self.deadline, Sheet.INFO)
        self.summary = QPlainTextEdit(self)
        self.summary.setPlaceholderText(self.tr("内容摘要（可不填）"))
        self.summary.setFixedHeight(64)

        self.others = QGroupBox(self.tr("涉及其他单位（第十条：发布前与有关机关协商、确认）"), self)
        self.others.setCheckable(True)
        self.others.setChecked(False)
        self.other_bodies = QLineEdit(self.others)
        self.other_bodies.setObjectName("otherBodies")
        self.other_bodies.setPlaceholderText(self.tr("如：县财政局、县民政局"))
        self.confirmed = QCheckBox(self.tr("已确认，确认日期："), self.others)
        self.confirmed_on = date_edit(self.others, self._today(), latest=self._today())
        self.confirmation = QLineEdit(self.others)
        self.confirmation.setPlaceholderText(self.tr("确认方式与结果，如：经电话与县财政局张某核对，内容一致"))

        self.message = error_label(self)
        self.buttons = QDialogButtonBox(self)
        self.save_button = QPushButton(self.tr("保存"), self)
        self.save_button.setObjectName("saveItem")
        self.save_button.setDefault(True)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)

    def _lay_out(self) -> None:
        confirmed_row = QHBoxLayout()
        confirmed_row.addWidget(self.confirmed)
        confirmed_row.addWidget(self.confirmed_on)
        confirmed_row.addStretch(1)
        others_form = QFormLayout(self.others)
        others_form.addRow(self.tr("涉及单位："), self.other_bodies)
        others_form.addRow(self.tr("确认情况："), confirmed_row)
        others_form.addRow(self.tr("确认说明："), self.confirmation)

        formed_row = QHBoxLayout()
        formed_row.addWidget(self.formed_on)
        formed_row.addWidget(self.deadline, 1)
        form = QFormLayout()
        form.addRow(self.tr("标题："), self.title)
        form.addRow(self.tr("公开类别（第四条）："), self.category)
        form.addRow(self.tr("责任科室（第五条）："), self.section)
        form.addRow(self.tr("文号："), self.doc_no)
        form.addRow("", self.doc_no_hint)
        form.addRow(self.tr("文件类型："), self.doc_kind)
        form.addRow(self.tr("形成/变更日期："), formed_row)
        form.addRow(self.tr("内容摘要："), self.summary)

        layout = QVBoxLayout(self)
        if self.mode is FormMode.NEW_VERSION:
            note = QLabel(self.tr("文件变更后登记新版本：原版本保留在版本历史中，新版本须重新保密审查，"
                                  "并自变更之日起重新计算 {n} 个工作日的发布期限（第九条）。")
                          .format(n=PUBLISH_DAYS), self)
            note.setWordWrap(True)
            apply_style(note, Sheet.HINT)
            layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.others)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def _connect(self) -> None:
        connect_form(self, self.save, self.buttons.accepted, self.buttons.rejected, help_page="item_form")
        self.formed_on.dateChanged.connect(self._update_deadline)
        self.doc_no.textChanged.connect(self._update_hint)

    def fill(self, form: ItemForm) -> None:
        self.title.setText(form.title)
        self.category.setCurrentIndex(self.category.findData(form.category))
        if self.section.findData(form.section) < 0:  # a section since removed from the settings
            self.section.addItem(form.section, form.section)
        self.section.setCurrentIndex(self.section.findData(form.section))
        self.doc_no.setText(form.doc_no)
        self.doc_kind.setCurrentIndex(max(self.doc_kind.findData(form.doc_kind), 0))
        self.formed_on.setDate(to_qdate(form.formed_on))
        self.summary.setPlainText(form.summary)
        self.others.setChecked(bool(form.other_bodies))
        self.other_bodies.setText(form.other_bodies)
        self.confirmed.setChecked(form.others_confirmed_on is not None)
        if form.others_confirmed_on is not None:
            self.confirmed_on.setDate(to_qdate(form.others_confirmed_on))
        self.confirmation.setText(form.others_confirmation)

    def form(self) -> ItemForm:
        others = self.others.isChecked()
        category = self.category.currentData()
        return ItemForm(
            title=self.title.text(), category=-1 if category is None else int(category),
            section=self.section.currentData() or "", formed_on=from_qdate(self.formed_on.date()),
            # Qt hands the enum back as str
            doc_no=self.doc_no.text(), doc_kind=DocKind(self.doc_kind.currentData() or ""),
            summary=self.summary.toPlainText(),
            other_bodies=self.other_bodies.text() if others else "",
            others_confirmed_on=from_qdate(self.confirmed_on.date()) if others and self.confirmed.isChecked() else None,
            others_confirmation=self.confirmation.text() if others else "",
        )

    @Slot()
    def _update_deadline(self) -> None:
        deadline = self.calendar.deadline(from_qdate(self.formed_on.date()), PUBLISH_DAYS)
        text = self.tr("发布期限：{due}（第 {n} 个工作日）").format(due=deadline.due.isoformat(), n=PUBLISH_DAYS)
        if deadline.holidays_passed:
            text += self.tr("，期间有 {k} 天节假日不计").format(k=len(deadline.holidays_passed))
        if not deadline.confirmed:
            text += self.tr("（节假日安排未确认）")
        self.deadline.setText(text)

    @Slot(str)
    def _update_hint(self, text: str) -> None:
        hint = doc_no_hint(text)
        self.doc_no_hint.setText(hint)  # already Chinese: it comes from app.disclosure
        self.doc_no_hint.setVisible(bool(hint))

    @Slot()
    def save(self) -> None:
        """Hand the form to the service; its refusal is shown here and nothing is saved."""
        form, actor, today = self.form(), self.ctx.actor, self._today()
        view = self.view
        if self.mode is FormMode.CREATE:
            ok, item_id = self.ctx.run(Op(lambda s: create_item(
                s, actor, form, load_calendar(s), today).id, RecordKind.DISCLOSURE, parent=self, message=self.message))
        elif self.mode is FormMode.EDIT:
            assert view is not None and self._version is not None
            version, conflicts = self._version, list[ConflictError]()

            def change(s: Session) -> int:
                try:
                    return update_item(s, actor, view.id, form, version, load_calendar(s), today).id
                except ConflictError as exc:  # noted for the conflict dialog, then re-raised: the runner
                    conflicts.append(exc)    # rolls back and shows the refusal as for any other
                    raise

            ok, item_id = self.ctx.run(Op(change, RecordKind.DISCLOSURE, parent=self, message=self.message))
            if conflicts:
                self.resolve_conflict(str(conflicts[0]), form)
                return
        else:
            assert view is not None
            ok, item_id = self.ctx.run(Op(lambda s: new_version(
                s, actor, view.id, form, load_calendar(s), today).id,
                        RecordKind.DISCLOSURE, parent=self, message=self.message))
        if ok and item_id is not None:
            self.saved_id = item_id
            self.item_saved.emit(item_id)
            self.guard.mark_clean()
            self.accept()

    def resolve_conflict(self, message: str, mine: ItemForm) -> ConflictDialog:
        """Someone saved the item first: show what differs, save the chosen values on their version."""
        assert self.view is not None and self._original is not None
        item_id, original = self.view.id, self._original

        def load(s: Session) -> tuple[ItemForm, int]:
            fresh = load_item(s, item_id)
            return fresh.form(), fresh.version
        theirs, version = read(self.ctx, load)

        def chosen(keep_mine: set[str]) -> None:
            self.fill(merged(theirs, mine, keep_mine))
            self._original, self._version = theirs, version
            self.save()

        self.conflict = open_conflict(self, message, item_differences(original, theirs, mine), chosen)
        return self.conflict

    def reject(self) -> None:
        """Esc, 取消 and the close button ask before typed input is thrown away."""
        guard: DiscardGuard | None = getattr(self, "guard", None)
        if guard is None or guard.allow_reject():
            super().reject()
