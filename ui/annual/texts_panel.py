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

from app.annual.layout import PART_TITLES
from app.annual.service import save_texts
from ui.annual import prompts
from ui.context import AppContext
from ui.operations import Op
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
        self._saved: tuple[str, str, str] = ("", "", "")
        self.part1 = self._editor(self.tr("概述本年度政府信息公开工作的总体情况……"))
        self.part5 = self._editor(self.tr("写明存在的主要问题和改进措施……"))
        self.part6 = self._editor(self.tr("其他需要报告的事项……"))
        self.fees = QLabel(self)
        self.fees.setObjectName("feesCollected")
        self.fees.setWordWrap(True)
        apply_style(self.fees, Sheet.FEES)
        fee_hint = QLabel(self.tr("导出 Word 时，如第六部分文字没有提到信息处理费，将自动补上收费情况一句。"), self)
        fee_hint.setWordWrap(True)
        apply_style(fee_hint, Sheet.HINT)

        column = QWidget(self)
        cl = QVBoxLayout(column)
        cl.setContentsMargins(0, 0, 0, 0)
        for title, editor, extra in ((PART_TITLES[0], self.part1, []), (PART_TITLES[4], self.part5, []),
                                     (PART_TITLES[5], self.part6, [self.fees, fee_hint])):
            box = QGroupBox(title, column)
            bl = QVBoxLayout(box)
            bl.addWidget(editor)
            for widget in extra:
                bl.addWidget(widget)
            cl.addWidget(box, 1)

        self.status = QLabel(self)
        self.status.setObjectName("textsStatus")
        self.previous_button = QPushButton(self.tr("使用上一年度文字"), self)
        self.save_button = QPushButton(self.tr("保存"), self)
        self.save_button.setObjectName("saveTexts")
        apply_style(self.save_button, Sheet.PRIMARY_BUTTON)
        bar = QHBoxLayout()
        bar.addWidget(self.status, 1)
        bar.addWidget(self.previous_button)
        bar.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(column, 1)
        layout.addLayout(bar)
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
        ok, version = self.ctx.run(Op(
            lambda s: save_texts(s, self.ctx.actor, year, part1, part5, part6, expected).version,
            parent=self, title=self.tr("保存报告文字")))
        if not ok or version is None:
            return False
        self.version = version
        self._saved = (part1.strip(), part5.strip(), part6.strip())
        self._update_state()
        self.texts_saved.emit(self.year)
        return True
