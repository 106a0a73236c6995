"""What the screenshot scripts (tests/*/*_screenshots.py, for a human to look at) share."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget


def grab(widget: QWidget, path: Path, rounds: int = 5) -> None:
    """Save `widget` as a PNG once `rounds` passes of the event loop have laid it out and painted it."""
    app = QApplication.instance()
    assert app is not None
    for _ in range(rounds):
        app.processEvents()
    widget.grab().save(str(path))
    print("saved", path)
