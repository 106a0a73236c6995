"""词表管理 (for administrators): the lists the automated checks use — sensitive words, serious wording
errors, leaders' names and posts, place names, allowed link sites, authoritative reprint sources.
Mounted by the lead inside the 系统设置 tab."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.auth.roles import Role
from app.changes import RecordKind
from app.review.checks import read_list_file
from app.review.enums import WordListKind
from app.review.wordlists_db import Entry, default_entries, entries, parse_entries, replace_list
from ui.context import AppContext
from ui.enum_combo import add_labelled
from ui.operations import Op
from ui.review.entries_model import EntriesModel
from ui.style import Sheet, apply_style
from ui.translate import translator
from ui.workers import run_task

_tr = translator("WordListsPage")


FORMATS: dict[WordListKind, str] = {
    WordListKind.SENSITIVE: _tr("每行一个词语。"),
    WordListKind.WORDING: _tr("每行“错误写法=正确写法”（也可用制表符分隔），如：中华人民共合国=中华人民共和国。"),
    WordListKind.LEADER: _tr("每行“姓名<制表符>职务”，一人兼任多职用顿号分隔，如：张建国	县委副书记、县长。"),
    WordListKind.PLACE: _tr("每行一个地名（县名、乡镇、村或社区）。"),
    WordListKind.DOMAIN: _tr("每行一个域名，自动包含其下级域名（gov.cn 即允许 www.guizhou.gov.cn）。"),
    WordListKind.SOURCE: _tr("每行“名称<制表符>域名<制表符>级别”，"
                             "级别为 central（中央）、provincial（省级）或 local（地方）。"),
}


class WordListsPage(QWidget):
    list_saved = Signal(str)
    """A word list was saved; carries the WordListKind value."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.kind = WordListKind.SENSITIVE
        self.dirty = False
        self._build()
        self._lay_out()
        self._connect()
        self.load(self.kind)

    def _build(self) -> None:
        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("wordListKind")
        add_labelled(self.kind_combo, WordListKind)
        self.state = QLabel(self)
        self.state.setObjectName("wordListState")
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("查找词条…"))
        self.search.setClearButtonEnabled(True)
        self.format = QLabel(self)
        self.format.setWordWrap(True)
        apply_style(self.format, Sheet.HINT)
        self.notice = QLabel(self.tr("只有系统管理员可以修改清单；您可以查看。"), self)
        apply_style(self.notice, Sheet.WARN)
        self.notice.setVisible(not self.ctx.actor.has(Role.ADMIN))

        self.model = EntriesModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.table = QTableView(self)
        self.table.setObjectName("entriesTable")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)

        self.add_button = QPushButton(self.tr("添加"), self)
        self.remove_button = QPushButton(self.tr("删除所选"), self)
        self.import_button = QPushButton(self.tr("从文本文件导入…"), self)
        self.defaults_button = QPushButton(self.tr("恢复默认"), self)
        self.defaults_button.setToolTip(self.tr("在表格中显示程序自带的默认清单；保存后生效"))
        self.save_button = QPushButton(self.tr("保存"), self)
        self.save_button.setObjectName("saveWordList")
        apply_style(self.save_button, Sheet.PRIMARY_BUTTON)
        self.message = QLabel(self)
        self.message.setObjectName("wordListMessage")

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("清单："), self))
        top.addWidget(self.kind_combo)
        top.addWidget(self.state, 1)
        top.addWidget(self.search)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.remove_button, self.import_button, self.defaults_button):
            buttons.addWidget(b)
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.format)
        layout.addWidget(self.notice)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def _connect(self) -> None:
        self.kind_combo.currentIndexChanged.connect(self._on_kind_chosen)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.model.dataChanged.connect(self._mark_dirty)
        self.model.rowsInserted.connect(self._mark_dirty)
        self.model.rowsRemoved.connect(self._mark_dirty)
        self.add_button.clicked.connect(self.add_entry)
        self.remove_button.clicked.connect(self.remove_selected)
        self.import_button.clicked.connect(self.choose_import)
        self.defaults_button.clicked.connect(self.restore_defaults)
        self.save_button.clicked.connect(self.save)

    # -- loading -------------------------------------------------------------------------------
    def load(self, kind: WordListKind) -> None:
        self.kind = kind
        with self.ctx.reader() as s:
            rows, own = entries(s, kind)
        self.model.set_entries(kind, rows)
        self.format.setText(self.tr("文本文件格式：") + FORMATS[kind] + self.tr("以 # 开头的行为注释。"))
        if own:
            self.state.setText(self.tr("本单位清单，共 {n} 条").format(n=len(rows)))
            apply_style(self.state, Sheet.OK)
        else:
            self.state.setText(
                self.tr("尚未保存本单位清单，检查时使用程序自带的默认清单（{n} 条）").format(n=len(rows)))
            apply_style(self.state, Sheet.WARN)
        self.dirty = False
        self.message.clear()

    def select_kind(self, kind: WordListKind) -> None:
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind))

    @Slot(int)
    def _on_kind_chosen(self, index: int) -> None:
        chosen = WordListKind(self.kind_combo.itemData(index))
        if chosen is self.kind:
            return
        if not self.dirty:
            self.load(chosen)
            return
        # Go back to the list being edited until the user says to drop the changes (non-blocking).
        self.kind_combo.blockSignals(True)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(self.kind))
        self.kind_combo.blockSignals(False)
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("清单尚未保存"),
                          self.tr("“{name}”有未保存的修改，切换后这些修改将丢失。是否放弃修改？").format(
                              name=self.kind.label), QMessageBox.StandardButton.NoButton, self)
        drop = box.addButton(self.tr("放弃修改"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(self.tr("取消"), QMessageBox.ButtonRole.RejectRole)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _r: self.select_kind_now(chosen) if box.clickedButton() is drop else None)
        box.open()

    def select_kind_now(self, kind: WordListKind) -> None:
        """Switch lists, dropping unsaved edits."""
        self.dirty = False
        self.select_kind(kind)

    @Slot()
    def _mark_dirty(self) -> None:
        self.dirty = True
        apply_style(self.message, Sheet.WARN)
        self.message.setText(self.tr("有未保存的修改，共 {n} 条").format(n=self.model.rowCount()))

    # -- editing -------------------------------------------------------------------------------
    @Slot()
    def add_entry(self) -> None:
        self.search.clear()
        row = self.model.rowCount()
        self.model.insertRows(row, 1)
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.scrollTo(index)
        self.table.setCurrentIndex(index)
        self.table.edit(index)

    @Slot()
    def remove_selected(self) -> None:
        rows = sorted({self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedRows()},
                      reverse=True)
        for row in rows:
            self.model.removeRows(row, 1)

    @Slot()
    def restore_defaults(self) -> None:
        self.model.set_entries(self.kind, default_entries(self.kind))
        self._mark_dirty()
        self.message.setText(
            self.tr("表格中为程序自带的默认清单（{n} 条），保存后生效。").format(n=self.model.rowCount()))

    @Slot()
    def choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("导入{name}").format(name=self.kind.label), "",
                                              self.tr("文本文件 (*.txt);;所有文件 (*)"))
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        """Read a list file off the GUI thread and add its entries (an imported entry replaces the same term)."""
        kind = self.kind
        run_task(self, self.tr("导入词表"), lambda _p: parse_entries(kind, read_list_file(path)),
                 on_done=lambda imported: self._merge(kind, imported), cancellable=False)

    def _merge(self, kind: WordListKind, imported: list[Entry]) -> None:
        if kind is not self.kind:
            return
        merged = {e.term: e for e in self.model.entries() if e.term.strip()}
        added = sum(1 for e in imported if e.term not in merged)
        merged.update({e.term: e for e in imported})
        self.model.set_entries(kind, list(merged.values()))
        self._mark_dirty()
        self.message.setText(self.tr("已导入 {n} 条（新增 {a} 条），保存后生效。").format(n=len(imported), a=added))

    @Slot()
    def save(self) -> bool:
        """Replace the list with the table's entries (administrators only; the service checks)."""
        kind, entries = self.kind, self.model.entries()
        ok, count = self.ctx.run(Op(lambda s: replace_list(s, self.ctx.actor, kind, entries), RecordKind.SETTINGS,
                                    parent=self, title=self.tr("保存{name}").format(name=kind.label)))
        if not ok:
            return False
        self.load(self.kind)
        apply_style(self.message, Sheet.OK)
        self.message.setText(self.tr("已保存 {n} 条。").format(n=count))
        self.list_saved.emit(self.kind.value)
        return True
