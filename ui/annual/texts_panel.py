"""Parts 1, 5 and 6: the text the office writes, saved together with an optimistic version."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.annual.layout import PART_TITLES
from app.annual.service import save_texts
from app.annual.texts_conflict import ReportTexts, stored_texts, text_differences
from app.errors import ConflictError
from app.form_conflict import merged
from ui.annual import prompts
from ui.conflict_dialog import ConflictDialog, open_conflict
from ui.context import AppContext
from ui.operations import Op, RollBack, read
from ui.style import Sheet, apply_style


def fee_text(fees: Decimal) -> str:
    if fees == 0:
        return "本年度未收取信息处理费。"
    amount = f"{fees:f}".rstrip("0").rstrip(".") if "." in f"{fees:f}" else f"{fees:f}"
    return f"本年度共收取信息处理费 {amount} 元（按缴费日期统计）。"


class TextsPanel(QWidget):
    texts_saved = Signal(int)
    """The three texts were saved; carries the year."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.year = 0
        self.version = 0
        self.locked = False
        self.previous: tuple[str, str, str] = ("", "", "")
        self._saved: tuple[str, str, str] = ("", "", "")  # as stored when loaded: what a conflict compares to
        self.conflict: ConflictDialog | None = None
        self._build()
        self._lay_out()
        self._connect()

    def _build(self) -> None:
        self.part1 = self._editor(self.tr("概述本年度政府信息公开工作的总体情况……"))
        self.part5 = self._editor(self.tr("写明存在的主要问题和改进措施……"))
        self.part6 = self._editor(self.tr("其他需要报告的事项……"))
        self.fees = QLabel(self)
        self.fees.setObjectName("feesCollected")
        self.fees.setWordWrap(True)
        apply_style(self.fees, Sheet.FEES)
        self.fee_hint = QLabel(
            self.tr("导出 Word 时，如第六部分文字没有提到信息处理费，将自动补上收费情况一句。"), self)
        self.fee_hint.setWordWrap(True)
        apply_style(self.fee_hint, Sheet.HINT)
        self.status = QLabel(self)
        self.status.setObjectName("textsStatus")
        self.previous_button = QPushButton(self.tr("使用上一年度文字"), self)
        self.save_button = QPushButton(self.tr("保存"), self)
        self.save_button.setObjectName("saveTexts")
        apply_style(self.save_button, Sheet.PRIMARY_BUTTON)

    def _lay_out(self) -> None:
        column = QWidget(self)
        cl = QVBoxLayout(column)
        cl.setContentsMargins(0, 0, 0, 0)
        for title, editor, extra in ((PART_TITLES[0], self.part1, []), (PART_TITLES[4], self.part5, []),
                                     (PART_TITLES[5], self.part6, [self.fees, self.fee_hint])):
            box = QGroupBox(title, column)
            bl = QVBoxLayout(box)
            bl.addWidget(editor)
            for widget in extra:
                bl.addWidget(widget)
            cl.addWidget(box, 1)
        bar = QHBoxLayout()
        bar.addWidget(self.status, 1)
        bar.addWidget(self.previous_button)
        bar.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(column, 1)
        layout.addLayout(bar)

    def _connect(self) -> None:
        self.previous_button.clicked.connect(self.use_previous)
        self.save_button.clicked.connect(self._on_save)
        for editor in (self.part1, self.part5, self.part6):
            editor.textChanged.connect(self._update_state)

    def _editor(self, placeholder: str) -> QPlainTextEdit:
        editor = QPlainTextEdit(self)
        editor.setPlaceholderText(placeholder)
        editor.setMinimumHeight(80)
        return editor

    # -- state -------------------------------------------------------------------------------
    def texts(self) -> tuple[str, str, str]:
        return self.part1.toPlainText(), self.part5.toPlainText(), self.part6.toPlainText()

    def is_dirty(self) -> bool:
        return tuple(t.strip() for t in self.texts()) != self._saved

    def load(self, year: int, texts: tuple[str, str, str], version: int, locked: bool,
             previous: tuple[str, str, str], fees: Decimal) -> None:
        self.year, self.version, self.locked, self.previous = year, version, locked, previous
        self._saved = tuple(t.strip() for t in texts)  # type: ignore[assignment]
        for editor, text in zip((self.part1, self.part5, self.part6), texts, strict=True):
            editor.blockSignals(True)
            editor.setPlainText(text)
            editor.blockSignals(False)
            editor.setReadOnly(locked)
        self.fees.setText(self.tr("信息处理费：") + fee_text(fees))
        self._update_state()

    @Slot()
    def _update_state(self) -> None:
        dirty = self.is_dirty()
        self.save_button.setEnabled(dirty and not self.locked)
        self.previous_button.setEnabled(not self.locked and any(self.previous))
        if self.locked:
            self.status.setText(self.tr("本年度报告已锁定（已发布），文字不能修改。"))
            apply_style(self.status, Sheet.WARN)
        elif dirty:
            self.status.setText(self.tr("有未保存的修改。"))
            apply_style(self.status, Sheet.ERROR)
        elif not any(self._saved):
            hint = self.tr("本年度尚未填写。可点“使用上一年度文字”作为起点。") if any(self.previous) \
                else self.tr("本年度尚未填写。")
            self.status.setText(hint)
            apply_style(self.status, Sheet.HINT)
        else:
            self.status.setText(self.tr("已保存。"))
            apply_style(self.status, Sheet.OK)

    # -- actions -----------------------------------------------------------------------------
    @Slot()
    def use_previous(self) -> None:
        if not any(self.previous):
            return
        if any(t.strip() for t in self.texts()) and not prompts.ask(
                self, self.tr("使用上一年度文字"), self.tr("编辑框中已有文字，用上一年度的文字替换吗？")):
            return
        for editor, text in zip((self.part1, self.part5, self.part6), self.previous, strict=True):
            editor.setPlainText(text)

    @Slot()
    def _on_save(self) -> None:
        self.save()  # the slot returns nothing; save() tells callers whether it worked

    def save(self) -> bool:
        part1, part5, part6 = self.texts()
        year, expected = self.year, self.version

        def change(s: Session) -> int:
            try:
                return save_texts(s, self.ctx.actor, year, part1, part5, part6, expected).version
            except ConflictError as exc:
                raise RollBack(exc) from None  # theirs / yours, part by part (resolve_conflict)

        def rolled_back(value: object) -> None:
            if isinstance(value, ConflictError):
                self.resolve_conflict(str(value), ReportTexts(part1, part5, part6))

        ok, version = self.ctx.run(Op(change, parent=self, title=self.tr("保存报告文字"), on_rollback=rolled_back))
        if not ok or version is None:
            return False
        self.version = version
        self._saved = (part1.strip(), part5.strip(), part6.strip())
        self._update_state()
        self.texts_saved.emit(self.year)
        return True

    def resolve_conflict(self, message: str, mine: ReportTexts) -> ConflictDialog:
        """Someone saved the texts first: show the parts that differ and save the choice on theirs."""
        year, original = self.year, ReportTexts(*self._saved)
        theirs, version = read(self.ctx, lambda s: stored_texts(s, year))

        def chosen(keep_mine: set[str]) -> None:
            merged_texts = merged(theirs, mine, keep_mine)
            self.version, self._saved = version, (theirs.part1, theirs.part5, theirs.part6)
            for editor, text in zip((self.part1, self.part5, self.part6),
                                    (merged_texts.part1, merged_texts.part5, merged_texts.part6), strict=True):
                editor.setPlainText(text)
            self.save()

        self.conflict = open_conflict(self, message, text_differences(original, theirs, mine), chosen)
        return self.conflict
