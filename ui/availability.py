"""Showing an `app.availability.Availability` on widgets: a button is on when its action is available,
and says why not in its tooltip; a question is asked only after the action is known to be allowed."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QWidget

from app.availability import Availability
from ui.messages import show_error

A = TypeVar("A")
_OWN_TIP = "availabilityOwnTip"


def offer(availability: Availability[A] | None, action: A, *widgets: QWidget) -> bool:
    """Enable `widgets` when `action` is available (None: nothing is known yet, all off). The last
    widget (the button) shows the refusal as its tooltip, and its own tooltip again once allowed."""
    allowed = availability is not None and availability.allowed(action)
    for widget in widgets:
        widget.setEnabled(allowed)
    button = widgets[-1]
    if button.property(_OWN_TIP) is None:
        button.setProperty(_OWN_TIP, button.toolTip())
    reason = availability.reason(action) if availability is not None else ""
    button.setToolTip(reason or str(button.property(_OWN_TIP)))
    return allowed


def refused(parent: QWidget, availability: Availability[A], action: A, title: str | None = None) -> bool:
    """True (and the reason shown) when `action` is not available: the caller stops before asking
    its confirmation question, so a refused user is never asked and then told no."""
    if availability.allowed(action):
        return False
    show_error(parent, availability.reason(action), title=title)
    return True
