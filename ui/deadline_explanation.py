"""期限计算: one dialog for the arithmetic behind a deadline (a case's reply, an item's publication),
to check by hand or explain to a leader. The areas give the title, the rule in the heading and the text."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from ui.style import Sheet, apply_style


class DeadlineExplanationDialog(QDialog):
    """Heading, the explanation in a read-only browser named "deadlineText", and one 关闭 button.

    `close` is the standard button that carries 关闭: Ok accepts the dialog, Close rejects it.
    """

    def __init__(self, title: str, heading: str, explanation: str, min_width: int, min_height: int,
                 parent: QWidget | None = None, *,
                 close: QDialogButtonBox.StandardButton = QDialogButtonBox.StandardButton.Close) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumSize(min_width, min_height)
        self._build(heading, explanation, close)
        self._lay_out()
        self._connect()

    def _build(self, heading: str, explanation: str, close: QDialogButtonBox.StandardButton) -> None:
        self.heading = QLabel(heading, self)
        apply_style(self.heading, Sheet.HEADING)
        self.text = QTextBrowser(self)
        self.text.setObjectName("deadlineText")
        self.text.setPlainText(explanation)
        self.buttons = QDialogButtonBox(close, self)
        self.buttons.button(close).setText(self.tr("关闭"))

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.buttons)

    def _connect(self) -> None:
        # Only one of the two fires: an Ok button accepts, a Close button rejects.
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
