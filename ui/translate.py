"""`tr` for texts outside a QObject (module-level column titles, helper functions): the same lookup
as `self.tr`, in a context named once per module, so each list and filter bar keeps its own
translation context (e.g. "CaseListModel") as before."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication


def translator(context: str) -> Callable[[str], str]:
    def tr(text: str) -> str:
        return QCoreApplication.translate(context, text)

    return tr
