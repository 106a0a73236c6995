"""The right-hand side of the redaction view: the marks made, and the suggestions to answer."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.redaction.editing import MarkEditor, Suggestion
from app.redaction.grounds import Ground
from app.redaction.specs import MarkSpec
from ui.rows_model import RowColumn, RowsModel
from ui.style import Colour

_ANSWERS = {"open": "待定", "accepted": "已采纳", "rejected": "已拒绝"}


def _where(spec: MarkSpec) -> str:
    if spec.page is not None:
        return str(spec.page)
    return f"第{(spec.paragraph or 0) + 1}段" if spec.paragraph is not None else "全文"


def _table(parent: QWidget, model: QAbstractTableModel, name: str) -> QTableView:
    table = QTableView(parent)
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return table


class RedactionSide(QTabWidget):
    marks_changed = Signal()
    """A mark was added, removed or re-grounded here; the page redraws."""

    suggest_requested = Signal()
    """The clerk asked for suggestions (the view runs them in the background)."""

    page_requested = Signal(int)
    """A mark or suggestion was double-clicked: the view shows its page (0-based)."""

    def __init__(self, editor: MarkEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.current_ground = Ground.PRIVACY
        self._build()
        self._lay_out()
        self._connect()
        self.refresh()

    def _build(self) -> None:
        self.marks: RowsModel[tuple[int, MarkSpec]] = RowsModel([
            RowColumn(self.tr("页"), lambda r: _where(r[1])),
            RowColumn(self.tr("理由"), lambda r: f"{r[1].ground.label}（{r[1].ground.article}）"),
            RowColumn(self.tr("遮盖内容"), lambda r: r[1].text or self.tr("（区域）")),
        ], self)
        self.marks_table = _table(self, self.marks, "marksTable")
        self.remove_button = QPushButton(self.tr("删除所选"), self)
        self.remove_button.setObjectName("removeMarks")
        self.reground_button = QPushButton(self.tr("改为当前理由"), self)
        self.mark_count = QLabel(self)

        self.suggestions: RowsModel[tuple[int, Suggestion]] = RowsModel([
            RowColumn(self.tr("页"), lambda r: _where(r[1].spec)),
            RowColumn(self.tr("类型"), lambda r: r[1].label),
            RowColumn(self.tr("内容"), lambda r: r[1].spec.text),
            RowColumn(self.tr("理由"), lambda r: r[1].spec.ground.label),
            RowColumn(self.tr("状态"), lambda r: _ANSWERS[r[1].answer],
                      lambda r: {"accepted": Colour.DONE, "rejected": "#9e9e9e"}.get(r[1].answer)),
        ], self)
        self.suggestion_table = _table(self, self.suggestions, "suggestionTable")
        self.suggest_button = QPushButton(self.tr("自动识别…"), self)
        self.suggest_button.setObjectName("suggestButton")
        self.ocr_box = QCheckBox(self.tr("扫描页先做文字识别（OCR）"), self)
        self.ocr_box.setObjectName("ocrBox")
        self.accept_button = QPushButton(self.tr("采纳所选"), self)
        self.accept_button.setObjectName("acceptSuggestions")
        self.reject_button = QPushButton(self.tr("拒绝所选"), self)
        self.reject_button.setObjectName("rejectSuggestions")
        self.accept_all_button = QPushButton(self.tr("全部采纳"), self)
        self.accept_all_button.setObjectName("acceptAllSuggestions")
        self.open_label = QLabel(self)

    def _lay_out(self) -> None:
        page = QWidget(self)
        pl = QVBoxLayout(page)
        pl.addWidget(self.marks_table, 1)
        row = QHBoxLayout()
        row.addWidget(self.remove_button)
        row.addWidget(self.reground_button)
        row.addStretch(1)
        row.addWidget(self.mark_count)
        pl.addLayout(row)
        self.addTab(page, self.tr("遮盖标记"))

        page2 = QWidget(self)
        sl = QVBoxLayout(page2)
        top = QHBoxLayout()
        top.addWidget(self.suggest_button)
        top.addWidget(self.ocr_box)
        top.addStretch(1)
        sl.addLayout(top)
        intro = QLabel(self.tr("身份证号、手机和固定电话、银行卡号、相邻姓名、住址及本单位词库中的词。"
                               "请逐条采纳或拒绝；采纳时使用列表中的理由，可先在上方选择理由再采纳。"), self)
        intro.setWordWrap(True)
        sl.addWidget(intro)
        sl.addWidget(self.suggestion_table, 1)
        row2 = QHBoxLayout()
        for b in (self.accept_button, self.reject_button, self.accept_all_button):
            row2.addWidget(b)
        row2.addStretch(1)
        row2.addWidget(self.open_label)
        sl.addLayout(row2)
        self.addTab(page2, self.tr("自动建议"))

    def _connect(self) -> None:
        self.marks_table.doubleClicked.connect(self._show_mark)
        self.suggestion_table.doubleClicked.connect(self._show_suggestion)
        self.remove_button.clicked.connect(self.remove_selected)
        self.reground_button.clicked.connect(self.reground_selected)
        self.suggest_button.clicked.connect(self.suggest_requested)
        self.accept_button.clicked.connect(self.accept_selected)
        self.reject_button.clicked.connect(self.reject_selected)
        self.accept_all_button.clicked.connect(self.accept_all)

    def refresh(self) -> None:
        self.marks.set_rows(list(enumerate(self.editor.marks)))
        self.suggestions.set_rows(list(enumerate(self.editor.suggestions)))
        self.mark_count.setText(self.tr("共 {n} 处").format(n=len(self.editor.marks)))
        if self.editor.suggestions:
            self.open_label.setText(self.tr("待定 {n} 条").format(n=self.editor.open_count()))
        else:
            self.open_label.setText("")

    def _selected(self, table: QTableView) -> list[int]:
        return sorted({i.row() for i in table.selectionModel().selectedRows()})

    @Slot()
    def remove_selected(self) -> None:
        for row in reversed(self._selected(self.marks_table)):
            self.editor.remove(row)
        self._changed()

    @Slot()
    def reground_selected(self) -> None:
        for row in self._selected(self.marks_table):
            self.editor.set_ground(row, self.current_ground)
        self._changed()

    @Slot()
    def accept_selected(self) -> None:
        for row in self._selected(self.suggestion_table):
            self.editor.accept(row)
        self._changed()

    @Slot()
    def reject_selected(self) -> None:
        for row in self._selected(self.suggestion_table):
            self.editor.reject(row)
        self._changed()

    @Slot()
    def accept_all(self) -> None:
        self.editor.accept_all_open()
        self._changed()

    @Slot(QModelIndex)
    def _show_mark(self, index: QModelIndex) -> None:
        row = self.marks.row_at(index.row())
        if row is not None and row[1].page is not None:
            self.page_requested.emit(row[1].page - 1)

    @Slot(QModelIndex)
    def _show_suggestion(self, index: QModelIndex) -> None:
        row = self.suggestions.row_at(index.row())
        if row is not None and row[1].spec.page is not None:
            self.page_requested.emit(row[1].spec.page - 1)

    def _changed(self) -> None:
        self.refresh()
        self.marks_changed.emit()
