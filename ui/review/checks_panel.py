"""Automated checks beside a post's text: findings listed and highlighted in the text, re-run after a
400 ms pause in typing, each markable as 已确认无问题 with a reason (workflow.accept_finding)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelection,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QBrush, QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from app.review.checks import Finding, WordLists, prepare, run_checks
from app.review.ui_support import accepted_map
from app.review.wordlists_db import load_wordlists
from app.review.workflow import accept_finding
from ui.context import AppContext
from ui.list_table import list_table
from ui.messages import logged_error_text
from ui.operations import Op
from ui.style import Colour, Sheet, apply_style
from ui.translate import translator
from ui.workers import Progress, run_task

CHECK_DELAY_MS = 400
COL_STATE = 2
AnyIndex = QModelIndex | QPersistentModelIndex

_HIGH = QColor("#ffc9c9")
_MEDIUM = QColor("#ffe8a3")
_ACCEPTED = QColor("#d9efd9")


_tr = translator("ChecksPanel")


KIND_LABELS: dict[str, str] = {
    "secret": _tr("密级标识"),
    "privacy-id": _tr("身份证号"),
    "privacy-phone": _tr("手机号码"),
    "privacy-bankcard": _tr("银行卡号"),
    "sensitive-word": _tr("敏感词"),
    "wording": _tr("严重表述错误"),
    "leader-name": _tr("领导姓名职务"),
    "place-name": _tr("地名"),
    "link": _tr("链接"),
}


@dataclass(frozen=True)
class FindingRow:
    finding: Finding
    accepted: str  # "who：reason" once a reviewer marked it harmless, else ""


class FindingsModel(QAbstractTableModel):
    HEADERS = (_tr("类别"), _tr("内容"), _tr("处理"), _tr("说明"))

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[FindingRow] = []

    def set_rows(self, rows: list[FindingRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def row_at(self, row: int) -> FindingRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.HEADERS):
            return self.HEADERS[section]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        row = self.rows[index.row()]
        f = row.finding
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            # Personal data is shown masked (138****1234), as inspections expect.
            state = _tr("须处理") if f.severity == "high" else _tr("请核查")
            values = (KIND_LABELS.get(f.kind, f.kind), f.masked,
                      _tr("已确认无问题") if row.accepted else state, f.message)
            if role == Qt.ItemDataRole.ToolTipRole and index.column() == COL_STATE and row.accepted:
                return row.accepted
            return values[index.column()]
        if role == Qt.ItemDataRole.BackgroundRole and index.column() == 0:
            return QBrush(_ACCEPTED if row.accepted else (_HIGH if f.severity == "high" else _MEDIUM))
        return None


def _utf16_positions(text: str) -> Callable[[int], int]:
    """Python indexes code points, QTextDocument UTF-16 units; they differ only after a non-BMP char."""
    if all(ord(c) <= 0xFFFF for c in text):
        return lambda i: i
    offsets = [0]
    for c in text:
        offsets.append(offsets[-1] + (2 if ord(c) > 0xFFFF else 1))
    return lambda i: offsets[i]


class ChecksPanel(QWidget):
    """Watches `editor`; `post_id` is None for a post not yet saved (findings cannot be accepted)."""

    findings_changed = Signal(int)
    """The checks ran again; carries the number of findings not yet accepted."""

    def __init__(self, ctx: AppContext, editor: QPlainTextEdit, post_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.editor = editor
        self.post_id = post_id
        self.lists: WordLists | None = None
        self.ready = False
        self.running = False
        self.dirty = False
        self.findings: list[Finding] = []
        self.accepted: dict[tuple[str, str], str] = {}
        self._build()
        self._lay_out()
        self._connect()
        self.reload_accepted()
        self._warm_up()

    def _build(self) -> None:
        self.heading = QLabel(self.tr("自动检查：正在准备词表…"), self)
        self.heading.setObjectName("checksHeading")
        apply_style(self.heading, Sheet.BOLD)
        self.model = FindingsModel(self)
        self.table = list_table(self.model, (84, 130, 84), self, object_name="findingsTable")
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setWordWrap(True)  # the message says what to do: show it whole
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(self.tr("认定无问题的理由，如：引用的是已公开的政策原文"))
        self.accept_button = QPushButton(self.tr("标记为已确认无问题"), self)
        self.accept_button.setEnabled(False)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(CHECK_DELAY_MS)

    def _lay_out(self) -> None:
        row = QHBoxLayout()
        row.addWidget(self.reason, 1)
        row.addWidget(self.accept_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)

    def _connect(self) -> None:
        self.timer.timeout.connect(self.run_now)
        self.editor.textChanged.connect(self.timer.start)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.accept_button.clicked.connect(self.accept_selected)

    # -- running the checks --------------------------------------------------------------------
    def _warm_up(self) -> None:
        with self.ctx.reader() as s:
            lists = load_wordlists(s)
        self.lists = lists
        # Building the Aho-Corasick automaton over a 20,000-word list takes a moment: do it off-thread.
        run_task(self, self.tr("准备检查词表"), lambda _p: prepare(lists),
                 on_done=self._guard(lambda _c: self._on_ready()), on_error=self._guard(self._on_failed),
                 show_progress=False)

    def _guard(self, fn: Callable[[Any], None]) -> Callable[[Any], None]:
        """A callback that does nothing once this panel was closed while the work ran."""
        return lambda value: fn(value) if isValid(self) else None

    def _on_ready(self) -> None:
        self.ready = True
        self.run_now()

    def _on_failed(self, exc: BaseException) -> None:
        self.running = False
        self.heading.setText(self.tr("自动检查出错：{error}").format(error=logged_error_text(exc, "Checks failed")))

    @Slot()
    def run_now(self) -> None:
        """Check the current text now (the pause timer calls this; tests may too)."""
        self.timer.stop()
        if not self.ready or self.lists is None:
            return
        if self.running:
            self.dirty = True  # run again with the newest text once this run returns
            return
        self.running, self.dirty = True, False
        text, lists = self.editor.toPlainText(), self.lists

        def check(_progress: Progress) -> tuple[str, list[Finding]]:
            return text, run_checks(text, lists)

        run_task(self, self.tr("自动检查"), check, on_done=self._guard(self._on_checked),
                 on_error=self._guard(self._on_failed), show_progress=False)

    def _on_checked(self, result: tuple[str, list[Finding]]) -> None:
        self.running = False
        text, findings = result
        if self.dirty or text != self.editor.toPlainText():
            self.run_now()  # typed meanwhile: these positions are stale
            return
        self.findings = findings
        self._show()

    def _show(self) -> None:
        rows = [FindingRow(f, self.accepted.get((f.kind, f.matched[:200]), "")) for f in self.findings]
        self.model.set_rows(rows)
        self.table.resizeRowsToContents()
        open_count = sum(1 for r in rows if not r.accepted)
        if not rows:
            self.heading.setText(self.tr("自动检查：未发现问题"))
            apply_style(self.heading, Sheet.bold_colour(Colour.OK))
        else:
            self.heading.setText(self.tr("自动检查：发现 {n} 处，待核查 {m} 处").format(n=len(rows), m=open_count))
            colour = Colour.ERROR if open_count else Colour.OK
            apply_style(self.heading, Sheet.bold_colour(colour))
        self._highlight(rows)
        self._on_selection()
        self.findings_changed.emit(open_count)

    def _highlight(self, rows: list[FindingRow]) -> None:
        text = self.editor.toPlainText()
        pos = _utf16_positions(text)
        selections = []
        for row in rows:
            f = row.finding
            fmt = QTextCharFormat()
            fmt.setBackground(_ACCEPTED if row.accepted else (_HIGH if f.severity == "high" else _MEDIUM))
            if f.severity == "high" and not row.accepted:
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                fmt.setUnderlineColor(QColor(Colour.ERROR))
            fmt.setToolTip(f"{KIND_LABELS.get(f.kind, f.kind)}：{f.message}")
            sel = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.editor.document())
            cursor.setPosition(pos(f.start))
            cursor.setPosition(pos(f.end), QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cursor
            sel.format = fmt
            selections.append(sel)
        self.editor.setExtraSelections(selections)

    def highlighted_ranges(self) -> list[tuple[int, int, str]]:
        """(start, end, background colour) of every highlight in the editor, for tests and checks."""
        out = []
        for sel in self.editor.extraSelections():
            cursor, fmt = sel.cursor, sel.format
            out.append((cursor.selectionStart(), cursor.selectionEnd(), fmt.background().color().name()))
        return out

    # -- accepting a finding ------------------------------------------------------------------
    def set_post_id(self, post_id: int | None) -> None:
        self.post_id = post_id
        self.reload_accepted()
        self._show()

    def reload_accepted(self) -> None:
        if self.post_id is None:
            self.accepted = {}
            return
        with self.ctx.reader() as s:
            self.accepted = accepted_map(s, self.post_id)

    def selected(self) -> FindingRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    @Slot(QItemSelection, QItemSelection)
    def _on_selection(self, *_args: object) -> None:
        row = self.selected()
        self.accept_button.setEnabled(row is not None and not row.accepted and self.post_id is not None)
        if self.post_id is None:
            self.accept_button.setToolTip(self.tr("保存草稿后才能标记。"))
        if row is not None:
            pos = _utf16_positions(self.editor.toPlainText())
            cursor = self.editor.textCursor()
            cursor.setPosition(pos(row.finding.start))
            cursor.setPosition(pos(row.finding.end), QTextCursor.MoveMode.KeepAnchor)
            self.editor.setTextCursor(cursor)
            self.editor.ensureCursorVisible()

    @Slot()
    def accept_selected(self) -> None:
        """Record the selected finding as harmless with the reason typed beside the button."""
        row = self.selected()
        if row is None or self.post_id is None:
            return
        post_id, reason = self.post_id, self.reason.text()
        if not self.ctx.run(Op(lambda s: accept_finding(s, self.ctx.actor, post_id, row.finding.kind,
                                                        row.finding.matched, reason),
                               parent=self, title=self.tr("标记自动检查提示"))).ok:
            return
        self.reason.clear()
        self.reload_accepted()
        self._show()
