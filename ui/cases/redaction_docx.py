"""A Word document in the redaction view: its paragraphs as text, marks shown black, selection marks."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QMouseEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from app.redaction.editing import MarkEditor
from app.redaction.grounds import Ground
from app.redaction.specs import MarkSpec


class DocxText(QPlainTextEdit):
    selection_marked = Signal(str)
    """The clerk selected text and it was marked; carries the text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("docxText")
        self.setReadOnly(True)
        self.data = b""
        self.paragraphs: list[str] = []
        self.editor: MarkEditor | None = None
        self.ground_of: Callable[[], Ground] = lambda: Ground.PRIVACY

    def load(self, data: bytes, editor: MarkEditor) -> None:
        from app.redaction.docx_redact import read_paragraphs

        self.data = data
        self.editor = editor
        # One block per paragraph (headers, footers and notes too), so block number = paragraph index.
        self.paragraphs = [p.text.replace("\n", " ") for p in read_paragraphs(data)]
        self.setPlainText("\n".join(self.paragraphs))
        self.show_marks(editor)

    def show_marks(self, editor: MarkEditor) -> None:
        fmt = QTextCharFormat()
        fmt.setBackground(QColor("black"))
        fmt.setForeground(QColor("white"))
        suggested = QTextCharFormat()
        suggested.setBackground(QColor(255, 152, 0, 90))
        selections = []
        for spec, style in [(m, fmt) for m in editor.marks] + [
            (s.spec, suggested) for s in editor.suggestions if s.answer == "open"
        ]:
            cursor = self._cursor(spec)
            if cursor is not None:
                extra = QTextEdit.ExtraSelection()
                extra.cursor = cursor
                extra.format = style
                selections.append(extra)
        self.setExtraSelections(selections)

    def _cursor(self, spec: MarkSpec) -> QTextCursor | None:
        if spec.paragraph is None or spec.start is None or spec.end is None:
            return None
        block = self.document().findBlockByNumber(spec.paragraph)
        if not block.isValid():
            return None
        cursor = QTextCursor(block)
        cursor.setPosition(block.position() + spec.start)
        cursor.setPosition(block.position() + spec.end, QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def mark_selection(self, ground: Ground) -> str:
        """Mark the selected text (within one paragraph); returns it, or "" when nothing was marked."""
        cursor = self.textCursor()
        if self.editor is None or not cursor.hasSelection():
            return ""
        start, end = sorted((cursor.anchor(), cursor.position()))
        block = self.document().findBlock(start)
        if block != self.document().findBlock(end) and end != block.position() + block.length():
            end = block.position() + block.length() - 1  # a selection over paragraphs stops at the first one's end
        offset = block.position()
        text = self.paragraphs[block.blockNumber()][start - offset : end - offset]
        if not text.strip():
            return ""
        self.editor.add(MarkSpec(ground, None, (), text, block.blockNumber(), start - offset, end - offset))
        return text

    def mark_everywhere(self, editor: MarkEditor, text: str, ground: Ground) -> int:
        from app.redaction.docx_redact import DocxParagraph
        from app.redaction.docx_support import docx_occurrences
        from app.redaction.editing import docx_spec_of

        paragraphs = [DocxParagraph(i, "", p) for i, p in enumerate(self.paragraphs)]
        return editor.add_new(docx_spec_of(m) for m in docx_occurrences(paragraphs, text, ground))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        text = self.mark_selection(self.ground_of())
        if text:
            self.selection_marked.emit(text)
