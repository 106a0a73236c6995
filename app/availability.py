"""What an actor may do to a record now, and in Chinese why not: one answer for the service and the widget.

Each area has one function (`reply_actions_for`, `post_actions_for`, `item_actions_for`,
`lock_actions_for`) that returns an `Availability`. The service calls `.require(action)` and so refuses
with exactly the reason the widget shows beside its disabled button (`.reason(action)`), and the widget
asks its confirmation question only after `.allowed(action)`; the rule is written once, in app/.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from app.errors import ConflictError, PermissionDenied, UserError, ValidationError

A = TypeVar("A")


@dataclass(frozen=True)
class Refusal:
    """Why an action is not available. `permission` marks the actor's roles or person as the cause (the
    service raises PermissionDenied), `conflict` someone else's action just now (ConflictError),
    otherwise the record's state is (ValidationError on `field`)."""

    text: str
    permission: bool = False
    field: str | None = None
    conflict: bool = False

    def error(self) -> UserError:
        if self.permission:
            return PermissionDenied(self.text)
        return ConflictError(self.text) if self.conflict else ValidationError(self.text, field=self.field)


def refused_for_roles(text: str) -> Refusal | None:
    """`Actor.lacks(...)` as a refusal: None when the actor holds one of the roles."""
    return Refusal(text, permission=True) if text else None


def first(*refusals: Refusal | None) -> Refusal | None:
    """The first reason in the order the service checks them (the one the user fixes first)."""
    return next((r for r in refusals if r is not None), None)


@dataclass(frozen=True)
class Availability(Generic[A]):
    """The actions of one record for one actor: every action not in `refused` is available."""

    actions: tuple[A, ...]
    refused: Mapping[A, Refusal] = field(default_factory=dict)

    @classmethod
    def of(cls, checks: Mapping[A, Refusal | None]) -> Availability[A]:
        return cls(tuple(checks), {a: r for a, r in checks.items() if r is not None})

    def allowed(self, action: A) -> bool:
        return action in self.actions and action not in self.refused

    def reason(self, action: A) -> str:
        """'' when allowed; otherwise the sentence the service refuses with."""
        refusal = self.refused.get(action)
        return refusal.text if refusal is not None else ""

    def available(self) -> list[A]:
        return [a for a in self.actions if a not in self.refused]

    def require(self, action: A) -> None:
        """Raise the refusal of `action` (PermissionDenied or ValidationError) unless it is available."""
        if action not in self.actions:
            raise ValueError(f"unknown action {action!r}")
        refusal = self.refused.get(action)
        if refusal is not None:
            raise refusal.error()

