"""What the case widgets share for running services: reads, and the question asked before a change.

Changes run through `ctx.run(Op(...))` (ui/operations.py)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from ui.messages import confirm
from ui.operations import read

__all__ = ["ask", "read"]

# Replaceable in GUI tests: confirm() blocks in a nested event loop, which a test cannot answer.
ask: Callable[[QWidget | None, str, str], bool] = confirm
